package com.shipstream.openmage.magento;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the store's default-scope settings from {@code core_config_data}, as Magento's {@code getStoreConfig} would. */
@Component
public class StoreConfig {
    private final JdbcClient jdbc;
    private final String sql;

    public StoreConfig(JdbcClient jdbc, MagentoProperties magento) {
        this.jdbc = jdbc;
        this.sql = "SELECT value FROM " + magento.table("core_config_data")
                + " WHERE scope = 'default' AND scope_id = 0 AND path = :path";
    }

    public Optional<String> value(String path) {
        return jdbc.sql(sql).param("path", path).query(String.class).optional();
    }

    public int intValue(String path, int fallback) {
        return value(path).map(String::strip).filter(v -> v.matches("-?\\d+")).map(Integer::parseInt).orElse(fallback);
    }

    /** Magento's config flag: true when set, non-empty, not "0" and not "false". */
    public boolean flag(String path, boolean whenAbsent) {
        return value(path).map(v -> !v.isEmpty() && !v.equals("0") && !v.equalsIgnoreCase("false")).orElse(whenAbsent);
    }
}
