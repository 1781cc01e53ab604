package com.shipstream.openmage.support;

import com.shipstream.openmage.magento.MagentoProperties;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** Products with stock in the test store, made the way Magento stores them (entity, website, stock item, status). */
public class TestCatalog {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final JdbcClient jdbc;
    private final MagentoProperties magento;

    public TestCatalog(JdbcClient jdbc, MagentoProperties magento) {
        this.jdbc = jdbc;
        this.magento = magento;
    }

    /** A unique SKU with the given prefix. */
    public static String sku(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100000;
    }

    /** A simple, enabled product on the main website with managed stock; returns its entity id. */
    public long product(String sku, double qty) {
        return product(sku, "simple", qty, qty > 0);
    }

    public long product(String sku, String type, double qty, boolean inStock) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO " + t("catalog_product_entity") + " (entity_type_id, attribute_set_id, type_id, sku, created_at, updated_at)"
                + " VALUES (4, 4, :type, :sku, UTC_TIMESTAMP(), UTC_TIMESTAMP())").param("type", type).param("sku", sku).update(key);
        long id = key.getKey().longValue();
        jdbc.sql("INSERT INTO " + t("catalog_product_website") + " (product_id, website_id) VALUES (:id, 1)").param("id", id).update();
        jdbc.sql("INSERT INTO " + t("catalog_product_entity_int") + " (entity_type_id, attribute_id, store_id, entity_id, value)"
                + " VALUES (4, 96, 0, :id, 1)").param("id", id).update();
        jdbc.sql("INSERT INTO " + t("cataloginventory_stock_item") + " (product_id, stock_id, qty, is_in_stock) VALUES (:id, 1, :qty, :in)")
                .param("id", id).param("qty", qty).param("in", inStock ? 1 : 0).update();
        return id;
    }

    public BigDecimal qty(String sku) {
        return jdbc.sql("SELECT si.qty FROM " + t("cataloginventory_stock_item") + " si JOIN " + t("catalog_product_entity")
                + " p ON p.entity_id = si.product_id WHERE p.sku = :sku AND si.stock_id = 1").param("sku", sku)
                .query(BigDecimal.class).single();
    }

    public double qtyValue(String sku) {
        return qty(sku).doubleValue();
    }

    /** is_in_stock, stock_status_changed_auto, low_stock_date set?, and the website-1 stock status row. */
    public String flags(String sku) {
        return jdbc.sql("SELECT CONCAT('in_stock=', si.is_in_stock, ' auto=', si.stock_status_changed_auto,"
                        + " ' low=', IF(si.low_stock_date IS NULL, 0, 1), ' status=', COALESCE(ss.stock_status, '-'),"
                        + " ' status_qty=', COALESCE(TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM ss.qty)), '-'))"
                        + " FROM " + t("cataloginventory_stock_item") + " si JOIN " + t("catalog_product_entity") + " p ON p.entity_id = si.product_id"
                        + " LEFT JOIN " + t("cataloginventory_stock_status") + " ss ON ss.product_id = si.product_id AND ss.website_id = 1"
                        + " AND ss.stock_id = 1 WHERE p.sku = :sku AND si.stock_id = 1").param("sku", sku).query(String.class).single();
    }

    public void setStockColumns(String sku, String assignments) {
        jdbc.sql("UPDATE " + t("cataloginventory_stock_item") + " si JOIN " + t("catalog_product_entity") + " p ON p.entity_id = si.product_id"
                + " SET " + assignments + " WHERE p.sku = :sku").param("sku", sku).update();
    }

    private String t(String table) {
        return magento.table(table);
    }
}
