package com.shipstream.openmage.soap;

import static com.shipstream.openmage.support.RawSoap.ENVELOPE_CLOSE;
import static com.shipstream.openmage.support.RawSoap.ENVELOPE_OPEN;
import static com.shipstream.openmage.support.RawSoap.faultCode;
import static com.shipstream.openmage.support.RawSoap.faultString;
import static org.assertj.core.api.Assertions.assertThat;

import com.shipstream.openmage.support.RawSoap;
import com.shipstream.openmage.support.ServiceTest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests ShipStream's client would never send: each gets a clear fault, writes nothing, and the
 * service goes on serving. The test profile limits bodies to 2 MB.
 */
class BadInputTest extends ServiceTest {
    private RawSoap soap;
    private String user;

    @BeforeEach
    void setUp() {
        soap = new RawSoap(soapUrl());
        user = shipstreamUser();
    }

    @Test
    void malformedXmlIsAClientFault() {
        for (String body : List.of("<SOAP-ENV:Envelope", "{\"json\": true}", ENVELOPE_OPEN + "<ns1:login><username>x</ns1:login>")) {
            HttpResponse<String> response = soap.post(body);
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(faultCode(response.body())).isEqualTo("SOAP-ENV:Client");
            assertThat(faultString(response.body())).startsWith("Bad Request");
        }
        assertServiceStillServes();
    }

    @Test
    void aDtdIsRefusedAndItsEntitiesNeverResolved() {
        String body = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + ENVELOPE_OPEN
                + "<ns1:login><username xsi:type=\"xsd:string\">&x;</username><apiKey xsi:type=\"xsd:string\">k</apiKey></ns1:login>"
                + ENVELOPE_CLOSE;
        HttpResponse<String> response = soap.post(body);
        assertThat(faultCode(response.body())).isEqualTo("SOAP-ENV:Client");
        assertThat(faultString(response.body())).contains("DTD are not supported");
        assertThat(response.body()).doesNotContain("root:");
        assertServiceStillServes();
    }

