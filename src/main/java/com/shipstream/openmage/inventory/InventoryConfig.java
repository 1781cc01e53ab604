package com.shipstream.openmage.inventory;

import com.shipstream.openmage.magento.StoreConfig;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The store's {@code cataloginventory/*} settings that decide what saving a stock item does, with
 * Magento's defaults for settings the store never saved.
 */
public record InventoryConfig(boolean manageStock, BigDecimal minQty, int backorders, BigDecimal notifyStockQty,
                              boolean canSubtract, boolean canBackInStock) {

    private static final String MANAGE_STOCK = "cataloginventory/item_options/manage_stock";
    private static final String MIN_QTY = "cataloginventory/item_options/min_qty";
    private static final String BACKORDERS = "cataloginventory/item_options/backorders";
    private static final String NOTIFY_STOCK_QTY = "cataloginventory/item_options/notify_stock_qty";
    private static final String CAN_SUBTRACT = "cataloginventory/options/can_subtract";
    private static final String CAN_BACK_IN_STOCK = "cataloginventory/options/can_back_in_stock";

    /** All six settings in one query. */
    public static InventoryConfig read(StoreConfig config) {
        Map<String, String> v = config.values(List.of(MANAGE_STOCK, MIN_QTY, BACKORDERS, NOTIFY_STOCK_QTY, CAN_SUBTRACT, CAN_BACK_IN_STOCK));
        return new InventoryConfig(
                StoreConfig.toFlag(v.get(MANAGE_STOCK), true),
                decimal(v.get(MIN_QTY), BigDecimal.ZERO),
                StoreConfig.toInt(v.get(BACKORDERS), 0),
                decimal(v.get(NOTIFY_STOCK_QTY), BigDecimal.ONE),
                StoreConfig.toFlag(v.get(CAN_SUBTRACT), true),
                StoreConfig.toFlag(v.get(CAN_BACK_IN_STOCK), true));
    }

    private static BigDecimal decimal(String value, BigDecimal fallback) {
        return value != null && value.strip().matches("-?\\d+(\\.\\d+)?") ? new BigDecimal(value.strip()) : fallback;
    }
}
