package com.shipstream.openmage.api;

import com.shipstream.openmage.soap.PhpValues;
import java.util.List;
import java.util.Map;

/** A declared method parameter: its name, what it accepts, and whether it may be left out. */
public record ApiParam(String name, Type type, boolean optional) {

    public enum Type {
        /** Text; other scalars are converted as PHP would, lists and maps are refused. */
        STRING,
        /** An int or float, or a string PHP's {@code is_numeric} accepts. */
        NUMBER,
        /** A list (PHP array with keys 0..n-1). */
        LIST,
        /** A PHP array: a list or a map. */
        ARRAY,
        /** Any PHP value. */
        ANY
    }

    /** Parses the catalog's notation: {@code string}, {@code any}, with a trailing {@code ?} when optional. */
    static ApiParam parse(String name, String spec) {
        boolean optional = spec.endsWith("?");
        String typeName = optional ? spec.substring(0, spec.length() - 1) : spec;
        return new ApiParam(name, Type.valueOf(typeName.strip().toUpperCase()), optional);
    }

    /** The value as the method receives it; {@code null} with a reason when it does not fit. */
    Object accept(Object value, String methodPath) {
        if (type == Type.NUMBER && !optional && !PhpValues.isNumeric(value)) {
            throw new ArgumentException("Invalid argument \"" + name + "\" for " + methodPath + ": expected a number, got "
                    + describe(value));
        }
        if (type == Type.LIST && !(value instanceof List)) {
            throw new ArgumentException("Invalid argument \"" + name + "\" for " + methodPath + ": expected a list, got "
                    + describe(value));
        }
        if (type == Type.ARRAY && !(value instanceof List || value instanceof Map) && !(optional && value == null)) {
            throw new ArgumentException("Invalid argument \"" + name + "\" for " + methodPath + ": expected an array, got "
                    + describe(value));
        }
        if (type == Type.STRING && value != null) {
            if (value instanceof List || value instanceof Map) {
                throw new ArgumentException("Invalid argument \"" + name + "\" for " + methodPath + ": expected a string, got "
                        + describe(value));
            }
            return value instanceof String ? value : PhpValues.toPhpString(value);
        }
        return value;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Map) {
            return "a map";
        }
        return "'" + PhpValues.toPhpString(value) + "'";
    }

    /** A call whose arguments do not fit the method's parameters. */
    static class ArgumentException extends RuntimeException {
        ArgumentException(String message) {
            super(message, null, false, false);
        }
    }
}
