package com.shipstream.openmage.sales;

import com.shipstream.openmage.magento.MagentoClock;
import com.shipstream.openmage.magento.MagentoProperties;
import com.shipstream.openmage.magento.PhpSerializer;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Orders as the API methods change them, always inside the caller's transaction: the order row is
 * locked first ({@code SELECT ... FOR UPDATE}) and every later read of the order's rows is a locking
 * read too, so it sees what concurrent transactions committed before the lock was granted.
 */
@Component
public class Orders {
    /** The order columns the shipment and comment flows read. */
    public record Order(long id, String incrementId, String state, String status, long storeId, boolean isVirtual,
                        BigDecimal baseGrandTotal, BigDecimal totalPaid, BigDecimal totalRefunded, Long customerId,
                        String customerEmail, String customerName, String shippingMethod, String createdAt) {
    }

    private final JdbcClient jdbc;
    private final MagentoProperties magento;
    private final MagentoClock clock;
    private final PhpSerializer php;

    public Orders(JdbcClient jdbc, MagentoProperties magento, MagentoClock clock, PhpSerializer php) {
        this.jdbc = jdbc;
        this.magento = magento;
        this.clock = clock;
        this.php = php;
    }

    /** Locks the order row and reads it; empty when no order has this increment id. */
    public Optional<Order> lock(String incrementId) {
        return jdbc.sql("SELECT entity_id, increment_id, state, status, store_id, is_virtual, base_grand_total, total_paid,"
                        + " total_refunded, customer_id, customer_email, customer_firstname, customer_lastname, shipping_method,"
                        + " DATE_FORMAT(created_at, " + MagentoClock.SQL_FORMAT + ") AS created_at"
                        + " FROM " + magento.table("sales_flat_order") + " WHERE increment_id = :id ORDER BY entity_id LIMIT 1 FOR UPDATE")
                .param("id", incrementId)
                .query((rs, n) -> new Order(rs.getLong("entity_id"), rs.getString("increment_id"), rs.getString("state"),
                        rs.getString("status"), rs.getLong("store_id"), rs.getInt("is_virtual") == 1,
                        decimal(rs, "base_grand_total"), decimal(rs, "total_paid"), decimal(rs, "total_refunded"),
                        (Long) rs.getObject("customer_id", Long.class), rs.getString("customer_email"),
                        name(rs.getString("customer_firstname"), rs.getString("customer_lastname")),
                        rs.getString("shipping_method"), rs.getString("created_at")))
                .optional();
    }

    /** Locks the order row by its entity id (when a shipment, not the order, was named); false when it is gone. */
    public boolean lock(long orderId) {
        return jdbc.sql("SELECT entity_id FROM " + magento.table("sales_flat_order") + " WHERE entity_id = :id FOR UPDATE")
                .param("id", orderId).query(Long.class).optional().isPresent();
    }

    /** The order's items in {@code item_id} order, locked with the order. */
    public OrderItems items(long orderId) {
        List<OrderItem> items = jdbc.sql("SELECT * FROM " + magento.table("sales_flat_order_item")
                        + " WHERE order_id = :order ORDER BY item_id FOR UPDATE")
                .param("order", orderId)
                .query((rs, n) -> new OrderItem(rs.getLong("item_id"), (Long) rs.getObject("parent_item_id", Long.class),
                        rs.getString("product_type"), (Long) rs.getObject("product_id", Long.class), rs.getString("sku"),
                        rs.getString("name"), decimal(rs, "qty_ordered"), decimal(rs, "qty_shipped"), decimal(rs, "qty_refunded"),
                        decimal(rs, "qty_canceled"), decimal(rs, "qty_invoiced"), rs.getInt("is_virtual") == 1,
                        rs.getInt("locked_do_ship") == 1, rs.getInt("locked_do_invoice") == 1, rs.getInt("is_qty_decimal") == 1,
                        decimal(rs, "price"), rs.getBigDecimal("weight"), options(rs.getString("product_options"))))
                .list();
        return new OrderItems(items);
    }

    /** Adds {@code delta} to the line's {@code qty_shipped} (relative, under the order's lock). */
    public void addShipped(long itemId, BigDecimal delta) {
        jdbc.sql("UPDATE " + magento.table("sales_flat_order_item")
                        + " SET qty_shipped = GREATEST(IFNULL(qty_shipped, 0) + :delta, 0), updated_at = :now WHERE item_id = :id")
                .param("delta", delta).param("now", clock.nowText()).param("id", itemId).update();
    }

