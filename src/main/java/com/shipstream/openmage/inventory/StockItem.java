package com.shipstream.openmage.inventory;

import java.math.BigDecimal;

/** One locked {@code cataloginventory_stock_item} row of stock 1, with its product's SKU and type. */
public record StockItem(long itemId, long productId, String sku, String typeId, BigDecimal qty, boolean inStock,
                        BigDecimal minQty, boolean useConfigMinQty, int backorders, boolean useConfigBackorders,
                        BigDecimal notifyStockQty, boolean useConfigNotifyStockQty, boolean manageStock,
                        boolean useConfigManageStock) {

    /** This row after a save that set {@code qty} and {@code is_in_stock}. */
    StockItem with(BigDecimal newQty, boolean nowInStock) {
        return new StockItem(itemId, productId, sku, typeId, newQty, nowInStock, minQty, useConfigMinQty, backorders,
                useConfigBackorders, notifyStockQty, useConfigNotifyStockQty, manageStock, useConfigManageStock);
    }

    /** Product types whose stock is counted in units; composite types (configurable, bundle, grouped) are not. */
    static boolean isQtyType(String typeId) {
        return switch (typeId == null ? "" : typeId) {
            case "simple", "virtual", "downloadable", "giftcard" -> true;
            default -> false;
        };
    }

    boolean managed(InventoryConfig config) {
        return useConfigManageStock ? config.manageStock() : manageStock;
    }

    BigDecimal effectiveMinQty(InventoryConfig config) {
        return useConfigMinQty ? config.minQty() : minQty;
    }

    int effectiveBackorders(InventoryConfig config) {
        return useConfigBackorders ? config.backorders() : backorders;
    }

    BigDecimal effectiveNotifyStockQty(InventoryConfig config) {
        return useConfigNotifyStockQty || notifyStockQty == null ? config.notifyStockQty() : notifyStockQty;
    }
}
