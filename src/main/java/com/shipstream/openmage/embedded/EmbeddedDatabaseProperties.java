package com.shipstream.openmage.embedded;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded MariaDB that runs when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir  where its data lives; it survives restarts (keep it out of the system temp folder)
 * @param port     TCP port on 127.0.0.1; 0 picks a free one at each start
 * @param database schema that holds the demo store
 * @param fresh    wipe the data folder at start (tests)
 * @param demoData load the demo catalog and create the demo API user on first start
 */
@ConfigurationProperties("shipstream.embedded-db")
public record EmbeddedDatabaseProperties(String dataDir, Integer port, String database, Boolean fresh, Boolean demoData) {
    public EmbeddedDatabaseProperties {
        dataDir = dataDir == null || dataDir.isBlank() ? "data/mariadb" : dataDir;
        port = port == null ? 0 : port;
        database = database == null || database.isBlank() ? "magento" : database;
        fresh = fresh != null && fresh;
        demoData = demoData == null || demoData;
    }
}
