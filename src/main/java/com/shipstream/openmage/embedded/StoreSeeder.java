package com.shipstream.openmage.embedded;

import com.shipstream.openmage.auth.ApiAccounts;
import com.shipstream.openmage.auth.ApiKeyHash;
import com.shipstream.openmage.magento.MagentoClock;
import com.shipstream.openmage.magento.MagentoProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Fills a new embedded database with a store: the Magento CE 1.9.1.1 schema (the real installer's
 * dump, shipped in the jar), the configured table prefix, a demo catalog and a demo API user. Done
 * once; a marker file beside the data says so, and later starts only print the demo credentials.
 */
class StoreSeeder {
    private static final Logger log = LoggerFactory.getLogger(StoreSeeder.class);
    static final String FIXTURE = "/magento/magento-ce-1.9.1.1.sql";
    static final String DEMO_CATALOG = "/magento/demo-catalog.sql";
    static final String DEMO_USER = "shipstream";

    private final EmbeddedMariaDb db;
    private final MagentoProperties magento;
    private final boolean demoData;

    StoreSeeder(EmbeddedMariaDb db, MagentoProperties magento, boolean demoData) {
        this.db = db;
        this.magento = magento;
        this.demoData = demoData;
    }

    /** Seeds over a connection of its own, before the application's pool exists. */
    void seedOnce() {
        Path marker = db.root().resolve("store-loaded");
        if (Files.exists(marker)) {
            printDemoCredentials();
            return;
        }
        long started = System.nanoTime();
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(db.jdbcUrl(), db.username(), db.password(), true);
        try {
            seed(dataSource);
        } finally {
            dataSource.destroy();
        }
        try {
            Files.writeString(marker, "Magento CE 1.9.1.1 schema" + (demoData ? " and demo data" : "") + " loaded\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("Embedded store created (Magento CE 1.9.1.1 schema{}) in {} ms", demoData ? ", demo catalog" : "",
                (System.nanoTime() - started) / 1_000_000);
        printDemoCredentials();
    }

    private void seed(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            String schema = connection.getCatalog();
            statement.execute("DROP DATABASE IF EXISTS `" + schema + "`");
            statement.execute("CREATE DATABASE `" + schema + "` CHARACTER SET utf8");
            statement.execute("USE `" + schema + "`");
            for (String sql : SqlScript.statements(resource(FIXTURE))) {
                String head = sql.toUpperCase(Locale.ROOT);
                if (head.startsWith("CREATE DATABASE") || head.startsWith("USE ")) {
                    continue; // the dump names its own schema "magento"; ours is configured
                }
                statement.execute(sql);
            }
            statement.execute("SET FOREIGN_KEY_CHECKS = 1");
            statement.execute("SET SQL_MODE = ''");
            if (!magento.tablePrefix().isEmpty()) {
                addPrefix(statement, schema);
            }
            if (demoData) {
                for (String sql : SqlScript.statements(resource(DEMO_CATALOG).replace("{{prefix}}", magento.tablePrefix()))) {
                    statement.execute(sql);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Loading the Magento schema into the embedded database failed", e);
        }
        if (demoData) {
            createDemoUser(dataSource);
        }
    }

    private void addPrefix(Statement statement, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (var rs = statement.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                + schema + "' AND TABLE_TYPE = 'BASE TABLE'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        StringBuilder rename = new StringBuilder("RENAME TABLE ");
        for (int i = 0; i < tables.size(); i++) {
            rename.append(i == 0 ? "" : ", ").append('`').append(tables.get(i)).append("` TO `")
                    .append(magento.tablePrefix()).append(tables.get(i)).append('`');
        }
        statement.execute(rename.toString());
    }

    private void createDemoUser(DataSource dataSource) {
        String key = db.secret("demo.api-key", StoreSeeder::newApiKey);
        ApiAccounts accounts = new ApiAccounts(JdbcClient.create(dataSource), magento, new MagentoClock());
        long roleId = accounts.createRole("ShipStream", ApiAccounts.SHIPSTREAM_RESOURCES);
        accounts.createUser(DEMO_USER, ApiKeyHash.create(key), true, roleId);
    }

    private void printDemoCredentials() {
        if (demoData) {
            String key = db.secret("demo.api-key", StoreSeeder::newApiKey);
            log.info("Demo store: SOAP API user '{}' with API key '{}' (role ShipStream: {})", DEMO_USER, key,
                    String.join(", ", ApiAccounts.SHIPSTREAM_RESOURCES));
        }
    }

    /** Letters and digits, as Magento's admin requires of a key. */
    private static String newApiKey() {
        String chars = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder key = new StringBuilder("ss");
        for (int i = 0; i < 20; i++) {
            key.append(chars.charAt(random.nextInt(chars.length())));
        }
        return key.append(random.nextInt(10)).toString();
    }

    private static String resource(String path) {
        try (InputStream in = StoreSeeder.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
