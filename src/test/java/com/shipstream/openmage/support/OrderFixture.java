package com.shipstream.openmage.support;

import com.shipstream.openmage.magento.MagentoProperties;
import com.shipstream.openmage.magento.PhpSerializer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Builds complete orders in the test store the way Magento saves them: order row, billing and
 * shipping address, payment, a first history row, and items of every product type ShipStream
 * meets (simple, configurable parent + child, bundles shipped together or separately, virtual,
 * decimal quantities), invoiced or not.
 */
public class OrderFixture {
    private static final AtomicLong INCREMENT = new AtomicLong(System.currentTimeMillis() % 100_000 * 1000 + 500_000_000L);
    private static final PhpSerializer PHP = new PhpSerializer();

    /** A saved order: its entity id, increment id and item ids by SKU (the parent's SKU for parents). */
    public record Created(long id, String incrementId, Map<String, Long> items) {
        public long item(String sku) {
            Long id = items.get(sku);
            if (id == null) {
                throw new IllegalArgumentException("no item " + sku + " in " + items.keySet());
            }
            return id;
        }

        public String itemRef(String sku) {
            return String.valueOf(item(sku));
        }
    }

    private record Line(String key, String sku, String type, String parentKey, double qty, boolean virtual,
                        boolean decimal, Map<String, Object> options) {
    }

    private final JdbcClient jdbc;
    private final MagentoProperties magento;
    private final List<Line> lines = new ArrayList<>();
    private String state = "processing";
    private String status = "submitted";
    private boolean invoiced = true;
    private String email = "jane.doe@example.com";
    private boolean shippingAddress = true;
    private String incrementId;

    public OrderFixture(JdbcClient jdbc, MagentoProperties magento) {
        this.jdbc = jdbc;
        this.magento = magento;
    }

    public OrderFixture status(String state, String status) {
        this.state = state;
        this.status = status;
        return this;
    }

    public OrderFixture invoiced(boolean invoiced) {
        this.invoiced = invoiced;
        return this;
    }

    public OrderFixture email(String email) {
        this.email = email;
        return this;
    }

    public OrderFixture incrementId(String incrementId) {
        this.incrementId = incrementId;
        return this;
    }

    public OrderFixture simple(String sku, double qty) {
        lines.add(new Line(sku, sku, "simple", null, qty, false, false, Map.of()));
        return this;
    }

    public OrderFixture decimal(String sku, double qty) {
        lines.add(new Line(sku, sku, "simple", null, qty, false, true, Map.of()));
        return this;
    }

    /** A virtual line (and, when it is the only one, a virtual order without shipping address). */
    public OrderFixture virtual(String sku, double qty) {
        lines.add(new Line(sku, sku, "virtual", null, qty, true, false, Map.of()));
        return this;
    }

    /** A configurable parent (keyed by {@code parentSku}) and its simple child (keyed by {@code childSku}); both carry the child's SKU. */
    public OrderFixture configurable(String parentSku, String childSku, double qty) {
        lines.add(new Line(parentSku, childSku, "configurable", null, qty, false, false, Map.of("simple_sku", childSku)));
        lines.add(new Line(childSku, childSku, "simple", parentSku, qty, false, false, Map.of()));
        return this;
    }

    /**
     * A bundle of {@code qty} with children {@code "SKU:perBundle"}; {@code shipSeparately} sets
     * {@code shipment_type} = 1.
     */
    public OrderFixture bundle(String sku, boolean shipSeparately, double qty, String... children) {
        lines.add(new Line(sku, sku, "bundle", null, qty, false, false,
                Map.of("shipment_type", shipSeparately ? "1" : "0", "product_calculations", "1")));
        for (String child : children) {
            String[] parts = child.split(":");
            double per = Double.parseDouble(parts[1]);
            Map<String, Object> selection = new LinkedHashMap<>();
            selection.put("price", 5.0);
            selection.put("qty", per);
            selection.put("option_label", "Part");
            selection.put("option_id", "1");
            lines.add(new Line(parts[0], parts[0], "simple", sku, qty * per, false, false,
                    Map.of("bundle_selection_attributes", PHP.serialize(selection))));
        }
        return this;
    }

    public OrderFixture withoutShippingAddress() {
        this.shippingAddress = false;
        return this;
    }

