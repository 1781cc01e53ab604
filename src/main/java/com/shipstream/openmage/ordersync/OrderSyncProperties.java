package com.shipstream.openmage.ordersync;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The order-sync trigger: change data capture on {@code sales_flat_order} and the delivery of
 * ShipStream's {@code syncOrder} callback.
 *
 * @param enabled         whether the capture route runs
 * @param dataDir         Debezium's offsets and schema history (must survive restarts)
 * @param serverId        the replication client id this service uses (unique among the server's replicas)
 * @param user            database user for capture (needs REPLICATION SLAVE, REPLICATION CLIENT, SELECT); default: the application's
 * @param password        its password
 * @param triggerStatuses statuses of state {@code processing} that send the order to ShipStream
 * @param maxAttempts     deliveries tried before an entry is marked failed
 * @param initialBackoff  wait before the first retry; doubled on each further one
 * @param maxBackoff      longest wait between retries
 * @param pollInterval    how often due deliveries are looked for
 * @param topicPrefix     Debezium's logical name of this capture (also the name of its JMX metrics); unique per JVM
 */
@ConfigurationProperties("shipstream.cdc")
public record OrderSyncProperties(Boolean enabled, String dataDir, Long serverId, String user, String password,
                                  List<String> triggerStatuses, Integer maxAttempts, Duration initialBackoff,
                                  Duration maxBackoff, Duration pollInterval, String topicPrefix) {
    public OrderSyncProperties {
        enabled = enabled == null || enabled;
        dataDir = dataDir == null || dataDir.isBlank() ? "data/cdc" : dataDir;
        serverId = serverId == null ? 5401L : serverId;
        triggerStatuses = triggerStatuses == null || triggerStatuses.isEmpty() ? List.of("ready_to_ship") : List.copyOf(triggerStatuses);
        maxAttempts = maxAttempts == null || maxAttempts < 1 ? 8 : maxAttempts;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(2) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        topicPrefix = topicPrefix == null || topicPrefix.isBlank() ? "shipstream" : topicPrefix;
    }
}
