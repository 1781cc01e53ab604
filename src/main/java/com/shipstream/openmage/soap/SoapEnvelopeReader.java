package com.shipstream.openmage.soap;

import static com.shipstream.openmage.soap.SoapNamespaces.APACHE_SOAP;
import static com.shipstream.openmage.soap.SoapNamespaces.ENCODING;
import static com.shipstream.openmage.soap.SoapNamespaces.ENVELOPE;
import static com.shipstream.openmage.soap.SoapNamespaces.SOAP12_ENVELOPE;
import static com.shipstream.openmage.soap.SoapNamespaces.XSD;
import static com.shipstream.openmage.soap.SoapNamespaces.XSI;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Decodes a SOAP 1.1 rpc/encoded request as PHP's {@code SoapClient} writes it into the PHP value
 * model of {@link PhpValues}. It never resolves a DTD or an entity, and it stops reading at the
 * configured limits (bytes, nesting depth, element count) with a client fault, so a hostile body
 * costs bounded memory and time.
 */
public class SoapEnvelopeReader {
    private final XMLInputFactory factory;
    private final long maxBytes;
    private final int maxDepth;
    private final int maxElements;

    public SoapEnvelopeReader(long maxBytes, int maxDepth, int maxElements) {
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
        this.maxElements = maxElements;
        this.factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external entities are not allowed");
        });
    }

    public SoapRequest read(InputStream body) {
        if (body == null) {
            throw SoapFault.client("Bad Request: empty body");
        }
        Parse parse = new Parse(new LimitedStream(body, maxBytes));
        try {
            return parse.envelope();
        } catch (XMLStreamException e) {
            if (parse.in.exceeded) {
                throw tooLarge();
            }
            throw SoapFault.client("Bad Request: malformed XML: " + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            if (parse.in.exceeded) {
                throw tooLarge();
            }
            throw e;
        } finally {
            parse.close();
        }
    }

    private SoapFault tooLarge() {
        return new SoapFault(SoapFault.CLIENT, "Request Entity Too Large: the body exceeds " + maxBytes + " bytes", 413);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable document";
        }
        String line = message.strip().lines().findFirst().orElse(message);
        return line.replaceFirst("^ParseError at \\[row,col]:\\[\\d+,\\d+]\\s*Message:\\s*", "");
    }

    /** The state of one parse: the reader, where it is, and how much it has seen. */
    private final class Parse {
        final LimitedStream in;
        XMLStreamReader xml;
        int depth;
        int elements;

        Parse(LimitedStream in) {
            this.in = in;
        }

        SoapRequest envelope() throws XMLStreamException {
            xml = factory.createXMLStreamReader(in);
            nextElement();
            if (SOAP12_ENVELOPE.equals(xml.getNamespaceURI())) {
                throw new SoapFault("SOAP-ENV:VersionMismatch", "Wrong Version: SOAP 1.2 is not served here; send SOAP 1.1");
            }
            expect(ENVELOPE, "Envelope");
            nextElement();
            if (isAt(ENVELOPE, "Header")) {
                skipElement();
                nextElement();
            }
            expect(ENVELOPE, "Body");
            nextElement();
            String operation = xml.getLocalName();
            String namespace = xml.getNamespaceURI() == null ? "" : xml.getNamespaceURI();
            Map<String, Object> parts = new LinkedHashMap<>();
            List<Object> inOrder = new ArrayList<>();
            while (nextChild()) {
                String name = xml.getLocalName();
                Object value = value();
                parts.put(name, value);
                inOrder.add(value);
            }
            return new SoapRequest(operation, namespace, parts, inOrder);
        }

        /** Reads the value of the element the reader is on, leaving the reader on its end tag. */
        Object value() throws XMLStreamException {
            if (xml.getAttributeValue(null, "href") != null) {
                throw SoapFault.client("Bad Request: multi-reference values (href) are not supported");
            }
            String nil = xml.getAttributeValue(XSI, "nil");
            if ("true".equals(nil) || "1".equals(nil)) {
                skipElement();
                return null;
            }
            String type = xml.getAttributeValue(XSI, "type");
            // an arrayType makes it an array whatever its declared type (PHP sends multiCall's
            // calls as xsi:type="ns1:FixedArray", the WSDL's restriction of SOAP-ENC:Array)
            if (xml.getAttributeValue(ENCODING, "arrayType") != null) {
                return list();
            }
            if (type == null) {
                return untyped();
            }
            String typeNs = namespaceOf(type);
            String typeName = type.substring(type.indexOf(':') + 1);
            if (ENCODING.equals(typeNs) && "Array".equals(typeName)) {
                return list();
            }
            if (APACHE_SOAP.equals(typeNs) && "Map".equals(typeName)) {
                return map();
            }
            if (ENCODING.equals(typeNs) && "Struct".equals(typeName)) {
                return struct();
            }
            if (XSD.equals(typeNs) || ENCODING.equals(typeNs)) {
                return scalar(typeName, text());
            }
            return untyped();
        }

        List<Object> list() throws XMLStreamException {
            List<Object> list = new ArrayList<>();
            while (nextChild()) {
                list.add(value());
            }
            return list;
        }

        /** An Apache SOAP Map: {@code <item><key/><value/></item>} pairs, keys kept as PHP would (ints stay ints). */
        Map<Object, Object> map() throws XMLStreamException {
            Map<Object, Object> map = new LinkedHashMap<>();
            while (nextChild()) {
                Object key = null;
                Object value = null;
                while (nextChild()) {
                    switch (xml.getLocalName()) {
                        case "key" -> key = value();
                        case "value" -> value = value();
                        default -> skipElement();
                    }
                }
                map.put(mapKey(key), value);
            }
            return map;
        }

        /** PHP's array-key rules: ints and integral strings become int keys, everything else a string. */
        Object mapKey(Object key) {
            if (key instanceof Long) {
                return key;
            }
            String text = key == null ? "" : PhpValues.toPhpString(key);
            if (text.matches("-?(0|[1-9][0-9]{0,17})")) {
                return Long.parseLong(text);
            }
            return text;
        }

        /** An element without a type: text becomes a string, children become a struct (PHP makes a stdClass). */
        Object untyped() throws XMLStreamException {
            StringBuilder text = new StringBuilder();
            while (true) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                            text.append(xml.getText());
                    case XMLStreamConstants.START_ELEMENT -> {
                        enter();
                        Map<Object, Object> struct = new LinkedHashMap<>();
                        structMember(struct);
                        fillStruct(struct);
                        return struct;
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        depth--;
                        return text.toString();
                    }
                    case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE -> throw noDtd();
                    default -> {
                    }
                }
            }
        }

        Map<Object, Object> struct() throws XMLStreamException {
            Map<Object, Object> struct = new LinkedHashMap<>();
            fillStruct(struct);
            return struct;
        }

        void fillStruct(Map<Object, Object> struct) throws XMLStreamException {
            while (nextChild()) {
                structMember(struct);
            }
        }

        @SuppressWarnings("unchecked")
        void structMember(Map<Object, Object> struct) throws XMLStreamException {
            String name = xml.getLocalName();
            Object value = value();
            if (struct.containsKey(name)) {
                // repeated member names become a list, as PHP does
                Object existing = struct.get(name);
                if (existing instanceof RepeatedMembers list) {
                    list.add(value);
                } else {
                    RepeatedMembers list = new RepeatedMembers();
                    list.add(existing);
                    list.add(value);
                    struct.put(name, list);
                }
            } else {
                struct.put(name, value);
            }
        }

        Object scalar(String type, String text) {
            try {
                return switch (type) {
                    case "int", "integer", "long", "short", "byte", "unsignedInt", "unsignedShort", "unsignedByte",
                         "unsignedLong", "nonNegativeInteger", "positiveInteger", "negativeInteger",
                         "nonPositiveInteger" -> Long.parseLong(text.strip());
                    case "float", "double", "decimal" -> parseFloat(text.strip());
                    case "boolean" -> parseBoolean(text.strip());
                    default -> text;
                };
            } catch (NumberFormatException e) {
                throw SoapFault.client("Bad Request: '" + abbreviate(text) + "' is not a valid xsd:" + type);
            }
        }

        double parseFloat(String text) {
            return switch (text) {
                case "INF" -> Double.POSITIVE_INFINITY;
                case "-INF" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(text);
            };
        }

        boolean parseBoolean(String text) {
            return switch (text) {
                case "true", "1" -> true;
                case "false", "0" -> false;
                default -> throw new NumberFormatException(text);
            };
        }

        String text() throws XMLStreamException {
            StringBuilder text = new StringBuilder();
            while (true) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                            text.append(xml.getText());
                    case XMLStreamConstants.END_ELEMENT -> {
                        depth--;
                        return text.toString();
                    }
                    case XMLStreamConstants.START_ELEMENT ->
                            throw SoapFault.client("Bad Request: element <" + xml.getLocalName() + "> inside a scalar value");
                    case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE -> throw noDtd();
                    default -> {
                    }
                }
            }
        }

        String namespaceOf(String qname) {
            int colon = qname.indexOf(':');
            String prefix = colon < 0 ? XMLConstants.DEFAULT_NS_PREFIX : qname.substring(0, colon);
            String uri = xml.getNamespaceContext().getNamespaceURI(prefix);
            return uri == null ? "" : uri;
        }

        /** Moves to the next child element of the current element; false (and on its end tag) when there is none. */
        boolean nextChild() throws XMLStreamException {
            while (true) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        enter();
                        return true;
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        depth--;
                        return false;
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE, XMLStreamConstants.COMMENT,
                         XMLStreamConstants.PROCESSING_INSTRUCTION, XMLStreamConstants.CDATA -> {
                    }
                    case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE -> throw noDtd();
                    case XMLStreamConstants.END_DOCUMENT -> throw SoapFault.client("Bad Request: the document ends early");
                    default -> {
                    }
                }
            }
        }

        /** Moves to the next start tag anywhere (used for the envelope's fixed frame). */
        void nextElement() throws XMLStreamException {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    enter();
                    return;
                }
                if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw noDtd();
                }
                if (event == XMLStreamConstants.END_ELEMENT) {
                    throw SoapFault.client("Bad Request: the SOAP Body holds no operation");
                }
            }
            throw SoapFault.client("Bad Request: not a SOAP envelope");
        }

        void skipElement() throws XMLStreamException {
            while (nextChild()) {
                skipElement();
            }
        }

        void enter() {
            depth++;
            elements++;
            if (depth > maxDepth) {
                throw SoapFault.client("Bad Request: elements nested deeper than " + maxDepth + " levels");
            }
            if (elements > maxElements) {
                throw SoapFault.client("Bad Request: more than " + maxElements + " elements");
            }
        }

        boolean isAt(String ns, String local) {
            return ns.equals(xml.getNamespaceURI()) && local.equals(xml.getLocalName());
        }

        void expect(String ns, String local) {
            if (!isAt(ns, local)) {
                throw SoapFault.client("Bad Request: expected SOAP 1.1 " + local + ", found <" + xml.getLocalName() + ">");
            }
        }

        SoapFault noDtd() {
            return SoapFault.client("Bad Request: DTD are not supported by SOAP");
        }

        void close() {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // nothing useful to do; the request is over
                }
            }
        }
    }

    /** The values of a struct member that appeared more than once; a plain list to everyone downstream. */
    private static final class RepeatedMembers extends ArrayList<Object> {
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    /** Stops the parser once more than {@code limit} bytes were read. */
    private static final class LimitedStream extends FilterInputStream {
        private final long limit;
        private long count;
        boolean exceeded;

        LimitedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) throws IOException {
            count += n;
            if (count > limit) {
                exceeded = true;
                throw new IOException("request body exceeds " + limit + " bytes");
            }
        }
    }
}
