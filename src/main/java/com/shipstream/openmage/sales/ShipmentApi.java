package com.shipstream.openmage.sales;

import static com.shipstream.openmage.sales.WebhookData.maps;
import static com.shipstream.openmage.sales.WebhookData.text;

import com.shipstream.openmage.api.ApiException;
import com.shipstream.openmage.magento.MagentoClock;
import com.shipstream.openmage.magento.MagentoProperties;
import com.shipstream.openmage.magento.PhpSerializer;
import com.shipstream.openmage.magento.StoreConfig;
import com.shipstream.openmage.magento.TableColumns;
import com.shipstream.openmage.sales.Orders.Order;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * Resource {@code shipstream_order_shipment}: the shipments ShipStream reports, written as Magento
 * writes them. The writing methods run inside their route's transaction and lock the order row
 * before anything else, so two shipments of one order are applied one after the other and can
 * never ship a line twice.
 */
@Component("shipments")
public class ShipmentApi {
    public static final String SEND_EMAIL_PATH = "shipstream/general/send_shipment_email";

    /** A shipment row as the writing methods lock it. */
    private record ShipmentRow(long id, long orderId, long storeId) {
    }

    /** What createWithTracking did: the shipment's ids, and whether it is new and its customer should get an email. */
    public record Created(String incrementId, long shipmentId, String orderIncrementId, boolean isNew, boolean emailCustomer) {
    }

    private final JdbcClient jdbc;
    private final MagentoProperties magento;
    private final MagentoClock clock;
    private final Orders orders;
    private final IncrementIds incrementIds;
    private final Carriers carriers;
    private final StoreConfig config;
    private final TableColumns columns;
    private final PhpSerializer php;

    public ShipmentApi(JdbcClient jdbc, MagentoProperties magento, MagentoClock clock, Orders orders, IncrementIds incrementIds,
                       Carriers carriers, StoreConfig config, TableColumns columns, PhpSerializer php) {
        this.jdbc = jdbc;
        this.magento = magento;
        this.clock = clock;
        this.orders = orders;
        this.incrementIds = incrementIds;
        this.carriers = carriers;
        this.config = config;
        this.columns = columns;
        this.php = php;
    }

    /** {@code createWithTracking(orderIncrementId, data)} (spec §4.6). */
    public Created create(String orderIncrementId, Map<?, ?> data) {
        Order order = orders.lock(orderIncrementId).orElseThrow(() -> new ApiException("order_not_exists", null));
        String uniqueId = data.get("unique_id") == null ? "" : text(data.get("unique_id"));
        if (!uniqueId.isEmpty() && !claim(uniqueId, order)) {
            return earlierShipment(uniqueId, order);
        }
        OrderItems items = orders.items(order.id());
        if (!canShip(order, items)) {
            throw new ApiException("data_invalid", "Cannot do shipment for order.");
        }
        Map<String, BigDecimal> qtys = "complete".equals(data.get("order_status")) ? Map.of()
                : ShipmentQuantities.fromPackages(data, items);
        List<ShipmentQuantities.Line> lines = ShipmentQuantities.lines(items, qtys, php::unserialize);
        if (lines.isEmpty()) {
            throw new ApiException("data_invalid", "Cannot create an empty shipment.");
        }
        boolean email = config.flag(SEND_EMAIL_PATH, order.storeId(), true);
        String now = clock.nowText();
        if ("new".equals(order.state())) {
            // Magento's "in process" rule: a new order being shipped moves to processing
            String status = orders.defaultStatus("processing");
            orders.update(order.id(), "processing", status);
            orders.addHistory(order.id(), status, "", null);
        }
        String incrementId = incrementIds.next("shipment", order.storeId());
        long shipmentId = insertShipment(order, incrementId, ShipmentQuantities.totalQty(lines), email, now);
        for (ShipmentQuantities.Line line : lines) {
            insertItem(shipmentId, line);
            orders.addShipped(line.item().id(), line.qty());
        }
        jdbc.sql("INSERT INTO " + magento.table("sales_flat_shipment_comment")
                        + " (parent_id, is_customer_notified, is_visible_on_front, comment, created_at) VALUES (:s, 0, 0, :c, :now)")
                .param("s", shipmentId).param("c", ShipmentComment.of(items, data)).param("now", now).update();
        Carriers.Choice carrier = carriers.forNewShipment(data.get("carrier"), data.get("service_description"), order.storeId());
        for (Map<?, ?> pack : maps(data.get("packages"))) {
            if (pack.get("tracking_numbers") instanceof List<?> numbers) {
                numbers.forEach(number -> insertTrack(shipmentId, order.id(), carrier, text(number), now));
            }
        }
        insertGridRow(shipmentId);
        completeIfDone(order);
        orders.refreshGrid(order.id());
        if (!uniqueId.isEmpty()) {
            jdbc.sql("UPDATE " + magento.table("shipstream_shipment_reference") + " SET shipment_id = :s WHERE unique_id = :u")
                    .param("u", uniqueId).param("s", shipmentId).update();
        }
        return new Created(incrementId, shipmentId, order.incrementId(), true, email);
    }

