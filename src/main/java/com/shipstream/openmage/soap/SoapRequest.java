package com.shipstream.openmage.soap;

import java.util.List;
import java.util.Map;

/**
 * One decoded SOAP v1 request: the operation element's local name and namespace, and its parts,
 * both by name and in document order (rpc style is positional; PHP's server matches by name).
 */
public record SoapRequest(String operation, String namespace, Map<String, Object> parts, List<Object> partsInOrder) {

    /** The part called {@code name}, else the one at {@code position}, else {@code null} (PHP passes null for a missing part). */
    public Object part(String name, int position) {
        if (parts.containsKey(name)) {
            return parts.get(name);
        }
        return position < partsInOrder.size() ? partsInOrder.get(position) : null;
    }

    /** A part that must be text (a session id, a user name): scalars are converted as PHP would, anything else is a client fault. */
    public String stringPart(String name, int position) {
        Object value = part(name, position);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Map || value instanceof List) {
            throw SoapFault.client("Parameter '" + name + "' of " + operation + " must be a string");
        }
        return PhpValues.toPhpString(value);
    }
}
