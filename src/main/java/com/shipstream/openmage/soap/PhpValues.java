package com.shipstream.openmage.soap;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The PHP value model the codec speaks. Decoded values and route results use only these Java types:
 * {@link String}, {@link Long} (PHP int), {@link Double} (PHP float), {@link Boolean}, {@code null},
 * {@link List} (a PHP list, keys 0..n-1) and {@link Map} with String or Long keys (a PHP associative
 * array, insertion ordered).
 */
public final class PhpValues {
    private PhpValues() {
    }

    /** PHP's {@code is_numeric}: an int, a finite float, or a string holding a decimal number. */
    public static boolean isNumeric(Object value) {
        return value instanceof Long || value instanceof Integer || (value instanceof Double d && Double.isFinite(d))
                || (value instanceof String s && s.strip().matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?"));
    }

    /** PHP's string conversion of a scalar: {@code true} is "1", {@code false} is "", 3.0 is "3". */
    public static String toPhpString(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "";
        }
        if (value instanceof Double || value instanceof Float) {
            return formatFloat(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value.toString();
    }

    /**
     * A float as PHP prints it with {@code serialize_precision = -1}: the shortest text that reads
     * back to the same double, without a trailing ".0" ({@code 3.0} is "3", {@code 2.5} is "2.5").
     */
    public static String formatFloat(double d) {
        if (Double.isNaN(d)) {
            return "NAN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "INF" : "-INF";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return d == 0 && 1 / d < 0 ? "-0" : Long.toString((long) d);
        }
        String text = Double.toString(d);
        int exp = text.indexOf('E');
        if (exp < 0) {
            return text;
        }
        // Java: 1.0E-5 / 1.5E20; PHP: 1.0E-5 / 1.5E+20
        String mantissa = text.substring(0, exp);
        String exponent = text.substring(exp + 1);
        return mantissa + "E" + (exponent.startsWith("-") ? exponent : "+" + exponent);
    }
}