    /**
     * Claims the ShipStream shipment's reference for this transaction; false when it was saved before.
     * A plain insert, not a locking read first: a read of a missing key would gap-lock it, and two
     * first deliveries holding that gap would deadlock on their inserts.
     */
    private boolean claim(String uniqueId, Order order) {
        return jdbc.sql("INSERT IGNORE INTO " + magento.table("shipstream_shipment_reference") + " (unique_id, order_id)"
                        + " VALUES (:u, :o)")
                .param("u", uniqueId).param("o", order.id()).update() == 1;
    }

    /** A retry of a ShipStream shipment already saved: its first Magento shipment, unchanged. */
    private Created earlierShipment(String uniqueId, Order order) {
        return jdbc.sql("SELECT r.order_id, s.entity_id, s.increment_id FROM " + magento.table("shipstream_shipment_reference") + " r"
                        + " LEFT JOIN " + magento.table("sales_flat_shipment") + " s ON s.entity_id = r.shipment_id"
                        + " WHERE r.unique_id = :u LOCK IN SHARE MODE")
                .param("u", uniqueId)
                .query((rs, n) -> {
                    if (rs.getLong("order_id") != order.id() || rs.getString("increment_id") == null) {
                        throw new ApiException("data_invalid", "ShipStream shipment " + uniqueId
                                + " is already saved for another order.");
                    }
                    return new Created(rs.getString("increment_id"), rs.getLong("entity_id"), order.incrementId(), false, false);
                })
                .single();
    }

    /** Magento's {@code canShip}: not held, not in payment review, not virtual, not canceled, and something left to ship. */
    private static boolean canShip(Order order, OrderItems items) {
        if (Set.of("holded", "payment_review", "canceled").contains(order.state()) || order.isVirtual()) {
            return false;
        }
        return items.anythingToShip();
    }

    /**
     * Magento's {@code _checkState} after a shipment: nothing left to ship or invoice, and either
     * nothing to pay or something that could be refunded, completes the order; a refunded one closes.
     */
    private void completeIfDone(Order order) {
        OrderItems now = orders.items(order.id());
        Set<String> blocked = Set.of("holded", "payment_review", "canceled", "complete", "closed");
        if (blocked.contains(order.state()) || now.anythingToInvoice() || now.anythingToShip()) {
            orders.update(order.id(), null, null);
            return;
        }
        boolean canCreditmemo = order.totalPaid().subtract(order.totalRefunded()).abs().compareTo(new BigDecimal("0.0001")) >= 0;
        String state = order.baseGrandTotal().signum() == 0 || canCreditmemo ? "complete"
                : order.totalRefunded().signum() != 0 ? "closed" : null;
        if (state == null) {
            orders.update(order.id(), null, null);
            return;
        }
        String status = orders.defaultStatus(state);
        orders.update(order.id(), state, status);
        orders.addHistory(order.id(), status, "", null);
    }

    private long insertShipment(Order order, String incrementId, BigDecimal totalQty, boolean email, String now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO " + magento.table("sales_flat_shipment") + " (store_id, total_qty, email_sent, order_id, customer_id,"
                        + " shipping_address_id, billing_address_id, increment_id, created_at, updated_at)"
                        + " SELECT o.store_id, :qty, :email, o.entity_id, o.customer_id, o.shipping_address_id, o.billing_address_id,"
                        + " :inc, :now, :now FROM " + magento.table("sales_flat_order") + " o WHERE o.entity_id = :order")
                .param("qty", totalQty).param("email", email ? 1 : null).param("inc", incrementId).param("now", now)
                .param("order", order.id()).update(key, "entity_id");
        return key.getKey().longValue();
    }

    private void insertItem(long shipmentId, ShipmentQuantities.Line line) {
        OrderItem item = line.item();
        jdbc.sql("INSERT INTO " + magento.table("sales_flat_shipment_item")
                        + " (parent_id, price, weight, qty, product_id, order_item_id, name, sku)"
                        + " VALUES (:s, :price, :weight, :qty, :product, :item, :name, :sku)")
                .param("s", shipmentId).param("price", item.price()).param("weight", item.weight()).param("qty", line.qty())
                .param("product", item.productId()).param("item", item.id()).param("name", item.name()).param("sku", item.sku())
                .update();
    }

