package com.shipstream.openmage.sales;

import com.shipstream.openmage.api.ApiException;
import com.shipstream.openmage.magento.MagentoProperties;
import com.shipstream.openmage.magento.TableColumns;
import com.shipstream.openmage.sales.Orders.Order;
import com.shipstream.openmage.soap.PhpValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The order methods ShipStream calls: {@code shipstream_order.selectFields} and Magento's own
 * {@code sales_order.info}, {@code list} and {@code addComment}, with the shapes Magento's API gives
 * them (every column as the database's text, the legacy alias keys, addresses, items, payment and
 * history).
 */
@Component("orderApi")
public class OrderApi {
    private static final String ORDER = "sales_flat_order";
    /** Column → the longer key Magento's models also report it under (their "old fields map"). */
    private static final Map<String, String> LEGACY_KEYS = Map.of(
            "payment_auth_expiration", "payment_authorization_expiration",
            "forced_shipment_with_invoice", "forced_do_shipment_with_invoice",
            "base_shipping_hidden_tax_amnt", "base_shipping_hidden_tax_amount");
    private static final List<String> DEFAULT_SELECT = List.of("increment_id", "updated_at");

    private final JdbcClient jdbc;
    private final MagentoProperties magento;
    private final TableColumns columns;
    private final Orders orders;

    public OrderApi(JdbcClient jdbc, MagentoProperties magento, TableColumns columns, Orders orders) {
        this.jdbc = jdbc;
        this.magento = magento;
        this.columns = columns;
        this.orders = orders;
    }

    /** {@code shipstream_order.selectFields(filters, cols)} (spec §4.9): the chosen columns of the matching orders. */
    public List<Map<String, Object>> selectFields(Object filters, Object cols) {
        List<String> selected = new ArrayList<>();
        if (cols == null || cols instanceof List<?> l && l.isEmpty()) {
            selected.addAll(DEFAULT_SELECT);
        } else {
            List<?> names = cols instanceof List<?> l ? l : cols instanceof Map<?, ?> m ? List.copyOf(m.values()) : List.of(cols);
            for (Object name : names) {
                String column = String.valueOf(name);
                if (!columns.has(ORDER, column)) {
                    throw new ApiException("filters_invalid", "Invalid filters: unknown column \"" + column + "\"");
                }
                selected.add(column);
            }
        }
        CollectionFilter.Where where = CollectionFilter.of(filters, "main_table", c -> columns.has(ORDER, c), Map.of());
        return jdbc.sql("SELECT " + columns.selectList(ORDER, "main_table", List.copyOf(new LinkedHashSet<>(selected)))
                        + " FROM " + magento.table(ORDER) + " AS main_table WHERE " + where.sql())
                .params(where.params()).query(TableColumns.TEXT_ROW).list();
    }

    /** {@code sales_order.info(orderIncrementId)} (spec §10.1). */
    public Map<String, Object> info(String incrementId) {
        Map<String, Object> order = jdbc.sql("SELECT " + columns.selectAllBut(ORDER, "o") + " FROM " + magento.table(ORDER) + " o"
                        + " WHERE o.increment_id = :id ORDER BY o.entity_id LIMIT 1")
                .param("id", incrementId).query(TableColumns.TEXT_ROW).optional()
                .orElseThrow(() -> new ApiException("not_exists", null));
        String orderId = (String) order.remove("entity_id");
        addLegacyKeys(order);
        String giftMessageId = (String) order.get("gift_message_id");
        if (giftMessageId != null && PhpValues.isNumeric(giftMessageId) && Double.parseDouble(giftMessageId) > 0) {
            jdbc.sql("SELECT message FROM " + magento.table("gift_message") + " WHERE gift_message_id = :id")
                    .param("id", giftMessageId).query(String.class).optional().ifPresent(m -> order.put("gift_message", m));
        }
        order.put("order_id", orderId);
        order.put("shipping_address", address(orderId, "shipping"));
        order.put("billing_address", address(orderId, "billing"));
        List<Map<String, Object>> items = jdbc.sql("SELECT " + columns.selectAllBut("sales_flat_order_item", "i")
                        + " FROM " + magento.table("sales_flat_order_item") + " i WHERE i.order_id = :o ORDER BY i.item_id")
                .param("o", orderId).query(TableColumns.TEXT_ROW).list();
        Set<Object> parents = new LinkedHashSet<>();
        items.forEach(item -> parents.add(item.get("parent_item_id")));
        for (Map<String, Object> item : items) {
            if (parents.contains(item.get("item_id"))) {
                item.put("has_children", true);
            }
            if (item.containsKey("base_weee_tax_applied_row_amnt")) {
                item.put("base_weee_tax_applied_row_amount", item.get("base_weee_tax_applied_row_amnt"));
            }
        }
        order.put("items", items);
        List<Map<String, Object>> payment = jdbc.sql("SELECT " + columns.selectAllBut("sales_flat_order_payment", "p", "entity_id")
                        + ", p.entity_id AS payment_id FROM " + magento.table("sales_flat_order_payment") + " p"
                        + " WHERE p.parent_id = :o ORDER BY p.entity_id LIMIT 1")
                .param("o", orderId).query(TableColumns.TEXT_ROW).list();
        order.put("payment", payment.isEmpty() ? new ArrayList<>() : payment.get(0));
        order.put("status_history", jdbc.sql("SELECT " + columns.selectAllBut("sales_flat_order_status_history", "h", "entity_id")
                        + " FROM " + magento.table("sales_flat_order_status_history") + " h WHERE h.parent_id = :o"
                        + " ORDER BY h.created_at DESC, h.entity_id DESC")
                .param("o", orderId).query(TableColumns.TEXT_ROW).list());
        return order;
    }

