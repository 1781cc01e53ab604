package com.shipstream.openmage.inventory;

import com.shipstream.openmage.magento.MagentoClock;
import com.shipstream.openmage.magento.MagentoProperties;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stock rows of stock 1 and their storefront status, read and written inside the caller's
 * transaction. Rows are always locked in product-id order, the one global order of this bundle
 * (stock rows by product id, then orders), so two operations can never deadlock each other.
 */
@Component
public class StockItems {
    static final int STOCK_ID = 1;
    /** Rows per status upsert, well under the protocol's 65,535 placeholders. */
    private static final int STATUS_ROWS_PER_STATEMENT = 1000;

    private final JdbcClient jdbc;
    private final MagentoProperties magento;
    private final MagentoClock clock;
    private volatile Integer statusAttributeId;

    public StockItems(JdbcClient jdbc, MagentoProperties magento, MagentoClock clock) {
        this.jdbc = jdbc;
        this.magento = magento;
        this.clock = clock;
    }

    /** Product ids by SKU (the store's SKU column compares case-insensitively, as Magento's lookups do). */
    public Map<String, Long> resolveSkus(Collection<String> skus) {
        Map<String, Long> bySku = new LinkedHashMap<>();
        if (!skus.isEmpty()) {
            jdbc.sql("SELECT entity_id, sku FROM " + magento.table("catalog_product_entity") + " WHERE sku IN (:skus)")
                    .param("skus", List.copyOf(skus))
                    .query((rs, n) -> bySku.put(rs.getString("sku").toLowerCase(), rs.getLong("entity_id"))).list();
        }
        Map<String, Long> found = new LinkedHashMap<>();
        for (String sku : skus) {
            Long id = bySku.get(sku.toLowerCase());
            if (id != null) {
                found.put(sku, id);
            }
        }
        return found;
    }

    /**
     * Product ids for SKUs or ids, as the extension resolves them: an exact SKU first, else a
     * numeric value as the entity id. Keys without a product are absent from the result.
     */
    public Map<String, Long> resolve(Collection<String> skuOrIds) {
        Map<String, Long> found = resolveSkus(skuOrIds);
        List<Long> numeric = skuOrIds.stream().filter(k -> !found.containsKey(k) && isEntityId(k))
                .map(k -> Long.parseLong(k.strip())).toList();
        if (!numeric.isEmpty()) {
            List<Long> existing = jdbc.sql("SELECT entity_id FROM " + magento.table("catalog_product_entity")
                    + " WHERE entity_id IN (:ids)").param("ids", numeric).query(Long.class).list();
            for (String key : skuOrIds) {
                if (!found.containsKey(key) && isEntityId(key) && existing.contains(Long.parseLong(key.strip()))) {
                    found.put(key, Long.parseLong(key.strip()));
                }
            }
        }
        return found;
    }

    private static boolean isEntityId(String key) {
        return key.strip().matches("\\d{1,10}");
    }