    public Created create() {
        String inc = incrementId != null ? incrementId : String.valueOf(INCREMENT.incrementAndGet());
        double total = lines.stream().filter(l -> l.parentKey == null).mapToDouble(l -> l.qty * 10).sum();
        boolean virtualOrder = lines.stream().allMatch(Line::virtual);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO " + t("sales_flat_order") + " (state, status, increment_id, store_id, store_name, is_virtual,"
                        + " customer_email, customer_firstname, customer_lastname, customer_is_guest, shipping_method,"
                        + " shipping_description, base_grand_total, grand_total, base_total_paid, total_paid, total_refunded,"
                        + " base_currency_code, order_currency_code, total_qty_ordered, created_at, updated_at)"
                        + " VALUES (:state, :status, :inc, 1, 'Main Website\nMain Store\nDefault Store View', :virtual, :email,"
                        + " 'Jane', 'Doe', 0, :method, :description, :total, :total, :paid, :paid, NULL, 'USD', 'USD', :qty,"
                        + " UTC_TIMESTAMP() - INTERVAL 1 HOUR, UTC_TIMESTAMP() - INTERVAL 1 HOUR)")
                .param("state", state).param("status", status).param("inc", inc).param("virtual", virtualOrder ? 1 : 0)
                .param("email", email).param("method", virtualOrder ? null : "flatrate_flatrate")
                .param("description", virtualOrder ? null : "Flat Rate - Fixed").param("total", total)
                .param("paid", invoiced ? total : null).param("qty", lines.stream().mapToDouble(Line::qty).sum())
                .update(key);
        long orderId = key.getKey().longValue();
        long billing = address(orderId, "billing");
        Long shipping = shippingAddress && !virtualOrder ? address(orderId, "shipping") : null;
        jdbc.sql("UPDATE " + t("sales_flat_order") + " SET billing_address_id = :b, shipping_address_id = :s WHERE entity_id = :id")
                .param("b", billing).param("s", shipping).param("id", orderId).update();
        jdbc.sql("INSERT INTO " + t("sales_flat_order_payment") + " (parent_id, method, amount_ordered, base_amount_ordered)"
                        + " VALUES (:o, 'checkmo', :total, :total)")
                .param("o", orderId).param("total", total).update();
        jdbc.sql("INSERT INTO " + t("sales_flat_order_status_history") + " (parent_id, is_customer_notified, is_visible_on_front,"
                        + " comment, status, created_at, entity_name) VALUES (:o, 1, 0, 'Order placed', 'pending',"
                        + " UTC_TIMESTAMP() - INTERVAL 1 HOUR, 'order')")
                .param("o", orderId).update();
        Map<String, Long> ids = new LinkedHashMap<>();
        for (Line line : lines) {
            GeneratedKeyHolder itemKey = new GeneratedKeyHolder();
            jdbc.sql("INSERT INTO " + t("sales_flat_order_item") + " (order_id, parent_item_id, store_id, product_type, sku, name,"
                            + " product_options, is_virtual, is_qty_decimal, qty_ordered, qty_invoiced, qty_shipped, qty_canceled,"
                            + " qty_refunded, price, base_price, row_total, weight, created_at, updated_at)"
                            + " VALUES (:o, :parent, 1, :type, :sku, :name, :options, :virtual, :decimal, :qty, :invoiced, 0, 0, 0,"
                            + " 10, 10, :row, 1, UTC_TIMESTAMP(), UTC_TIMESTAMP())")
                    .param("o", orderId).param("parent", line.parentKey == null ? null : ids.get(line.parentKey))
                    .param("type", line.type).param("sku", line.sku).param("name", "Name of " + line.key)
                    .param("options", line.options.isEmpty() ? null : PHP.serialize(new LinkedHashMap<>(line.options)))
                    .param("virtual", line.virtual ? 1 : 0).param("decimal", line.decimal ? 1 : 0).param("qty", line.qty)
                    .param("invoiced", invoiced ? line.qty : 0).param("row", line.qty * 10)
                    .update(itemKey);
            ids.put(line.key, itemKey.getKey().longValue());
        }
        return new Created(orderId, inc, ids);
    }

    private long address(long orderId, String type) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO " + t("sales_flat_order_address") + " (parent_id, address_type, firstname, lastname, street, city,"
                        + " region, postcode, country_id, telephone, email) VALUES (:o, :type, 'Jane', :last, '1 Main St\nSuite 2',"
                        + " 'Springfield', 'Oregon', '97403', 'US', '555-0100', :email)")
                .param("o", orderId).param("type", type).param("last", type.equals("shipping") ? "Doe" : "Doe-Billing")
                .param("email", email).update(key);
        return key.getKey().longValue();
    }

    private String t(String table) {
        return magento.table(table);
    }

    /** Sets {@code qty_shipped} of one item directly (an order partly shipped before). */
    public static void markShipped(JdbcClient jdbc, MagentoProperties magento, long itemId, double qty) {
        jdbc.sql("UPDATE " + magento.table("sales_flat_order_item") + " SET qty_shipped = :q WHERE item_id = :id")
                .param("q", BigDecimal.valueOf(qty)).param("id", itemId).update();
    }
}
