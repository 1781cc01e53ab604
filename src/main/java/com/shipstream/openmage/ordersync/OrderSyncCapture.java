package com.shipstream.openmage.ordersync;

import com.shipstream.openmage.magento.MagentoClock;
import com.shipstream.openmage.magento.MagentoProperties;
import com.shipstream.openmage.magento.StoreConfig;
import com.shipstream.openmage.shipstream.ShipStreamClient;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.kafka.connect.data.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The extension's order-save observer, applied to captured changes of {@code sales_flat_order}
 * (before and after image), so it sees every change however it was made.
 * <ul>
 *   <li>Rule A: a virtual order in state {@code processing} whose status is {@code ready_to_ship} or
 *       {@code submitted} gets status {@code complete} with a history comment (its own short transaction).</li>
 *   <li>Rule B: with {@code shipstream/general/realtime_sync} on, a non-virtual order in state
 *       {@code processing} whose status changed to a trigger status is recorded in the outbox, from
 *       which {@link OrderSyncDelivery} sends {@code syncOrder}. Nothing is sent from here: no
 *       transaction is open while ShipStream is called.</li>
 * </ul>
 */
@Component("orderSyncCapture")
public class OrderSyncCapture {
    private static final Logger log = LoggerFactory.getLogger(OrderSyncCapture.class);
    static final String VIRTUAL_COMMENT = "Changed order status to \"Complete\" as the order is virtual.";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final StoreConfig storeConfig;
    private final ShipStreamClient shipstream;
    private final OrderSyncProperties properties;
    private final MagentoProperties magento;
    private final MagentoClock clock;
    private final AtomicBoolean unconfiguredLogged = new AtomicBoolean();

    public OrderSyncCapture(JdbcClient jdbc, TransactionTemplate tx, StoreConfig storeConfig, ShipStreamClient shipstream,
                            OrderSyncProperties properties, MagentoProperties magento, MagentoClock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.storeConfig = storeConfig;
        this.shipstream = shipstream;
        this.properties = properties;
        this.magento = magento;
        this.clock = clock;
    }

    /**
     * One captured change: body = the row after, header {@code CamelDebeziumBefore} = the row before.
     * Sets the variable {@code syncQueued} when a callback was queued, so the route can deliver at once.
     */
    public void capture(Exchange exchange) {
        exchange.setVariable("syncQueued", queue(exchange));
    }

    private boolean queue(Exchange exchange) {
        String operation = exchange.getIn().getHeader("CamelDebeziumOperation", String.class);
        if (!"u".equals(operation) && !"c".equals(operation)) {
            return false;
        }
        Struct after = exchange.getIn().getBody(Struct.class);
        Struct before = exchange.getIn().getHeader("CamelDebeziumBefore", Struct.class);
        if (after == null) {
            return false;
        }
        String state = text(after, "state");
        String status = text(after, "status");
        boolean virtual = number(after, "is_virtual") == 1;
        long orderId = number(after, "entity_id");
        if (!"processing".equals(state)) {
            return false;
        }
        if (virtual) {
            if ("ready_to_ship".equals(status) || "submitted".equals(status)) {
                completeVirtualOrder(orderId);
            }
            return false;
        }
        boolean changed = before == null || !Objects.equals(text(before, "status"), status);
        if (!changed || !properties.triggerStatuses().contains(status)) {
            return false;
        }
        if (!storeConfig.flag("shipstream/general/realtime_sync", true)) {
            return false;
        }
        if (!shipstream.isConfigured()) {
            if (unconfiguredLogged.compareAndSet(false, true)) {
                log.warn("Orders moved to {} are not sent to ShipStream: no warehouse URL is configured (set_config warehouse_api_url)",
                        status);
            }
            return false;
        }
        unconfiguredLogged.set(false);
        String changeKey = changeKey(exchange);
        int added = jdbc.sql("INSERT IGNORE INTO " + magento.table("shipstream_order_sync_outbox")
                        + " (order_id, increment_id, change_key, status, attempts, next_attempt_at, created_at)"
                        + " VALUES (:order, :increment, :change, 'pending', 0, UTC_TIMESTAMP(), UTC_TIMESTAMP())")
                .param("order", orderId).param("increment", text(after, "increment_id")).param("change", changeKey).update();
        if (added == 1) {
            log.info("Order {} moved to {}: syncOrder queued", text(after, "increment_id"), status);
        }
        return added == 1;
    }

    /** Rule A, idempotent: the UPDATE only matches while the order still has a qualifying status. */
    private void completeVirtualOrder(long orderId) {
        tx.executeWithoutResult(s -> {
            String now = clock.nowText();
            int updated = jdbc.sql("UPDATE " + magento.table("sales_flat_order") + " SET status = 'complete', updated_at = :now"
                    + " WHERE entity_id = :id AND is_virtual = 1 AND state = 'processing' AND status IN ('ready_to_ship', 'submitted')")
                    .param("now", now).param("id", orderId).update();
            if (updated == 0) {
                return;
            }
            jdbc.sql("INSERT INTO " + magento.table("sales_flat_order_status_history") + " (parent_id, is_customer_notified,"
                    + " is_visible_on_front, comment, status, created_at, entity_name) VALUES (:id, 0, 0, :comment, 'complete', :now, 'order')")
                    .param("id", orderId).param("comment", VIRTUAL_COMMENT).param("now", now).update();
            jdbc.sql("UPDATE " + magento.table("sales_flat_order_grid") + " SET status = 'complete', updated_at = :now WHERE entity_id = :id")
                    .param("now", now).param("id", orderId).update();
            log.info("Virtual order {} completed (rule A)", orderId);
        });
    }

    /** Where the change sits in the binlog: the same event replayed gives the same key. */
    private static String changeKey(Exchange exchange) {
        Map<?, ?> source = exchange.getIn().getHeader("CamelDebeziumSourceMetadata", Map.class);
        if (source == null) {
            return "unknown:" + exchange.getExchangeId();
        }
        return source.get("file") + ":" + source.get("pos") + ":" + source.get("row");
    }

    private static String text(Struct row, String field) {
        Object value = row.schema().field(field) == null ? null : row.get(field);
        return value == null ? null : value.toString();
    }

    private static long number(Struct row, String field) {
        Object value = row.schema().field(field) == null ? null : row.get(field);
        return value instanceof Number n ? n.longValue() : 0;
    }
}
