package com.shipstream.openmage.ordersync;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipstream.openmage.magento.MagentoProperties;
import com.shipstream.openmage.ops.ServiceMetrics;
import com.shipstream.openmage.shipstream.ShipStreamClient;
import com.shipstream.openmage.shipstream.ShipStreamException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends due outbox entries to ShipStream ({@code syncOrder} with the order's increment id), with no
 * transaction open during the call: ShipStream calls back into the API on the same order before it
 * answers. Transport errors, HTTP errors and {@code {"errors": ...}} answers are retried with
 * exponential backoff up to {@code shipstream.cdc.max-attempts}; then the entry is marked failed
 * with its last error. Entries survive restarts.
 */
@Component("orderSyncDelivery")
public class OrderSyncDelivery {
    private static final Logger log = LoggerFactory.getLogger(OrderSyncDelivery.class);

    private final ServiceMetrics metrics;

    private record Entry(long id, String incrementId, int attempts) {
    }

    private final JdbcClient jdbc;
    private final ShipStreamClient shipstream;
    private final OrderSyncProperties properties;
    private final String table;

    public OrderSyncDelivery(JdbcClient jdbc, ShipStreamClient shipstream, OrderSyncProperties properties, MagentoProperties magento,
                             ServiceMetrics metrics) {
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.shipstream = shipstream;
        this.properties = properties;
        this.table = magento.table("shipstream_order_sync_outbox");
    }

    /** Delivers what is due now; one caller at a time, so an entry is never sent twice at once. */
    public synchronized int deliverDue() {
        List<Entry> due = jdbc.sql("SELECT outbox_id, increment_id, attempts FROM " + table
                        + " WHERE status = 'pending' AND next_attempt_at <= UTC_TIMESTAMP() ORDER BY outbox_id LIMIT 100")
                .query((rs, n) -> new Entry(rs.getLong("outbox_id"), rs.getString("increment_id"), rs.getInt("attempts"))).list();
        if (due.isEmpty() || !shipstream.isConfigured()) {
            return 0;
        }
        int delivered = 0;
        for (Entry entry : due) {
            try {
                JsonNode answer = shipstream.call("syncOrder", Map.of("increment_id", entry.incrementId));
                if (answer != null && answer.has("errors")) {
                    throw new ShipStreamException("ShipStream answered with errors: " + answer.get("errors"));
                }
                jdbc.sql("UPDATE " + table + " SET status = 'delivered', attempts = attempts + 1, delivered_at = UTC_TIMESTAMP(),"
                        + " last_error = NULL WHERE outbox_id = :id").param("id", entry.id).update();
                delivered++;
                metrics.callbackDelivery("delivered");
                log.info("syncOrder delivered for order {}", entry.incrementId);
            } catch (ShipStreamException e) {
                failed(entry, e.getMessage());
            }
        }
        return delivered;
    }

    private void failed(Entry entry, String error) {
        int attempts = entry.attempts + 1;
        if (attempts >= properties.maxAttempts()) {
            jdbc.sql("UPDATE " + table + " SET status = 'failed', attempts = :a, last_error = :e WHERE outbox_id = :id")
                    .param("a", attempts).param("e", error).param("id", entry.id).update();
            metrics.callbackDelivery("failed");
            log.error("syncOrder for order {} failed after {} attempts; last error: {}", entry.incrementId, attempts, error);
            return;
        }
        long backoff = Math.min(properties.maxBackoff().toMillis(), properties.initialBackoff().toMillis() << Math.min(20, attempts - 1));
        jdbc.sql("UPDATE " + table + " SET attempts = :a, last_error = :e,"
                        + " next_attempt_at = UTC_TIMESTAMP(3) + INTERVAL :ms * 1000 MICROSECOND WHERE outbox_id = :id")
                .param("a", attempts).param("e", error).param("ms", backoff).param("id", entry.id).update();
        metrics.callbackDelivery("retry");
        log.warn("syncOrder for order {} failed (attempt {}), retrying in {} ms: {}", entry.incrementId, attempts, backoff, error);
    }
}