    @Test
    void oversizedBodiesAreRefusedAnnouncedOrStreamed() {
        String big = ENVELOPE_OPEN + "<ns1:login><username xsi:type=\"xsd:string\">" + "x".repeat(3 << 20) + "</username></ns1:login>"
                + ENVELOPE_CLOSE;
        HttpResponse<String> announced = soap.post(big);
        assertThat(announced.statusCode()).isEqualTo(413);
        assertThat(faultString(announced.body())).contains("exceeds 2097152 bytes");

        // no Content-Length (chunked): the reader stops at the limit
        InputStream chunks = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream((ENVELOPE_OPEN + "<ns1:login><username xsi:type=\"xsd:string\">").getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream("y".repeat(3 << 20).getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream(("</username></ns1:login>" + ENVELOPE_CLOSE).getBytes(StandardCharsets.UTF_8)))));
        HttpResponse<String> streamed = soap.send(HttpRequest.newBuilder(URI.create(soapUrl()))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofInputStream(() -> chunks)).build());
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(faultCode(streamed.body())).isEqualTo("SOAP-ENV:Client");
        assertServiceStillServes();
    }

    @Test
    void excessiveNestingIsRefused() {
        String session = soap.sessionFor(user, KEY);
        String deep = "<args SOAP-ENC:arrayType=\"xsd:ur-type[1]\" xsi:type=\"SOAP-ENC:Array\">"
                + "<item SOAP-ENC:arrayType=\"xsd:ur-type[1]\" xsi:type=\"SOAP-ENC:Array\">".repeat(80)
                + "</item>".repeat(80) + "</args>";
        HttpResponse<String> response = soap.post(RawSoap.call(session, "shipstream.set_config", deep));
        assertThat(faultString(response.body())).contains("nested deeper than 64 levels");
        assertServiceStillServes();
    }

    @Test
    void missingOrWronglyTypedArgumentsAreFaultSixAndWriteNothing() {
        String session = soap.sessionFor(user, KEY);
        String path = uniqueName("typed");
        String listAsPath = "<args SOAP-ENC:arrayType=\"xsd:ur-type[2]\" xsi:type=\"SOAP-ENC:Array\">"
                + "<item SOAP-ENC:arrayType=\"xsd:string[1]\" xsi:type=\"SOAP-ENC:Array\"><item xsi:type=\"xsd:string\">" + path
                + "</item></item><item xsi:type=\"xsd:string\">v</item></args>";

        HttpResponse<String> wrongType = soap.post(RawSoap.call(session, "shipstream.set_config", listAsPath));
        HttpResponse<String> missing = soap.post(RawSoap.call(session, "shipstream.set_config", RawSoap.stringArgs(path)));
        HttpResponse<String> noArgs = soap.post(RawSoap.call(session, "shipstream.set_config", ""));
        HttpResponse<String> unknownName = soap.post(RawSoap.call(session, "shipstream.set_config",
                "<args xsi:type=\"ns2:Map\"><item><key xsi:type=\"xsd:string\">colour</key><value xsi:type=\"xsd:string\">red</value>"
                        + "</item></args>"));

        assertThat(faultCode(wrongType.body())).isEqualTo("6");
        assertThat(faultString(wrongType.body())).contains("\"path\"").contains("expected a string, got a list");
        assertThat(faultCode(missing.body())).isEqualTo("6");
        assertThat(faultString(missing.body())).contains("missing \"value\"");
        assertThat(faultCode(noArgs.body())).isEqualTo("6");
        assertThat(faultCode(unknownName.body())).isEqualTo("6");
        assertThat(faultString(unknownName.body())).contains("$colour");
        assertThat(flagRows(path)).isZero();
    }

    @Test
    void namedArgumentsBindByName() {
        String session = soap.sessionFor(user, KEY);
        String path = uniqueName("named");
        String named = "<args xsi:type=\"ns2:Map\"><item><key xsi:type=\"xsd:string\">value</key><value xsi:type=\"xsd:int\">5</value></item>"
                + "<item><key xsi:type=\"xsd:string\">path</key><value xsi:type=\"xsd:string\">" + path + "</value></item></args>";
        HttpResponse<String> response = soap.post(RawSoap.call(session, "shipstream.set_config", named));
        assertThat(response.body()).contains("<callReturn xsi:type=\"xsd:boolean\">true</callReturn>");
        assertThat(flagData(path)).isEqualTo("i:5;");
    }

    @Test
    void unknownOperationsAndEmptyCredentials() {
        HttpResponse<String> unknown = soap.post(ENVELOPE_OPEN + "<ns1:dropTables/>" + ENVELOPE_CLOSE);
        assertThat(faultCode(unknown.body())).isEqualTo("SOAP-ENV:Server");
        assertThat(faultString(unknown.body())).isEqualTo("Function 'dropTables' doesn't exist");

        HttpResponse<String> empty = soap.post(RawSoap.login("", ""));
        assertThat(faultCode(empty.body())).isEqualTo("6");

        HttpResponse<String> get = soap.send(HttpRequest.newBuilder(URI.create(soapUrl())).GET().build());
        assertThat(faultCode(get.body())).isEqualTo("SOAP-ENV:Client");
        assertServiceStillServes();
    }

    @Test
    void theUrnMagentoNamespaceIsAnsweredInKind() {
        HttpResponse<String> response = soap.post(RawSoap.login(user, KEY).replace("urn:OpenMage", "urn:Magento"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("xmlns:ns1=\"urn:Magento\"").contains("<ns1:loginResponse><loginReturn xsi:type=\"xsd:string\">");
    }

    private void assertServiceStillServes() {
        String session = soap.sessionFor(user, KEY);
        HttpResponse<String> info = soap.post(RawSoap.call(session, "shipstream.info", ""));
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).contains("magento_edition");
    }
}
