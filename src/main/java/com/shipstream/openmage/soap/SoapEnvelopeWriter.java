package com.shipstream.openmage.soap;

import static com.shipstream.openmage.soap.SoapNamespaces.APACHE_SOAP;
import static com.shipstream.openmage.soap.SoapNamespaces.ENCODING;
import static com.shipstream.openmage.soap.SoapNamespaces.ENVELOPE;
import static com.shipstream.openmage.soap.SoapNamespaces.XSD;
import static com.shipstream.openmage.soap.SoapNamespaces.XSI;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Encodes responses exactly as PHP's SoapServer does for Magento's v1 WSDL. Every value carries an
 * {@code xsi:type} (an untyped value reaches PHP's SoapClient as an object and breaks ShipStream's
 * client): strings, ints, floats and booleans as xsd types, lists as {@code SOAP-ENC:Array} with an
 * {@code arrayType}, associative arrays as Apache {@code ns2:Map}, null as {@code xsi:nil}.
 */
public class SoapEnvelopeWriter {
    private static final String ENVELOPE_OPEN_TAIL = " xmlns:xsd=\"" + XSD + "\" xmlns:xsi=\"" + XSI + "\""
            + " xmlns:ns2=\"" + APACHE_SOAP + "\" xmlns:SOAP-ENC=\"" + ENCODING + "\""
            + " SOAP-ENV:encodingStyle=\"" + ENCODING + "\"><SOAP-ENV:Body>";
    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    /** The response to {@code operation}: {@code <ns1:operationResponse><partName xsi:type=..>value</partName>}. */
    public String response(String namespace, String operation, String returnPart, Object value) {
        StringBuilder out = new StringBuilder(256);
        out.append(XML_DECLARATION)
                .append("<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"").append(ENVELOPE).append("\" xmlns:ns1=\"");
        escape(namespace, out, true);
        out.append('"').append(ENVELOPE_OPEN_TAIL)
                .append("<ns1:").append(operation).append("Response>");
        element(returnPart, value, out);
        out.append("</ns1:").append(operation).append("Response></SOAP-ENV:Body></SOAP-ENV:Envelope>\n");
        return out.toString();
    }

    /**
     * A request, as PHP's {@code SoapClient} writes one: {@code <ns1:operation>} with each part typed
     * (used to forward a single call of a {@code multiCall} to the store's own API).
     */
    public String request(String namespace, String operation, Map<String, Object> parts) {
        StringBuilder out = new StringBuilder(256);
        out.append(XML_DECLARATION)
                .append("<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"").append(ENVELOPE).append("\" xmlns:ns1=\"");
        escape(namespace, out, true);
        out.append('"').append(ENVELOPE_OPEN_TAIL).append("<ns1:").append(operation).append('>');
        parts.forEach((name, value) -> element(name, value, out));
        out.append("</ns1:").append(operation).append("></SOAP-ENV:Body></SOAP-ENV:Envelope>\n");
        return out.toString();
    }

    /** A fault: bare {@code faultcode} and {@code faultstring}, no detail, as Magento answers. */
    public String fault(SoapFault fault) {
        StringBuilder out = new StringBuilder(256);
        out.append(XML_DECLARATION)
                .append("<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"").append(ENVELOPE)
                .append("\"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>");
        escape(fault.faultCode(), out, false);
        out.append("</faultcode><faultstring>");
        escape(fault.faultString() == null ? "" : fault.faultString(), out, false);
        out.append("</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>\n");
        return out.toString();
    }

    private void element(String name, Object value, StringBuilder out) {
        out.append('<').append(name);
        if (value == null) {
            out.append(" xsi:nil=\"true\"/>");
            return;
        }
        if (value instanceof List<?> list) {
            out.append(" SOAP-ENC:arrayType=\"").append(itemType(list)).append('[').append(list.size())
                    .append("]\" xsi:type=\"SOAP-ENC:Array\"");
            if (list.isEmpty()) {
                out.append("/>");
                return;
            }
            out.append('>');
            for (Object item : list) {
                element("item", item, out);
            }
        } else if (value instanceof Map<?, ?> map) {
            out.append(" xsi:type=\"ns2:Map\">");
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append("<item>");
                element("key", mapKey(entry.getKey()), out);
                element("value", entry.getValue(), out);
                out.append("</item>");
            }
        } else {
            out.append(" xsi:type=\"").append(scalarType(value)).append("\">");
            escape(scalarText(value), out, false);
        }
        out.append("</").append(name).append('>');
    }

    private static Object mapKey(Object key) {
        return isInteger(key) ? key : String.valueOf(key);
    }

    /** The arrayType PHP writes: the items' common type, or {@code xsd:ur-type} when mixed or empty. */
    private static String itemType(List<?> list) {
        String common = null;
        for (Object item : list) {
            String type = typeOf(item);
            if (common == null) {
                common = type;
            } else if (!common.equals(type)) {
                return "xsd:ur-type";
            }
        }
        return common == null ? "xsd:ur-type" : common;
    }

    private static String typeOf(Object value) {
        if (value == null) {
            return "xsd:ur-type";
        }
        if (value instanceof List) {
            return "SOAP-ENC:Array";
        }
        if (value instanceof Map) {
            return "ns2:Map";
        }
        return scalarType(value);
    }

    private static String scalarType(Object value) {
        if (value instanceof String || value instanceof BigDecimal || value instanceof Character) {
            return "xsd:string";
        }
        if (value instanceof Boolean) {
            return "xsd:boolean";
        }
        if (isInteger(value)) {
            return "xsd:int";
        }
        if (value instanceof Double || value instanceof Float) {
            return "xsd:float";
        }
        throw new IllegalArgumentException("cannot encode a " + value.getClass().getName()
                + " as a PHP value; convert it to a string, number, boolean, list or map first");
    }

    private static boolean isInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger;
    }

    private static String scalarText(Object value) {
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        return PhpValues.toPhpString(value);
    }

    /**
     * XML-escapes text. Characters XML 1.0 cannot carry are first replaced by the literal text
     * {@code &#N;}, as Magento's API sanitizer does, so the client receives that text instead of a
     * broken document. Carriage returns are written as {@code &#13;} so they survive parsing.
     */
    static void escape(String text, StringBuilder out, boolean attribute) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\r' -> out.append("&#13;");
                case '\t', '\n' -> out.append(c);
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (c < 0x20 || c == 0xFFFE || c == 0xFFFF || Character.isSurrogate(c)) {
                        out.append("&amp;#").append((int) c).append(';');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