    /**
     * Locks the stock rows of these products ({@code SELECT ... FOR UPDATE} in product-id order) and
     * returns them by product id. A product without a stock row gets a default one first, as
     * Magento creates it on the first save.
     */
    public Map<Long, StockItem> lock(Collection<Long> productIds) {
        TreeSet<Long> ids = new TreeSet<>(productIds);
        Map<Long, StockItem> items = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return items;
        }
        select(ids, items);
        if (items.size() < ids.size()) {
            for (Long id : ids) {
                if (!items.containsKey(id)) {
                    jdbc.sql("INSERT IGNORE INTO " + magento.table("cataloginventory_stock_item")
                            + " (product_id, stock_id, qty, is_in_stock) VALUES (:id, " + STOCK_ID + ", 0, 0)").param("id", id).update();
                }
            }
            items.clear();
            select(ids, items);
        }
        return items;
    }

    private void select(TreeSet<Long> ids, Map<Long, StockItem> into) {
        jdbc.sql("SELECT si.item_id, si.product_id, p.sku, p.type_id, si.qty, si.is_in_stock, si.min_qty, si.use_config_min_qty,"
                        + " si.backorders, si.use_config_backorders, si.notify_stock_qty, si.use_config_notify_stock_qty,"
                        + " si.manage_stock, si.use_config_manage_stock"
                        + " FROM " + magento.table("cataloginventory_stock_item") + " si"
                        + " JOIN " + magento.table("catalog_product_entity") + " p ON p.entity_id = si.product_id"
                        + " WHERE si.stock_id = " + STOCK_ID + " AND si.product_id IN (:ids) ORDER BY si.product_id FOR UPDATE")
                .param("ids", List.copyOf(ids))
                .query((rs, n) -> new StockItem(rs.getLong("item_id"), rs.getLong("product_id"), rs.getString("sku"),
                        rs.getString("type_id"), rs.getBigDecimal("qty"), rs.getInt("is_in_stock") == 1, rs.getBigDecimal("min_qty"),
                        rs.getInt("use_config_min_qty") == 1, rs.getInt("backorders"), rs.getInt("use_config_backorders") == 1,
                        rs.getBigDecimal("notify_stock_qty"), rs.getInt("use_config_notify_stock_qty") == 1,
                        rs.getInt("manage_stock") == 1, rs.getInt("use_config_manage_stock") == 1))
                .list().forEach(item -> into.put(item.productId(), item));
    }

    /**
     * Moves a locked item's quantity by {@code delta} ({@code qty = qty + delta}, relative) with the
     * save semantics of {@link StockItemRules}; returns the item as it now is (unchanged when nothing
     * was written). The storefront status follows in {@link #refreshStatus}.
     */
    public StockItem add(StockItem item, BigDecimal delta, InventoryConfig config) {
        if (!config.canSubtract() || delta.signum() == 0) {
            return item; // Magento's addQty does nothing when "Decrease Stock When Order is Placed" is off
        }
        return write(item, item.qty().add(delta), "qty + :change", delta, config);
    }

    /** Sets a locked item's quantity to {@code target} (the inventory sync), with the same semantics. */
    public StockItem set(StockItem item, BigDecimal target, InventoryConfig config) {
        return write(item, target, ":change", target, config);
    }

    private StockItem write(StockItem item, BigDecimal newQty, String qtyExpression, BigDecimal change, InventoryConfig config) {
        StockItemRules.Outcome outcome = StockItemRules.apply(item, newQty, config);
        if (!outcome.writes()) {
            return item;
        }
        jdbc.sql("UPDATE " + magento.table("cataloginventory_stock_item") + " SET qty = " + qtyExpression
                        + ", is_in_stock = :inStock, low_stock_date = :lowStockDate, stock_status_changed_auto = :auto"
                        + " WHERE item_id = :itemId")
                .param("change", change).param("inStock", outcome.inStock() ? 1 : 0)
                .param("lowStockDate", outcome.lowStock() ? clock.nowText() : null)
                .param("auto", outcome.changedAutomatically() ? 1 : 0).param("itemId", item.itemId()).update();
        return item.with(newQty, outcome.inStock());
    }

    /**
     * Recomputes {@code cataloginventory_stock_status} for these items (as they are after the writes)
     * on every website their product is sold on, as Magento's real-time stock indexer does after a
     * save: {@code qty} never below 0, and in stock only when the product is enabled and (stock
     * unmanaged or the item is in stock).
     */
    public void refreshStatus(Collection<StockItem> items, InventoryConfig config) {
        if (items.isEmpty()) {
            return;
        }
        Map<Long, StockItem> byProduct = new LinkedHashMap<>();
        items.forEach(item -> byProduct.put(item.productId(), item));
        List<Object[]> rows = new ArrayList<>();
        jdbc.sql("SELECT pw.product_id, pw.website_id, COALESCE(st.value, 1) AS enabled FROM " + magento.table("catalog_product_website") + " pw"
                        + " LEFT JOIN " + magento.table("catalog_product_entity_int") + " st ON st.entity_id = pw.product_id"
                        + " AND st.attribute_id = :statusAttribute AND st.store_id = 0 WHERE pw.product_id IN (:ids) ORDER BY pw.product_id")
                .param("statusAttribute", statusAttributeId()).param("ids", List.copyOf(byProduct.keySet()))
                .query((rs, n) -> {
                    StockItem item = byProduct.get(rs.getLong("product_id"));
                    boolean enabled = rs.getInt("enabled") == 1;
                    boolean available = enabled && (!item.managed(config) || item.inStock());
                    return rows.add(new Object[] {item.productId(), rs.getInt("website_id"), item.qty().max(BigDecimal.ZERO), available ? 1 : 0});
                }).list();
        for (int from = 0; from < rows.size(); from += STATUS_ROWS_PER_STATEMENT) {
            List<Object[]> batch = rows.subList(from, Math.min(rows.size(), from + STATUS_ROWS_PER_STATEMENT));
            List<Object> params = new ArrayList<>(batch.size() * 4);
            batch.forEach(row -> params.addAll(List.of(row)));
            jdbc.sql("INSERT INTO " + magento.table("cataloginventory_stock_status") + " (product_id, website_id, stock_id, qty, stock_status)"
                            + " VALUES " + String.join(", ", java.util.Collections.nCopies(batch.size(), "(?, ?, " + STOCK_ID + ", ?, ?)"))
                            + " ON DUPLICATE KEY UPDATE qty = VALUES(qty), stock_status = VALUES(stock_status)")
                    .params(params).update();
        }
    }

    /** The id of the product attribute {@code status} in this store (ids differ between installs). */
    private int statusAttributeId() {
        Integer id = statusAttributeId;
        if (id == null) {
            id = jdbc.sql("SELECT a.attribute_id FROM " + magento.table("eav_attribute") + " a JOIN " + magento.table("eav_entity_type")
                    + " t ON t.entity_type_id = a.entity_type_id WHERE t.entity_type_code = 'catalog_product' AND a.attribute_code = 'status'")
                    .query(Integer.class).single();
            statusAttributeId = id;
        }
        return id;
    }
}
