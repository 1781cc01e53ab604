package com.shipstream.openmage.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.shipstream.openmage.support.RawSoap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoapEnvelopeReaderTest {
    private static final String ENV_OPEN = RawSoap.ENVELOPE_OPEN;
    private static final String ENV_CLOSE = RawSoap.ENVELOPE_CLOSE;

    private final SoapEnvelopeReader reader = new SoapEnvelopeReader(1 << 20, 32, 10_000);

    private SoapRequest read(String body) {
        return reader.read(new ByteArrayInputStream((ENV_OPEN + body + ENV_CLOSE).getBytes(StandardCharsets.UTF_8)));
    }

    private Object args(String argsXml) {
        return read("<ns1:call><sessionId xsi:type=\"xsd:string\">s</sessionId><resourcePath xsi:type=\"xsd:string\">a.b</resourcePath>"
                + argsXml + "</ns1:call>").part("args", 2);
    }

    @Test
    void decodesTheCallOfAppendixA() {
        SoapRequest request = read("<ns1:call><sessionId xsi:type=\"xsd:string\">a1b2</sessionId><resourcePath xsi:type=\"xsd:string\">"
                + "shipstream.set_config</resourcePath><args SOAP-ENC:arrayType=\"xsd:string[2]\" xsi:type=\"SOAP-ENC:Array\">"
                + "<item xsi:type=\"xsd:string\">warehouse_api_url</item><item xsi:type=\"xsd:string\">https://x/?a=1&amp;m=%7B%7Bmethod%7D%7D</item>"
                + "</args></ns1:call>");

        assertThat(request.operation()).isEqualTo("call");
        assertThat(request.namespace()).isEqualTo("urn:OpenMage");
        assertThat(request.stringPart("sessionId", 0)).isEqualTo("a1b2");
        assertThat(request.part("args", 2)).isEqualTo(List.of("warehouse_api_url", "https://x/?a=1&m=%7B%7Bmethod%7D%7D"));
    }

    @Test
    void decodesEveryScalarType() {
        Object args = args("<args SOAP-ENC:arrayType=\"xsd:ur-type[7]\" xsi:type=\"SOAP-ENC:Array\">"
                + "<item xsi:type=\"xsd:int\">-5</item><item xsi:type=\"xsd:float\">2.5</item><item xsi:type=\"xsd:float\">3</item>"
                + "<item xsi:type=\"xsd:boolean\">true</item><item xsi:type=\"xsd:boolean\">false</item><item xsi:nil=\"true\"/>"
                + "<item xsi:type=\"xsd:string\">Grüße &lt;&amp;&gt; 東京&#13;\n</item></args>");

        assertThat(args).isEqualTo(Arrays.asList(-5L, 2.5, 3.0, true, false, null, "Grüße <&> 東京\r\n"));
    }

    @Test
    void decodesMapsWithStringAndIntKeysInOrder() {
        Object args = args("<args xsi:type=\"ns2:Map\"><item><key xsi:type=\"xsd:string\">b</key><value xsi:type=\"xsd:int\">1</value></item>"
                + "<item><key xsi:type=\"xsd:int\">7</key><value xsi:type=\"ns2:Map\"/></item>"
                + "<item><key xsi:type=\"xsd:string\">a</key><value SOAP-ENC:arrayType=\"xsd:ur-type[0]\" xsi:type=\"SOAP-ENC:Array\"/></item>"
                + "</args>");

        Map<Object, Object> expected = new LinkedHashMap<>();
        expected.put("b", 1L);
        expected.put(7L, Map.of());
        expected.put("a", List.of());
        assertThat(args).isEqualTo(expected);
        assertThat(List.copyOf(((Map<?, ?>) args).keySet())).isEqualTo(List.of("b", 7L, "a"));
    }

    @Test
    void untypedElementsBecomeStringsOrStructs() {
        assertThat(args("<args>100000001</args>")).isEqualTo("100000001");
        assertThat(args("<args><sku>A</sku><qty xsi:type=\"xsd:int\">2</qty></args>")).isEqualTo(Map.of("sku", "A", "qty", 2L));
    }

    @Test
    void aMissingPartIsNull() {
        SoapRequest request = read("<ns1:call><sessionId xsi:type=\"xsd:string\">s</sessionId></ns1:call>");
        assertThat(request.part("args", 2)).isNull();
        assertThat(request.part("resourcePath", 1)).isNull();
    }

    @Test
    void acceptsTheMagentoNamespaceToo() {
        SoapRequest request = reader.read(new ByteArrayInputStream((ENV_OPEN.replace("urn:OpenMage", "urn:Magento")
                + "<ns1:endSession><sessionId xsi:type=\"xsd:string\">s</sessionId></ns1:endSession>" + ENV_CLOSE)
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(request.operation()).isEqualTo("endSession");
        assertThat(request.namespace()).isEqualTo("urn:Magento");
    }

    @Test
    void malformedXmlIsAClientFault() {
        for (String body : List.of("<ns1:call><sessionId>", "not xml at all", "<a></b>", "")) {
            assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                    .isInstanceOf(SoapFault.class)
                    .satisfies(e -> assertThat(((SoapFault) e).faultCode()).isEqualTo("SOAP-ENV:Client"));
        }
    }

    @Test
    void wrongScalarsAreClientFaults() {
        assertThatThrownBy(() -> args("<args xsi:type=\"xsd:int\">twelve</args>")).isInstanceOf(SoapFault.class)
                .hasMessageContaining("not a valid xsd:int");
        assertThatThrownBy(() -> args("<args xsi:type=\"xsd:boolean\">maybe</args>")).isInstanceOf(SoapFault.class);
    }

    @Test
    void neverResolvesADtdOrAnExternalEntity(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>" + ENV_OPEN
                + "<ns1:login><username xsi:type=\"xsd:string\">&x;</username></ns1:login>" + ENV_CLOSE;
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>" + ENV_OPEN + "<ns1:login><username>&c;</username></ns1:login>" + ENV_CLOSE;

        for (String body : List.of(xxe, laughs)) {
            assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                    .isInstanceOf(SoapFault.class)
                    .hasMessageNotContaining("TOP-SECRET")
                    .hasMessageContaining("DTD are not supported")
                    .satisfies(e -> assertThat(((SoapFault) e).faultCode()).isEqualTo("SOAP-ENV:Client"));
        }
    }

    @Test
    void stopsAtTheSizeDepthAndElementLimits() {
        SoapEnvelopeReader small = new SoapEnvelopeReader(100_000, 8, 50);
        String nested = "<args xsi:type=\"ns2:Map\">" + "<item><key xsi:type=\"xsd:string\">k</key><value xsi:type=\"ns2:Map\">".repeat(6)
                + "</value></item>".repeat(6) + "</args>";
        String many = "<args SOAP-ENC:arrayType=\"xsd:int[60]\" xsi:type=\"SOAP-ENC:Array\">"
                + "<item xsi:type=\"xsd:int\">1</item>".repeat(60) + "</args>";
        String call = "<ns1:call><sessionId xsi:type=\"xsd:string\">s</sessionId>%s</ns1:call>";

        assertThatThrownBy(() -> small.read(stream(ENV_OPEN + call.formatted(nested) + ENV_CLOSE)))
                .isInstanceOf(SoapFault.class).hasMessageContaining("nested deeper than 8");
        assertThatThrownBy(() -> small.read(stream(ENV_OPEN + call.formatted(many) + ENV_CLOSE)))
                .isInstanceOf(SoapFault.class).hasMessageContaining("more than 50 elements");
        // an endless body is cut off at the limit, not read to its end
        List<InputStream> parts = new java.util.ArrayList<>();
        parts.add(stream(ENV_OPEN + "<ns1:login><username xsi:type=\"xsd:string\">"));
        for (int i = 0; i < 10_000; i++) {
            parts.add(stream("x".repeat(1000)));
        }
        InputStream endless = new SequenceInputStream(Collections.enumeration(parts));
        assertThatThrownBy(() -> small.read(endless)).isInstanceOf(SoapFault.class)
                .satisfies(e -> assertThat(((SoapFault) e).httpStatus()).isEqualTo(413))
                .hasMessageContaining("exceeds 100000 bytes");
    }

    @Test
    void soap12IsAVersionMismatch() {
        String body = "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body><login/></env:Body></env:Envelope>";
        assertThatThrownBy(() -> reader.read(stream(body))).isInstanceOf(SoapFault.class)
                .satisfies(e -> assertThat(((SoapFault) e).faultCode()).isEqualTo("SOAP-ENV:VersionMismatch"));
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