    private Object address(String orderId, String type) {
        List<Map<String, Object>> rows = jdbc.sql("SELECT " + columns.selectAllBut("sales_flat_order_address", "a", "entity_id")
                        + ", a.entity_id AS address_id FROM " + magento.table("sales_flat_order_address") + " a"
                        + " WHERE a.parent_id = :o AND a.address_type = :type ORDER BY a.entity_id LIMIT 1")
                .param("o", orderId).param("type", type).query(TableColumns.TEXT_ROW).list();
        return rows.isEmpty() ? new ArrayList<>() : rows.get(0);
    }

    private static void addLegacyKeys(Map<String, Object> order) {
        LEGACY_KEYS.forEach((column, key) -> {
            if (order.containsKey(column)) {
                order.put(key, order.get(column));
            }
        });
    }

    /** {@code sales_order.list(filters)} (spec §10.2): the orders with their billing and shipping names. */
    public List<Map<String, Object>> list(Object filters) {
        CollectionFilter.Where where = CollectionFilter.of(filters, "main_table", c -> columns.has(ORDER, c),
                Map.of("order_id", "entity_id"));
        String address = magento.table("sales_flat_order_address");
        List<Map<String, Object>> rows = jdbc.sql("SELECT " + columns.selectAllBut(ORDER, "main_table", "entity_id")
                        + ", main_table.entity_id AS order_id,"
                        // Magento joins both addresses under the same names; the shipping join comes last and wins
                        + " s.firstname, s.middlename, s.lastname, s.telephone, s.postcode,"
                        + " b.firstname AS billing_firstname, b.lastname AS billing_lastname,"
                        + " s.firstname AS shipping_firstname, s.lastname AS shipping_lastname,"
                        + " CONCAT(b.firstname, ' ', b.lastname) AS billing_name, CONCAT(s.firstname, ' ', s.lastname) AS shipping_name"
                        + " FROM " + magento.table(ORDER) + " main_table"
                        + " LEFT JOIN " + address + " b ON b.parent_id = main_table.entity_id AND b.address_type = 'billing'"
                        + " LEFT JOIN " + address + " s ON s.parent_id = main_table.entity_id AND s.address_type = 'shipping'"
                        + " WHERE " + where.sql() + " ORDER BY main_table.entity_id")
                .params(where.params()).query(TableColumns.TEXT_ROW).list();
        rows.forEach(OrderApi::addLegacyKeys);
        return rows;
    }

    /**
     * {@code sales_order.addComment(orderIncrementId, status, comment, notify)} (spec §10.3): a history
     * row, the order's status (its state stays), {@code updated_at} and its grid row, in one transaction.
     */
    public boolean addComment(String incrementId, String status, String comment, Object notify) {
        Order order = orders.lock(incrementId).orElseThrow(() -> new ApiException("not_exists", null));
        String newStatus = status == null || status.isEmpty() ? order.status() : status;
        orders.addHistory(order.id(), newStatus, comment == null ? "" : comment, isTrue(notify) ? 1 : 0);
        orders.update(order.id(), null, newStatus);
        orders.refreshGrid(order.id());
        return true;
    }

    /** PHP's {@code (bool)}. */
    private static boolean isTrue(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        String text = String.valueOf(value);
        return !text.isEmpty() && !text.equals("0");
    }
}
