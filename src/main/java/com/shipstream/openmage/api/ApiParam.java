package com.shipstream.openmage.api;

import com.shipstream.openmage.soap.PhpValues;
import java.util.List;
import java.util.Map;

/** A declared method parameter: its name, what it accepts, and whether it may be left out. */
public record ApiParam(String name, Type type, boolean optional) {

    public enum Type {
        /** Text; other scalars are converted as PHP would, lists and maps are refused. */
        STRING,
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
        if (type == Type.STRING && value != null) {
            if (value instanceof List || value instanceof Map) {
                throw new ArgumentException("Invalid argument \"" + name + "\" for " + methodPath + ": expected a string, got "
                        + (value instanceof List ? "a list" : "a map"));
            }
            return value instanceof String ? value : PhpValues.toPhpString(value);
        }
        return value;
    }

    /** A call whose arguments do not fit the method's parameters. */
    static class ArgumentException extends RuntimeException {
        ArgumentException(String message) {
            super(message, null, false, false);
        }
    }
}