    private void insertTrack(long shipmentId, long orderId, Carriers.Choice carrier, String number, String now) {
        jdbc.sql("INSERT INTO " + magento.table("sales_flat_shipment_track")
                        + " (parent_id, order_id, track_number, title, carrier_code, created_at, updated_at)"
                        + " VALUES (:s, :o, :number, :title, :code, :now, :now)")
                .param("s", shipmentId).param("o", orderId).param("number", number).param("title", carrier.title())
                .param("code", carrier.code()).param("now", now).update();
    }

    private void insertGridRow(long shipmentId) {
        jdbc.sql("INSERT INTO " + magento.table("sales_flat_shipment_grid") + " (entity_id, store_id, total_qty, order_id,"
                        + " shipment_status, increment_id, order_increment_id, created_at, order_created_at, shipping_name)"
                        + " SELECT s.entity_id, s.store_id, s.total_qty, s.order_id, s.shipment_status, s.increment_id, o.increment_id,"
                        + " s.created_at, o.created_at, CONCAT(a.firstname, ' ', a.lastname)"
                        + " FROM " + magento.table("sales_flat_shipment") + " s JOIN " + magento.table("sales_flat_order")
                        + " o ON o.entity_id = s.order_id LEFT JOIN " + magento.table("sales_flat_order_address")
                        + " a ON a.entity_id = o.shipping_address_id WHERE s.entity_id = :s")
                .param("s", shipmentId).update();
    }

    /**
     * {@code addTrackingNumbers(shipmentIncrementId, data)} (spec §4.7). A number the shipment already
     * has under the same carrier is not added again, so a retried webhook adds nothing.
     */
    public boolean addTrackingNumbers(String shipmentIncrementId, Map<?, ?> data) {
        ShipmentRow shipment = lockShipment(shipmentIncrementId)
                .orElseThrow(() -> new ApiException("not_exists", "Shipment with increment ID '" + shipmentIncrementId + "' does not exist."));
        long shipmentId = shipment.id();
        long orderId = shipment.orderId();
        long storeId = shipment.storeId();
        Carriers.Choice carrier = carriers.forAddedTracking(data.get("carrier"), data.get("service_description"), storeId);
        List<String> numbers = new ArrayList<>();
        for (Map<?, ?> pack : maps(data.get("packages"))) {
            if (pack.get("tracking_numbers") instanceof List<?> list) {
                list.forEach(n -> numbers.add(text(n)));
            }
        }
        if (numbers.isEmpty()) {
            throw new ApiException("data_invalid", "No valid tracking numbers provided.");
        }
        List<String> existing = jdbc.sql("SELECT track_number FROM " + magento.table("sales_flat_shipment_track")
                        + " WHERE parent_id = :s AND carrier_code = :code FOR UPDATE")
                .param("s", shipmentId).param("code", carrier.code()).query(String.class).list();
        String now = clock.nowText();
        for (String number : numbers) {
            if (!existing.contains(number)) {
                insertTrack(shipmentId, orderId, carrier, number, now);
                existing.add(number);
            }
        }
        jdbc.sql("UPDATE " + magento.table("sales_flat_shipment") + " SET updated_at = :now WHERE entity_id = :s")
                .param("now", now).param("s", shipmentId).update();
        orders.update(orderId, null, null);
        orders.refreshGrid(orderId);
        return true;
    }

    /** Locks the shipment's order, then the shipment: the one lock order of every writer here. */
    private Optional<ShipmentRow> lockShipment(String incrementId) {
        Optional<Long> orderId = jdbc.sql("SELECT order_id FROM " + magento.table("sales_flat_shipment") + " WHERE increment_id = :i")
                .param("i", incrementId).query(Long.class).optional();
        if (orderId.isEmpty()) {
            return Optional.empty();
        }
        orders.lock(orderId.get());
        return lockedShipment(incrementId);
    }

    /** The shipment row, locked; call it once its order is locked. */
    private Optional<ShipmentRow> lockedShipment(String incrementId) {
        return jdbc.sql("SELECT entity_id, order_id, store_id FROM " + magento.table("sales_flat_shipment")
                        + " WHERE increment_id = :i FOR UPDATE")
                .param("i", incrementId)
                .query((rs, n) -> new ShipmentRow(rs.getLong("entity_id"), rs.getLong("order_id"), rs.getLong("store_id")))
                .optional();
    }

