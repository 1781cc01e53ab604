package com.shipstream.openmage.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hand-written SOAP requests over plain HTTP, for what PHP's client would never send (broken or
 * hostile bodies) and for load (many calls without a PHP process each).
 */
public class RawSoap {
    /** The envelope's start, without an XML declaration (so a test may put a DOCTYPE before it). */
    public static final String ENVELOPE_OPEN = "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"urn:OpenMage\""
            + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
            + " xmlns:SOAP-ENC=\"http://schemas.xmlsoap.org/soap/encoding/\" xmlns:ns2=\"http://xml.apache.org/xml-soap\""
            + " SOAP-ENV:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><SOAP-ENV:Body>";
    public static final String ENVELOPE_CLOSE = "</SOAP-ENV:Body></SOAP-ENV:Envelope>";
    private static final Pattern FAULT_CODE = Pattern.compile("<faultcode>([^<]*)</faultcode>");
    private static final Pattern FAULT_STRING = Pattern.compile("<faultstring>([^<]*)</faultstring>");
    private static final Pattern RETURN = Pattern.compile("Return xsi:type=\"xsd:string\">([^<]*)<");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;

    public RawSoap(String endpoint) {
        this.endpoint = URI.create(endpoint);
    }

    public static String login(String user, String key) {
        return ENVELOPE_OPEN + "<ns1:login><username xsi:type=\"xsd:string\">" + user + "</username><apiKey xsi:type=\"xsd:string\">"
                + key + "</apiKey></ns1:login>" + ENVELOPE_CLOSE;
    }

    /** A {@code call} whose {@code args} element is given as XML (e.g. a SOAP-ENC:Array). */
    public static String call(String sessionId, String path, String argsXml) {
        return ENVELOPE_OPEN + "<ns1:call><sessionId xsi:type=\"xsd:string\">" + sessionId + "</sessionId>"
                + "<resourcePath xsi:type=\"xsd:string\">" + path + "</resourcePath>" + argsXml + "</ns1:call>" + ENVELOPE_CLOSE;
    }

    public static String stringArgs(String... values) {
        return args((Object[]) values);
    }

    /**
     * {@code <args>} as a SOAP-ENC:Array, encoded as PHP's SoapClient encodes it: String, Long/Integer
     * (xsd:int), Double (xsd:float), Boolean, null, List (SOAP-ENC:Array) and Map (ns2:Map).
     */
    public static String args(Object... values) {
        StringBuilder xml = new StringBuilder();
        element(xml, "args", java.util.Arrays.asList(values));
        return xml.toString();
    }

    private static void element(StringBuilder xml, String name, Object value) {
        if (value == null) {
            xml.append('<').append(name).append(" xsi:nil=\"true\"/>");
        } else if (value instanceof java.util.List<?> list) {
            xml.append('<').append(name).append(" SOAP-ENC:arrayType=\"xsd:ur-type[").append(list.size())
                    .append("]\" xsi:type=\"SOAP-ENC:Array\">");
            list.forEach(item -> element(xml, "item", item));
            xml.append("</").append(name).append('>');
        } else if (value instanceof java.util.Map<?, ?> map) {
            xml.append('<').append(name).append(" xsi:type=\"ns2:Map\">");
            map.forEach((k, v) -> {
                xml.append("<item>");
                element(xml, "key", String.valueOf(k));
                element(xml, "value", v);
                xml.append("</item>");
            });
            xml.append("</").append(name).append('>');
        } else {
            String type = value instanceof Double ? "xsd:float" : value instanceof Boolean ? "xsd:boolean"
                    : value instanceof Number ? "xsd:int" : "xsd:string";
            String text = value instanceof Boolean b ? (b ? "true" : "false") : String.valueOf(value)
                    .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            xml.append('<').append(name).append(" xsi:type=\"").append(type).append("\">").append(text)
                    .append("</").append(name).append('>');
        }
    }

    public HttpResponse<String> post(String body) {
        return send(HttpRequest.newBuilder(endpoint).header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"urn:Action\"").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Logs in and returns the session id. */
    public String sessionFor(String user, String key) {
        HttpResponse<String> response = post(login(user, key));
        String id = returnedString(response.body());
        if (id == null) {
            throw new AssertionError("login failed: " + response.body());
        }
        return id;
    }

    public static String faultCode(String body) {
        Matcher m = FAULT_CODE.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    public static String faultString(String body) {
        Matcher m = FAULT_STRING.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    public static String returnedString(String body) {
        Matcher m = RETURN.matcher(body);
        return m.find() ? m.group(1) : null;
    }
}
