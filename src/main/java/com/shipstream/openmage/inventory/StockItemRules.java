package com.shipstream.openmage.inventory;

import java.math.BigDecimal;

/**
 * What Magento does when a stock item's quantity changes (Mage_CatalogInventory stock item save, and
 * the extension's back-in-stock rule), as one pure function so that {@code adjust}, {@code adjustMany}
 * and the inventory sync all write the same thing.
 */
public final class StockItemRules {
    private StockItemRules() {
    }

    /** The columns a save writes besides {@code qty}. */
    public record Outcome(boolean writes, boolean inStock, boolean lowStock, boolean changedAutomatically) {
        static final Outcome NOTHING = new Outcome(false, false, false, false);
    }

    /**
     * @param item   the row as locked
     * @param newQty the quantity after the change
     * @return whether anything is written and the new flags. Unmanaged stock and composite product
     *         types are left alone, as the extension does.
     */
    public static Outcome apply(StockItem item, BigDecimal newQty, InventoryConfig config) {
        if (!item.managed(config) || !StockItem.isQtyType(item.typeId())) {
            return Outcome.NOTHING;
        }
        BigDecimal minQty = item.effectiveMinQty(config);
        boolean inStock = item.inStock();
        boolean automatic = false;
        // back in stock: it was empty and out of stock, and now holds more than the minimum
        if (item.qty().compareTo(BigDecimal.ONE) < 0 && !inStock && config.canBackInStock() && newQty.compareTo(minQty) > 0) {
            inStock = true;
            automatic = true;
        }
        // without backorders, at or below the minimum is out of stock
        if (item.effectiveBackorders(config) == 0 && newQty.compareTo(minQty) <= 0) {
            inStock = false;
            automatic = true;
        }
        boolean lowStock = newQty.compareTo(item.effectiveNotifyStockQty(config)) < 0;
        return new Outcome(true, inStock, lowStock, automatic);
    }
}
