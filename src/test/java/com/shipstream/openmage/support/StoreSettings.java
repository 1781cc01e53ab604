package com.shipstream.openmage.support;

import com.shipstream.openmage.magento.MagentoProperties;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Default-scope {@code core_config_data} values for a test, removed again by {@link #clear}. */
public record StoreSettings(JdbcClient jdbc, MagentoProperties magento) {
    public void set(String path, String value) {
        jdbc.sql("INSERT INTO " + magento.table("core_config_data") + " (scope, scope_id, path, value) VALUES ('default', 0, :p, :v)"
                + " ON DUPLICATE KEY UPDATE value = VALUES(value)").param("p", path).param("v", value).update();
    }

    public void clear(String path) {
        jdbc.sql("DELETE FROM " + magento.table("core_config_data") + " WHERE scope = 'default' AND scope_id = 0 AND path = :p")
                .param("p", path).update();
    }
}