    /**
     * {@code revert(orderIncrementId, shipmentIncrementId, data)}: undoes the one shipment named (the
     * design's decision 3): its quantities go back to the order lines, it is deleted with its lines,
     * tracks and comments, and the order returns to processing / submitted with a history comment.
     */
    public boolean revert(String orderIncrementId, String shipmentIncrementId, Map<?, ?> data) {
        Order order = orders.lock(orderIncrementId)
                .orElseThrow(() -> new ApiException("order_not_exists", "Order #" + orderIncrementId + " does not exist."));
        ShipmentRow shipment = lockedShipment(shipmentIncrementId)
                .orElseThrow(() -> new ApiException("not_exists", "Shipment #" + shipmentIncrementId + " does not exist."));
        if (shipment.orderId() != order.id()) {
            throw new ApiException("data_invalid", "Shipment #" + shipmentIncrementId + " does not belong to Order #" + orderIncrementId + ".");
        }
        long shipmentId = shipment.id();
        jdbc.sql("SELECT order_item_id, qty FROM " + magento.table("sales_flat_shipment_item") + " WHERE parent_id = :s FOR UPDATE")
                .param("s", shipmentId)
                .query((rs, n) -> {
                    long itemId = rs.getLong("order_item_id");
                    if (!rs.wasNull()) {
                        orders.addShipped(itemId, rs.getBigDecimal("qty").negate());
                        orders.unlockForShipping(itemId);
                    }
                    return itemId;
                }).list();
        jdbc.sql("DELETE FROM " + magento.table("sales_flat_shipment") + " WHERE entity_id = :s").param("s", shipmentId).update();
        String event = data == null || data.get("event_name") == null ? "" : " (" + text(data.get("event_name")) + ")";
        orders.update(order.id(), "processing", "submitted");
        orders.addHistory(order.id(), "submitted", "Shipment #" + shipmentIncrementId + " was reverted by ShipStream" + event + ".", null);
        orders.refreshGrid(order.id());
        return true;
    }

    /** {@code info(shipmentIncrementId)} (spec §4.5): the shipment's rows, with the order line's product type on each item. */
    public Map<String, Object> info(String shipmentIncrementId) {
        Map<String, Object> shipment = jdbc.sql("SELECT " + columns.selectAllBut("sales_flat_shipment", "s", "entity_id")
                        + ", s.entity_id AS shipment_id, o.increment_id AS order_increment_id, o.shipping_method AS _shipping_method,"
                        + " o.entity_id AS _order_id FROM " + magento.table("sales_flat_shipment") + " s"
                        + " LEFT JOIN " + magento.table("sales_flat_order") + " o ON o.entity_id = s.order_id"
                        + " WHERE s.increment_id = :i ORDER BY s.entity_id LIMIT 1")
                .param("i", shipmentIncrementId).query(TableColumns.TEXT_ROW).optional()
                .orElseThrow(() -> new ApiException("not_exists", null));
        String orderId = (String) shipment.remove("_order_id");
        String shippingMethod = (String) shipment.remove("_shipping_method");
        String id = (String) shipment.get("shipment_id");
        List<Map<String, Object>> address = jdbc.sql("SELECT " + columns.selectAllBut("sales_flat_order_address", "a", "entity_id")
                        + " FROM " + magento.table("sales_flat_order_address") + " a WHERE a.parent_id = :o AND a.address_type = 'shipping'"
                        + " ORDER BY a.entity_id LIMIT 1")
                .param("o", orderId).query(TableColumns.TEXT_ROW).list();
        shipment.put("shipping_address", address.isEmpty() ? new ArrayList<>() : address.get(0));
        shipment.put("shipping_method", shippingMethod);
        shipment.put("items", jdbc.sql("SELECT " + columns.selectAllBut("sales_flat_shipment_item", "i", "entity_id")
                        + ", i.entity_id AS item_id, oi.product_type FROM " + magento.table("sales_flat_shipment_item") + " i"
                        + " LEFT JOIN " + magento.table("sales_flat_order_item") + " oi ON oi.item_id = i.order_item_id"
                        + " WHERE i.parent_id = :s ORDER BY i.entity_id")
                .param("s", id).query(TableColumns.TEXT_ROW).list());
        List<Map<String, Object>> tracks = jdbc.sql("SELECT " + columns.selectAllBut("sales_flat_shipment_track", "t", "entity_id")
                        + ", t.track_number AS number, t.entity_id AS track_id FROM " + magento.table("sales_flat_shipment_track") + " t"
                        + " WHERE t.parent_id = :s ORDER BY t.entity_id")
                .param("s", id).query(TableColumns.TEXT_ROW).list();
        shipment.put("tracks", tracks);
        shipment.put("comments", jdbc.sql("SELECT " + columns.selectAllBut("sales_flat_shipment_comment", "c", "entity_id")
                        + ", c.entity_id AS comment_id FROM " + magento.table("sales_flat_shipment_comment") + " c"
                        + " WHERE c.parent_id = :s ORDER BY c.entity_id")
                .param("s", id).query(TableColumns.TEXT_ROW).list());
        return shipment;
    }
}
