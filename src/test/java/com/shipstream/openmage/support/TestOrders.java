package com.shipstream.openmage.support;

import com.shipstream.openmage.magento.MagentoProperties;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** Orders in the test store, with just the columns the flows read. */
public record TestOrders(JdbcClient jdbc, MagentoProperties magento) {
    private static final AtomicLong INCREMENT = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);

    /** An order in {@code state}/{@code status} (hold_before_status may be null); returns its entity id. */
    public long order(String state, String status, String holdBeforeStatus) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO " + magento.table("sales_flat_order") + " (state, status, hold_before_status, increment_id, store_id,"
                        + " created_at, updated_at) VALUES (:state, :status, :hold, :inc, 1, UTC_TIMESTAMP(), UTC_TIMESTAMP())")
                .param("state", state).param("status", status).param("hold", holdBeforeStatus)
                .param("inc", String.valueOf(INCREMENT.incrementAndGet())).update(key);
        return key.getKey().longValue();
    }

    /** Sets the order's status to ready_to_ship by plain SQL (autocommit); returns its increment id. */
    public String readyToShip(long orderId) {
        jdbc.sql("UPDATE " + magento.table("sales_flat_order") + " SET status = 'ready_to_ship' WHERE entity_id = :id")
                .param("id", orderId).update();
        return incrementId(orderId);
    }

    public String incrementId(long orderId) {
        return jdbc.sql("SELECT increment_id FROM " + magento.table("sales_flat_order") + " WHERE entity_id = :id").param("id", orderId)
                .query(String.class).single();
    }

    public void item(long orderId, String sku, String productType, double ordered, double canceled, double refunded) {
        jdbc.sql("INSERT INTO " + magento.table("sales_flat_order_item") + " (order_id, store_id, sku, product_type, qty_ordered,"
                        + " qty_canceled, qty_refunded, qty_shipped, created_at, updated_at)"
                        + " VALUES (:order, 1, :sku, :type, :ordered, :canceled, :refunded, 0, UTC_TIMESTAMP(), UTC_TIMESTAMP())")
                .param("order", orderId).param("sku", sku).param("type", productType).param("ordered", ordered)
                .param("canceled", canceled).param("refunded", refunded).update();
    }
}
