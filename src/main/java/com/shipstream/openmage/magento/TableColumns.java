package com.shipstream.openmage.magento;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The columns of the store's tables as the database declares them (read once per table), so the
 * API can return "every column" of a row the way Magento's models do, and can refuse a column name
 * a caller made up before it reaches SQL text.
 */
@Component
public class TableColumns {
    /** Rows as Magento hands them to the API: column name → the database's text, or null. */
    public static final RowMapper<Map<String, Object>> TEXT_ROW = (rs, n) -> {
        var meta = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(meta.getColumnLabel(i), rs.getString(i));
        }
        return row;
    };

    private static final Set<String> DATE_TYPES = Set.of("timestamp", "datetime", "date");

    private final JdbcClient jdbc;
    private final MagentoProperties magento;
    private final Map<String, Map<String, String>> typesByTable = new ConcurrentHashMap<>();

    public TableColumns(JdbcClient jdbc, MagentoProperties magento) {
        this.jdbc = jdbc;
        this.magento = magento;
    }

    /** Column name → data type of the Magento table {@code name} (without prefix), in table order. */
    public Map<String, String> of(String name) {
        return typesByTable.computeIfAbsent(name, table -> {
            Map<String, String> columns = new LinkedHashMap<>();
            jdbc.sql("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = DATABASE()"
                            + " AND table_name = :table ORDER BY ordinal_position")
                    .param("table", magento.table(table))
                    .query((rs, n) -> columns.put(rs.getString(1), rs.getString(2).toLowerCase())).list();
            if (columns.isEmpty()) {
                throw new IllegalStateException("Table " + magento.table(table) + " not found in the store's database");
            }
            return Collections.unmodifiableMap(columns);
        });
    }

    public boolean has(String table, String column) {
        return of(table).containsKey(column);
    }

    /**
     * A SELECT list of {@code columns} of {@code table} under {@code alias}, dates rendered as
     * Magento's text (never through JDBC's time zone handling). Every name must be a real column.
     */
    public String selectList(String table, String alias, List<String> columns) {
        Map<String, String> types = of(table);
        List<String> parts = new ArrayList<>(columns.size());
        for (String column : columns) {
            String type = types.get(column);
            if (type == null) {
                throw new IllegalArgumentException("Unknown column " + column + " of " + table);
            }
            String ref = alias + ".`" + column + "`";
            parts.add(DATE_TYPES.contains(type) ? "DATE_FORMAT(" + ref + ", " + MagentoClock.SQL_FORMAT + ") AS `" + column + "`" : ref);
        }
        return String.join(", ", parts);
    }

    /** Every column of {@code table} but {@code except}, as {@link #selectList} renders them. */
    public String selectAllBut(String table, String alias, String... except) {
        Set<String> skip = Set.of(except);
        return selectList(table, alias, of(table).keySet().stream().filter(c -> !skip.contains(c)).collect(Collectors.toList()));
    }
}
