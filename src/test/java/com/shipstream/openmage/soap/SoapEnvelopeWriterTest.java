package com.shipstream.openmage.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SoapEnvelopeWriterTest {
    private final SoapEnvelopeWriter writer = new SoapEnvelopeWriter();

    @Test
    void typesEveryValueAsPhpDoes() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("s", "a<&>b");
        map.put("i", 5L);
        map.put("f", 3.0);
        map.put("b", true);
        map.put("n", null);
        map.put(7L, List.of());
        map.put("l", List.of("x", "y"));
        map.put("maps", List.of(Map.of("k", 1L)));
        map.put("mixed", Arrays.asList("x", 1L));

        String xml = writer.response("urn:OpenMage", "call", "callReturn", map);

        assertThat(xml).contains("<ns1:callResponse><callReturn xsi:type=\"ns2:Map\">")
                .contains("<item><key xsi:type=\"xsd:string\">s</key><value xsi:type=\"xsd:string\">a&lt;&amp;&gt;b</value></item>")
                .contains("<value xsi:type=\"xsd:int\">5</value>")
                .contains("<value xsi:type=\"xsd:float\">3</value>")
                .contains("<value xsi:type=\"xsd:boolean\">true</value>")
                .contains("<key xsi:type=\"xsd:string\">n</key><value xsi:nil=\"true\"/>")
                .contains("<key xsi:type=\"xsd:int\">7</key><value SOAP-ENC:arrayType=\"xsd:ur-type[0]\" xsi:type=\"SOAP-ENC:Array\"/>")
                .contains("<value SOAP-ENC:arrayType=\"xsd:string[2]\" xsi:type=\"SOAP-ENC:Array\"><item xsi:type=\"xsd:string\">x</item>")
                .contains("SOAP-ENC:arrayType=\"ns2:Map[1]\"")
                .contains("SOAP-ENC:arrayType=\"xsd:ur-type[2]\"");
    }

    @Test
    void floatsAreWrittenInTheirShortestForm() {
        assertThat(PhpValues.formatFloat(-5.0)).isEqualTo("-5");
        assertThat(PhpValues.formatFloat(10.2)).isEqualTo("10.2");
        assertThat(PhpValues.formatFloat(0.30000000000000004)).isEqualTo("0.30000000000000004");
        assertThat(PhpValues.formatFloat(1.5e20)).isEqualTo("1.5E+20");
        assertThat(PhpValues.formatFloat(1.0e-5)).isEqualTo("1.0E-5");
    }

    @Test
    void charactersXmlCannotCarryArriveAsText() {
        String xml = writer.response("urn:OpenMage", "call", "callReturn", "bell\u0007 and cr\r");
        assertThat(xml).contains(">bell&amp;#7; and cr&#13;</callReturn>");
    }

    @Test
    void whatItWritesReadsBackTheSame() {
        Map<Object, Object> value = new LinkedHashMap<>();
        value.put("text", "Grüße <&> 東京 😀\nline");
        value.put(3L, Arrays.asList(1L, 2.5, false, null, List.of(), Map.of("deep", List.of("x"))));
        String xml = writer.response("urn:OpenMage", "call", "callReturn", value);

        SoapRequest decoded = new SoapEnvelopeReader(1 << 20, 32, 10_000)
                .read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

        assertThat(decoded.operation()).isEqualTo("callResponse");
        assertThat(decoded.part("callReturn", 0)).isEqualTo(value);
    }

    @Test
    void faultsCarryABareCode() {
        String xml = writer.fault(new SoapFault("5", "Session expired. Try to relogin."));
        assertThat(xml).contains("<SOAP-ENV:Fault><faultcode>5</faultcode><faultstring>Session expired. Try to relogin.</faultstring>"
                + "</SOAP-ENV:Fault>").doesNotContain("detail");
    }
}
