package com.shipstream.openmage.magento;

import java.util.List;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Before anything touches the database (the bundle's migrations run first): is this a Magento 1
 * store, under the configured table prefix? If not, the start stops with a message that says what
 * was found instead, e.g. the prefix the store really uses.
 */
@Configuration(proxyBeanMethods = false)
public class StoreCheck {

    @Bean
    FlywayMigrationStrategy migrateAfterStoreCheck(MagentoProperties magento) {
        // Flyway's own data source: the application's JdbcClient waits for the migrations
        return flyway -> {
            verify(JdbcClient.create(flyway.getConfiguration().getDataSource()), magento);
            flyway.migrate();
        };
    }

    static void verify(JdbcClient jdbc, MagentoProperties magento) {
        List<String> required = List.of("core_config_data", "sales_flat_order", "api_user", "cataloginventory_stock_item");
        List<String> missing = required.stream().filter(table -> jdbc.sql("SELECT COUNT(*) FROM information_schema.tables"
                        + " WHERE table_schema = DATABASE() AND table_name = :t").param("t", magento.table(table))
                .query(Integer.class).single() == 0).toList();
        if (missing.isEmpty()) {
            return;
        }
        String database = jdbc.sql("SELECT DATABASE()").query(String.class).single();
        List<String> candidates = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                        + " AND table_name LIKE '%core\\_config\\_data' ORDER BY table_name")
                .query(String.class).list();
        String hint = candidates.isEmpty()
                ? "The database holds no Magento 1 store (no *core_config_data table): check spring.datasource.url."
                : "Tables found: " + candidates + "; set magento.table-prefix to the part before core_config_data"
                        + " (the <table_prefix> of the store's app/etc/local.xml).";
        throw new IllegalStateException("No Magento tables " + missing.stream().map(magento::table).toList()
                + " in database '" + database + "' with magento.table-prefix='" + magento.tablePrefix() + "'. " + hint);
    }
}
