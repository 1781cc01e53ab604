package com.shipstream.openmage.inventory;

import com.shipstream.openmage.magento.StoreConfig;
import java.math.BigDecimal;

/**
 * The store's {@code cataloginventory/*} settings that decide what saving a stock item does, with
 * Magento's defaults for settings the store never saved.
 */
public record InventoryConfig(boolean manageStock, BigDecimal minQty, int backorders, BigDecimal notifyStockQty,
                              boolean canSubtract, boolean canBackInStock) {

    public static InventoryConfig read(StoreConfig config) {
        return new InventoryConfig(
                config.flag("cataloginventory/item_options/manage_stock", true),
                decimal(config, "cataloginventory/item_options/min_qty", BigDecimal.ZERO),
                config.intValue("cataloginventory/item_options/backorders", 0),
                decimal(config, "cataloginventory/item_options/notify_stock_qty", BigDecimal.ONE),
                config.flag("cataloginventory/options/can_subtract", true),
                config.flag("cataloginventory/options/can_back_in_stock", true));
    }

    private static BigDecimal decimal(StoreConfig config, String path, BigDecimal fallback) {
        return config.value(path).map(String::strip).filter(v -> v.matches("-?\\d+(\\.\\d+)?")).map(BigDecimal::new)
                .orElse(fallback);
    }
}
