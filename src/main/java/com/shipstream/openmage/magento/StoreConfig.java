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
    private final String storeSql;

    public StoreConfig(JdbcClient jdbc, MagentoProperties magento) {
        this.jdbc = jdbc;
        this.sql = "SELECT value FROM " + magento.table("core_config_data")
                + " WHERE scope = 'default' AND scope_id = 0 AND path = :path";
        this.manySql = "SELECT path, value FROM " + magento.table("core_config_data")
                + " WHERE scope = 'default' AND scope_id = 0 AND path IN (:paths)";
        // the most specific scope wins: the store view, then its website, then the default
        this.storeSql = "SELECT c.value FROM " + magento.table("core_config_data") + " c"
                + " LEFT JOIN " + magento.table("core_store") + " s ON s.store_id = :store"
                + " WHERE c.path = :path AND ((c.scope = 'stores' AND c.scope_id = :store)"
                + " OR (c.scope = 'websites' AND c.scope_id = s.website_id) OR (c.scope = 'default' AND c.scope_id = 0))"
                + " ORDER BY FIELD(c.scope, 'stores', 'websites', 'default') LIMIT 1";
    }

    /** A setting as it applies to one store view ({@code getStoreConfig(path, storeId)}). */
    public Optional<String> value(String path, long storeId) {
        return jdbc.sql(storeSql).param("path", path).param("store", storeId).query(String.class).optional();
    }

    public boolean flag(String path, long storeId, boolean whenAbsent) {
        return toFlag(value(path, storeId).orElse(null), whenAbsent);
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
