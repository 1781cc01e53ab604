package com.shipstream.openmage.magento;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the store's default-scope settings from {@code core_config_data}, as Magento's {@code getStoreConfig} would. */
@Component
public class StoreConfig {
    private final JdbcClient jdbc;
    private final String sql;
    private final String manySql;

    public StoreConfig(JdbcClient jdbc, MagentoProperties magento) {
        this.jdbc = jdbc;
        this.sql = "SELECT value FROM " + magento.table("core_config_data")
                + " WHERE scope = 'default' AND scope_id = 0 AND path = :path";
        this.manySql = "SELECT path, value FROM " + magento.table("core_config_data")
                + " WHERE scope = 'default' AND scope_id = 0 AND path IN (:paths)";
    }

    /** Several settings in one query: path → value, for the paths the store has saved. */
    public Map<String, String> values(Collection<String> paths) {
        Map<String, String> values = new HashMap<>();
        jdbc.sql(manySql).param("paths", List.copyOf(paths))
                .query((rs, n) -> values.put(rs.getString("path"), rs.getString("value"))).list();
        return values;
    }

    public Optional<String> value(String path) {
        return jdbc.sql(sql).param("path", path).query(String.class).optional();
    }

    public int intValue(String path, int fallback) {
        return toInt(value(path).orElse(null), fallback);
    }

    /** Magento's config flag: true when set, non-empty, not "0" and not "false". */
    public boolean flag(String path, boolean whenAbsent) {
        return toFlag(value(path).orElse(null), whenAbsent);
    }

    public static int toInt(String value, int fallback) {
        return value != null && value.strip().matches("-?\\d+") ? Integer.parseInt(value.strip()) : fallback;
    }

    public static boolean toFlag(String value, boolean whenAbsent) {
        return value == null ? whenAbsent : !value.isEmpty() && !value.equals("0") && !value.equalsIgnoreCase("false");
    }
}
