package com.shipstream.openmage.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Magento's stock-item save rules (spec §13) as the one function all inventory writes use. */
class StockItemRulesTest {
    private static final InventoryConfig DEFAULTS = new InventoryConfig(true, BigDecimal.ZERO, 0, BigDecimal.ONE, true, true);

    private static StockItem item(String type, double qty, boolean inStock) {
        return new StockItem(1, 1, "SKU", type, BigDecimal.valueOf(qty), inStock, BigDecimal.ZERO, true, 0, true, null, true,
                false, true);
    }

    private static StockItemRules.Outcome apply(StockItem item, double newQty, InventoryConfig config) {
        return StockItemRules.apply(item, BigDecimal.valueOf(newQty), config);
    }

    @Test
    void atOrBelowTheMinimumWithoutBackordersIsOutOfStock() {
        StockItemRules.Outcome outcome = apply(item("simple", 3, true), 0, DEFAULTS);
        assertThat(outcome).isEqualTo(new StockItemRules.Outcome(true, false, true, true));
        InventoryConfig minTwo = new InventoryConfig(true, BigDecimal.valueOf(2), 0, BigDecimal.ONE, true, true);
        assertThat(apply(item("simple", 5, true), 2, minTwo).inStock()).isFalse();
        assertThat(apply(item("simple", 5, true), 3, minTwo).inStock()).isTrue();
    }

    @Test
    void backordersKeepAnItemInStockBelowZero() {
        InventoryConfig backorders = new InventoryConfig(true, BigDecimal.ZERO, 1, BigDecimal.ONE, true, true);
        StockItemRules.Outcome outcome = apply(item("simple", 1, true), -4, backorders);
        assertThat(outcome.inStock()).isTrue();
        assertThat(outcome.changedAutomatically()).isFalse();
        assertThat(outcome.lowStock()).isTrue();
    }

    @Test
    void backInStockOnlyFromEmptyAndWhenTheStoreAllowsIt() {
        assertThat(apply(item("simple", 0, false), 5, DEFAULTS)).isEqualTo(new StockItemRules.Outcome(true, true, false, true));
        InventoryConfig noBackInStock = new InventoryConfig(true, BigDecimal.ZERO, 0, BigDecimal.ONE, true, false);
        assertThat(apply(item("simple", 0, false), 5, noBackInStock).inStock()).isFalse();
        // an item taken out of stock by hand with quantity left stays out
        assertThat(apply(item("simple", 4, false), 9, DEFAULTS).inStock()).isFalse();
    }

    @Test
    void lowStockDateFollowsTheNotifyQuantity() {
        InventoryConfig notifyAtTen = new InventoryConfig(true, BigDecimal.ZERO, 0, BigDecimal.TEN, true, true);
        assertThat(apply(item("simple", 20, true), 9, notifyAtTen).lowStock()).isTrue();
        assertThat(apply(item("simple", 20, true), 10, notifyAtTen).lowStock()).isFalse();
    }

    @Test
    void unmanagedStockAndCompositeTypesAreNotWritten() {
        InventoryConfig unmanaged = new InventoryConfig(false, BigDecimal.ZERO, 0, BigDecimal.ONE, true, true);
        assertThat(apply(item("simple", 3, true), 0, unmanaged).writes()).isFalse();
        assertThat(apply(item("configurable", 0, true), 5, DEFAULTS).writes()).isFalse();
        assertThat(apply(item("bundle", 0, true), 5, DEFAULTS).writes()).isFalse();
        assertThat(apply(item("virtual", 0, false), 5, DEFAULTS).writes()).isTrue();
    }
}
