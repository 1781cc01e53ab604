package com.shipstream.openmage.sales;

import com.shipstream.openmage.api.ApiException;
import com.shipstream.openmage.magento.MagentoClock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Magento's collection filters ({@code addFieldToFilter}) as a SQL condition with bound parameters:
 * {@code {field: value}} is equality, {@code {field: {operator: value}}} one of Magento's operators
 * ({@code from}/{@code to} combine), {@code {field: [cond, cond]}} ORs the conditions, and several
 * fields are ANDed. Field names are checked against the table; values never enter the SQL text.
 * A filter this cannot read is fault {@code filters_invalid}, with a message that says why.
 */
public final class CollectionFilter {
    /** Operators with one bound value: name → SQL with {@code %s} for the column and {@code ?} for the value. */
    private static final Map<String, String> BINARY = Map.ofEntries(
            Map.entry("eq", "%s = ?"), Map.entry("neq", "%s != ?"), Map.entry("like", "%s LIKE ?"),
            Map.entry("nlike", "%s NOT LIKE ?"), Map.entry("gt", "%s > ?"), Map.entry("lt", "%s < ?"),
            Map.entry("gteq", "%s >= ?"), Map.entry("moreq", "%s >= ?"), Map.entry("lteq", "%s <= ?"),
            Map.entry("finset", "FIND_IN_SET(?, %s)"), Map.entry("regexp", "%s REGEXP ?"));
    private static final Set<String> OTHER = Set.of("in", "nin", "is", "notnull", "null", "seq", "sneq", "from", "to");

    /** The condition and its parameters, ready for a named-parameter query. */
    public record Where(String sql, Map<String, Object> params) {
    }

    private final Predicate<String> isColumn;
    private final Map<String, String> fieldAliases;
    private final String alias;
    private final Map<String, Object> params = new HashMap<>();

    private CollectionFilter(String alias, Predicate<String> isColumn, Map<String, String> fieldAliases) {
        this.alias = alias;
        this.isColumn = isColumn;
        this.fieldAliases = fieldAliases;
    }

    /**
     * @param filters      the caller's filters: a map of field → condition, or null / an empty list for none
     * @param alias        the table alias the columns belong to
     * @param isColumn     whether a name is a column of the table
     * @param fieldAliases API names mapped to columns (e.g. {@code order_id} → {@code entity_id})
     */
    public static Where of(Object filters, String alias, Predicate<String> isColumn, Map<String, String> fieldAliases) {
        return new CollectionFilter(alias, isColumn, fieldAliases).build(filters);
    }

    private Where build(Object filters) {
        if (filters == null || filters instanceof List<?> l && l.isEmpty() || "".equals(filters)) {
            return new Where("1 = 1", params);
        }
        if (!(filters instanceof Map<?, ?> fields)) {
            throw invalid("filters must be a map of field => condition");
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            String name = String.valueOf(field.getKey());
            String column = fieldAliases.getOrDefault(name, name);
            if (!isColumn.test(column)) {
                throw invalid("unknown field \"" + name + "\"");
            }
            parts.add("(" + condition(alias + ".`" + column + "`", name, field.getValue()) + ")");
        }
        return new Where(String.join(" AND ", parts), params);
    }

    private String condition(String column, String field, Object condition) {
        if (condition instanceof Map<?, ?> map) {
            if (map.containsKey("from") || map.containsKey("to")) {
                List<String> range = new ArrayList<>();
                if (map.get("from") != null) {
                    range.add(column + " >= " + bind(dateText(map.get("from"), field)));
                }
                if (map.get("to") != null) {
                    range.add(column + " <= " + bind(dateText(map.get("to"), field)));
                }
                return range.isEmpty() ? "1 = 1" : String.join(" AND ", range);
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String operator = String.valueOf(entry.getKey());
                if (BINARY.containsKey(operator) || OTHER.contains(operator)) {
                    return operator(column, field, operator, entry.getValue());
                }
            }
            if (map.keySet().stream().anyMatch(k -> k instanceof String)) {
                throw invalid("unknown operator \"" + map.keySet().iterator().next() + "\" for field \"" + field + "\"");
            }
            return anyOf(column, field, List.copyOf(map.values()));
        }
        if (condition instanceof List<?> list) {
            return anyOf(column, field, list);
        }
        return condition == null ? column + " IS NULL" : column + " = " + bind(condition);
    }

    private String anyOf(String column, String field, List<?> conditions) {
        if (conditions.isEmpty()) {
            throw invalid("empty condition list for field \"" + field + "\"");
        }
        List<String> parts = new ArrayList<>();
        for (Object condition : conditions) {
            parts.add("(" + condition(column, field, condition) + ")");
        }
        return String.join(" OR ", parts);
    }

    private String operator(String column, String field, String operator, Object value) {
        String sql = BINARY.get(operator);
        if (sql != null) {
            requireScalar(field, operator, value);
            return sql.formatted(column).replace("?", bind(value));
        }
        return switch (operator) {
            case "in", "nin" -> {
                List<?> values = value instanceof List<?> l ? l : value instanceof Map<?, ?> m ? List.copyOf(m.values()) : List.of(value);
                values.forEach(v -> requireScalar(field, operator, v));
                if (values.isEmpty()) {
                    yield operator.equals("in") ? "1 = 0" : "1 = 1";
                }
                yield column + (operator.equals("in") ? " IN (" : " NOT IN (") + bind(values) + ")";
            }
            case "notnull" -> column + " IS NOT NULL";
            case "null" -> column + " IS NULL";
            case "is" -> {
                String is = value == null ? "NULL" : String.valueOf(value).strip().toUpperCase();
                if (!is.equals("NULL") && !is.equals("NOT NULL")) {
                    throw invalid("\"is\" accepts NULL or NOT NULL for field \"" + field + "\"");
                }
                yield column + " IS " + is;
            }
            case "seq" -> value == null || "".equals(value) ? column + " IS NULL" : column + " = " + bind(value);
            case "sneq" -> value == null || "".equals(value) ? column + " IS NOT NULL" : column + " != " + bind(value);
            default -> throw new IllegalStateException(operator);
        };
    }

    private void requireScalar(String field, String operator, Object value) {
        if (value instanceof Map || value instanceof List) {
            throw invalid("\"" + operator + "\" of field \"" + field + "\" needs a single value");
        }
    }

    private String bind(Object value) {
        String name = "f" + params.size();
        params.put(name, value instanceof Boolean b ? (b ? 1 : 0) : value);
        return ":" + name;
    }

    /**
     * Dates in {@code from}/{@code to}: Magento's {@code Y-m-d H:i:s} is used as is; ISO-8601 with an
     * offset (what ShipStream sends when it pages) is turned into that text in UTC.
     */
    private static Object dateText(Object value, String field) {
        if (value instanceof String text && text.length() > 19 && text.charAt(10) == 'T') {
            try {
                return MagentoClock.format(OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
            } catch (DateTimeParseException e) {
                throw invalid("cannot read the date \"" + text + "\" of field \"" + field + "\"");
            }
        }
        return value;
    }

    private static ApiException invalid(String why) {
        return new ApiException("filters_invalid", "Invalid filters: " + why);
    }
}
