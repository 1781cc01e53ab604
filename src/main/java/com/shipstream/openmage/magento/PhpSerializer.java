package com.shipstream.openmage.magento;

import com.shipstream.openmage.soap.PhpValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * PHP's {@code serialize()} / {@code unserialize()} for the PHP value model of {@link PhpValues},
 * byte for byte as PHP 7.1+ writes them, so {@code core_flag} rows written here and by the PHP
 * extension are interchangeable. Objects are neither written nor read (Magento reads flags with
 * classes disallowed).
 */
@Component
public class PhpSerializer {

    public String serialize(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("N;");
        } else if (value instanceof Boolean b) {
            out.append("b:").append(b ? 1 : 0).append(';');
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.append("i:").append(value).append(';');
        } else if (value instanceof Double || value instanceof Float) {
            out.append("d:").append(PhpValues.formatFloat(((Number) value).doubleValue())).append(';');
        } else if (value instanceof String s) {
            out.append("s:").append(s.getBytes(StandardCharsets.UTF_8).length).append(":\"").append(s).append("\";");
        } else if (value instanceof List<?> list) {
            out.append("a:").append(list.size()).append(":{");
            for (int i = 0; i < list.size(); i++) {
                out.append("i:").append(i).append(';');
                write(list.get(i), out);
            }
            out.append('}');
        } else if (value instanceof Map<?, ?> map) {
            out.append("a:").append(map.size()).append(":{");
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                write(entry.getKey() instanceof Number ? entry.getKey() : String.valueOf(entry.getKey()), out);
                write(entry.getValue(), out);
            }
            out.append('}');
        } else {
            write(PhpValues.toPhpString(value), out);
        }
    }

    /**
     * Reads a serialized value. Arrays whose keys are exactly 0..n-1 come back as lists, others as
     * ordered maps, as PHP's {@code SoapServer} would send them. Malformed input or an object is an
     * {@link IllegalArgumentException}.
     */
    public Object unserialize(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Reader reader = new Reader(bytes);
        Object value = reader.value();
        if (reader.pos != bytes.length) {
            throw new IllegalArgumentException("trailing data after serialized value at byte " + reader.pos);
        }
        return value;
    }

    /** Works on UTF-8 bytes, since PHP's string lengths count bytes. */
    private static final class Reader {
        private final byte[] in;
        int pos;

        Reader(byte[] in) {
            this.in = in;
        }

        Object value() {
            char type = (char) next();
            switch (type) {
                case 'N' -> {
                    expect(';');
                    return null;
                }
                case 'b' -> {
                    expect(':');
                    String v = until(';');
                    return switch (v) {
                        case "1" -> Boolean.TRUE;
                        case "0" -> Boolean.FALSE;
                        default -> throw error("bad boolean " + v);
                    };
                }
                case 'i' -> {
                    expect(':');
                    return parse(until(';'), Long::parseLong);
                }
                case 'd' -> {
                    expect(':');
                    String v = until(';');
                    return switch (v) {
                        case "INF" -> Double.POSITIVE_INFINITY;
                        case "-INF" -> Double.NEGATIVE_INFINITY;
                        case "NAN" -> Double.NaN;
                        default -> parse(v, Double::parseDouble);
                    };
                }
                case 's' -> {
                    expect(':');
                    int length = parse(until(':'), Integer::parseInt);
                    expect('"');
                    if (length < 0 || pos + length > in.length) {
                        throw error("string length " + length + " runs past the end");
                    }
                    String s = new String(in, pos, length, StandardCharsets.UTF_8);
                    pos += length;
                    expect('"');
                    expect(';');
                    return s;
                }
                case 'a' -> {
                    expect(':');
                    int size = parse(until(':'), Integer::parseInt);
                    expect('{');
                    Map<Object, Object> map = new LinkedHashMap<>();
                    boolean isList = true;
                    for (int i = 0; i < size; i++) {
                        Object key = value();
                        if (!(key instanceof Long || key instanceof String)) {
                            throw error("array keys must be int or string");
                        }
                        isList &= key instanceof Long k && k == i;
                        map.put(key, value());
                    }
                    expect('}');
                    return isList ? new ArrayList<>(map.values()) : map;
                }
                default -> throw error("unsupported type '" + type + "' (objects are not read)");
            }
        }

        private <T> T parse(String text, java.util.function.Function<String, T> parser) {
            try {
                return parser.apply(text);
            } catch (NumberFormatException e) {
                throw error("bad number " + text);
            }
        }

        private int next() {
            if (pos >= in.length) {
                throw error("unexpected end");
            }
            return in[pos++];
        }

        private void expect(char c) {
            if (next() != c) {
                throw error("expected '" + c + "'");
            }
        }

        private String until(char end) {
            int start = pos;
            while (pos < in.length && in[pos] != end) {
                pos++;
            }
            if (pos >= in.length) {
                throw error("unexpected end");
            }
            String s = new String(in, start, pos - start, StandardCharsets.US_ASCII);
            pos++;
            return s;
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("not a PHP serialized value: " + message + " at byte " + pos);
        }
    }
}