    public void unlockForShipping(long itemId) {
        jdbc.sql("UPDATE " + magento.table("sales_flat_order_item") + " SET locked_do_ship = NULL WHERE item_id = :id")
                .param("id", itemId).update();
    }

    /** Sets state and status (either may be null to keep it) and {@code updated_at}. */
    public void update(long orderId, String state, String status) {
        jdbc.sql("UPDATE " + magento.table("sales_flat_order") + " SET state = IFNULL(:state, state),"
                        + " status = IFNULL(:status, status), updated_at = :now WHERE entity_id = :id")
                .param("state", state).param("status", status).param("now", clock.nowText()).param("id", orderId).update();
    }

    /**
     * A {@code sales_flat_order_status_history} row, as {@code addStatusHistoryComment} saves it.
     *
     * @param customerNotified 1, 0, or null when nobody decided (Magento's state changes leave it null)
     */
    public void addHistory(long orderId, String status, String comment, Integer customerNotified) {
        jdbc.sql("INSERT INTO " + magento.table("sales_flat_order_status_history")
                        + " (parent_id, is_customer_notified, is_visible_on_front, comment, status, created_at, entity_name)"
                        + " VALUES (:order, :notified, 0, :comment, :status, :now, 'order')")
                .param("order", orderId).param("notified", customerNotified).param("comment", comment)
                .param("status", status).param("now", clock.nowText()).update();
    }

    /** The status Magento gives an order entering {@code state} (its default in {@code sales_order_status_state}). */
    public String defaultStatus(String state) {
        return jdbc.sql("SELECT status FROM " + magento.table("sales_order_status_state")
                        + " WHERE state = :state ORDER BY is_default DESC, status LIMIT 1")
                .param("state", state).query(String.class).optional().orElse(state);
    }

    /** Rewrites the order's row of the admin order grid from the order and its addresses, as Magento's grid indexer does. */
    public void refreshGrid(long orderId) {
        String order = magento.table("sales_flat_order");
        String address = magento.table("sales_flat_order_address");
        jdbc.sql("INSERT INTO " + magento.table("sales_flat_order_grid") + " (entity_id, status, store_id, store_name, customer_id,"
                        + " base_grand_total, base_total_paid, grand_total, total_paid, increment_id, base_currency_code,"
                        + " order_currency_code, shipping_name, billing_name, created_at, updated_at)"
                        + " SELECT o.entity_id, o.status, o.store_id, o.store_name, o.customer_id, o.base_grand_total,"
                        + " o.base_total_paid, o.grand_total, o.total_paid, o.increment_id, o.base_currency_code,"
                        + " o.order_currency_code, CONCAT(s.firstname, ' ', s.lastname), CONCAT(b.firstname, ' ', b.lastname),"
                        + " o.created_at, o.updated_at FROM " + order + " o"
                        + " LEFT JOIN " + address + " s ON s.entity_id = o.shipping_address_id"
                        + " LEFT JOIN " + address + " b ON b.entity_id = o.billing_address_id"
                        + " WHERE o.entity_id = :id"
                        + " ON DUPLICATE KEY UPDATE status = VALUES(status), store_id = VALUES(store_id),"
                        + " store_name = VALUES(store_name), customer_id = VALUES(customer_id),"
                        + " base_grand_total = VALUES(base_grand_total), base_total_paid = VALUES(base_total_paid),"
                        + " grand_total = VALUES(grand_total), total_paid = VALUES(total_paid), increment_id = VALUES(increment_id),"
                        + " base_currency_code = VALUES(base_currency_code), order_currency_code = VALUES(order_currency_code),"
                        + " shipping_name = VALUES(shipping_name), billing_name = VALUES(billing_name),"
                        + " created_at = VALUES(created_at), updated_at = VALUES(updated_at)")
                .param("id", orderId).update();
    }

    private Map<?, ?> options(String serialized) {
        if (serialized == null || serialized.isEmpty()) {
            return Map.of();
        }
        try {
            return php.unserialize(serialized) instanceof Map<?, ?> map ? map : Map.of();
        } catch (IllegalArgumentException unreadable) {
            return Map.of();
        }
    }

    private static BigDecimal decimal(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? BigDecimal.ZERO : value;
    }

    private static String name(String first, String last) {
        return ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
    }
}
