package com.shipstream.openmage.ordersync;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where the capture route reads the binlog from, worked out at start from the application's own
 * connection: host, port and schema from its JDBC URL, and the Debezium connector from the server's
 * {@code VERSION()} (Debezium's MariaDB connector for MariaDB, the MySQL one for Oracle MySQL).
 * Published as {@code shipstream.cdc.resolved.*} for {@code routes/order-sync.camel.yaml}.
 */
@Component
public class CaptureSource {
    private static final Logger log = LoggerFactory.getLogger(CaptureSource.class);
    private static final Pattern JDBC_URL = Pattern.compile("jdbc:(?:mysql|mariadb)://([^:/?]+)(?::(\\d+))?/([^?]+).*");

    private final List<String> serverProblems;

    /** What is wrong with the server's binlog settings for capture (empty when nothing is). */
    public List<String> serverProblems() {
        return serverProblems;
    }

    /** Debezium needs the binary log on, in ROW format, with full row images. */
    public static List<String> binlogProblemsOf(JdbcClient jdbc) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> settings = jdbc.sql("SELECT @@log_bin AS log_bin, @@binlog_format AS format, @@binlog_row_image AS image")
                .query().singleRow();
        if (!"1".equals(String.valueOf(settings.get("log_bin"))) && !"ON".equalsIgnoreCase(String.valueOf(settings.get("log_bin")))) {
            problems.add("the binary log is off (start the server with --log-bin)");
        }
        if (!"ROW".equalsIgnoreCase(String.valueOf(settings.get("format")))) {
            problems.add("binlog_format is " + settings.get("format") + ", not ROW");
        }
        if (!"FULL".equalsIgnoreCase(String.valueOf(settings.get("image")))) {
            problems.add("binlog_row_image is " + settings.get("image") + ", not FULL");
        }
        return problems;
    }

    public CaptureSource(DataSource dataSource, JdbcClient jdbc, OrderSyncProperties properties, ConfigurableEnvironment environment) {
        String url = dataSource instanceof HikariDataSource hikari ? hikari.getJdbcUrl() : environment.getProperty("spring.datasource.url", "");
        Matcher m = JDBC_URL.matcher(url == null ? "" : url);
        if (!m.matches()) {
            throw new IllegalStateException("Cannot read host, port and database from the JDBC URL '" + url + "' for change data capture");
        }
        String version = jdbc.sql("SELECT VERSION()").query(String.class).single();
        this.serverProblems = binlogProblemsOf(jdbc);
        if (properties.enabled() && !serverProblems.isEmpty()) {
            log.warn("Order sync cannot capture changes: {}. See README, Troubleshooting.", String.join("; ", serverProblems));
        }
        boolean mariaDb = version.toLowerCase().contains("mariadb");
        Path dir = Path.of(properties.dataDir()).toAbsolutePath();
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("shipstream.cdc.resolved.host", m.group(1));
        resolved.put("shipstream.cdc.resolved.port", m.group(2) == null ? "3306" : m.group(2));
        resolved.put("shipstream.cdc.resolved.database", m.group(3));
        resolved.put("shipstream.cdc.resolved.user", properties.user() != null ? properties.user()
                : dataSource instanceof HikariDataSource hikari ? hikari.getUsername() : environment.getProperty("spring.datasource.username"));
        resolved.put("shipstream.cdc.resolved.password", properties.password() != null ? properties.password()
                : dataSource instanceof HikariDataSource hikari ? hikari.getPassword() : environment.getProperty("spring.datasource.password"));
        resolved.put("shipstream.cdc.resolved.connector-class", mariaDb
                ? "io.debezium.connector.mariadb.MariaDbConnector" : "io.debezium.connector.mysql.MySqlConnector");
        resolved.put("shipstream.cdc.resolved.offsets-file", dir.resolve("offsets.dat").toString());
        resolved.put("shipstream.cdc.resolved.history-file", dir.resolve("schema-history.dat").toString());
        dir.toFile().mkdirs();
        environment.getPropertySources().addFirst(new MapPropertySource("shipstream-cdc", resolved));
        log.info("Order capture reads {} {}:{}/{} with {}", mariaDb ? "MariaDB" : "MySQL", resolved.get("shipstream.cdc.resolved.host"),
                resolved.get("shipstream.cdc.resolved.port"), resolved.get("shipstream.cdc.resolved.database"),
                resolved.get("shipstream.cdc.resolved.connector-class"));
    }
}
