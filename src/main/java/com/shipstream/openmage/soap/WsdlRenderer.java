package com.shipstream.openmage.soap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Renders Magento's SOAP v1 WSDL (rpc/encoded, which CXF will not build from a WSDL, so it is served
 * as text) for the address a client used, so PHP's SoapClient posts back to that same address.
 */
@Component
public class WsdlRenderer {
    /** The operations, in the order of Magento's WSDL. */
    static final List<String> OPERATIONS = List.of("call", "multiCall", "endSession", "login", "startSession",
            "resources", "globalFaults", "resourceFaults");

    private final String template;

    public WsdlRenderer(SoapProperties properties) {
        String namespace = properties.namespace();
        StringBuilder operations = new StringBuilder();
        for (String operation : OPERATIONS) {
            operations.append("        <operation name=\"").append(operation).append("\">\n")
                    .append("            <soap:operation soapAction=\"urn:Action\" />\n");
            for (String direction : List.of("input", "output")) {
                operations.append("            <").append(direction).append(">\n")
                        .append("                <soap:body namespace=\"").append(namespace)
                        .append("\" use=\"encoded\" encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\" />\n")
                        .append("            </").append(direction).append(">\n");
            }
            operations.append("        </operation>\n");
        }
        try (InputStream in = WsdlRenderer.class.getResourceAsStream("/soap/api-v1.wsdl")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{{name}}", properties.wsdlName())
                    .replace("{{operations}}\n", operations.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The WSDL advertising {@code serviceUrl} as the endpoint's address. */
    public String render(String serviceUrl) {
        StringBuilder escaped = new StringBuilder();
        SoapEnvelopeWriter.escape(serviceUrl, escaped, true);
        return template.replace("{{url}}", escaped.toString());
    }
}
