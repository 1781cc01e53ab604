package com.shipstream.openmage.sales;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One {@code sales_flat_order_item} row, with what Magento's shipping and invoicing rules read.
 * The rules that depend on the item's parent or children are in {@link OrderItems}.
 *
 * @param options the item's {@code product_options}, unserialized (empty when absent or unreadable)
 */
public record OrderItem(long id, Long parentId, String productType, Long productId, String sku, String name,
                        BigDecimal qtyOrdered, BigDecimal qtyShipped, BigDecimal qtyRefunded, BigDecimal qtyCanceled,
                        BigDecimal qtyInvoiced, boolean isVirtual, boolean lockedDoShip, boolean lockedDoInvoice,
                        boolean isQtyDecimal, BigDecimal price, BigDecimal weight, Map<?, ?> options) {

    /** {@code qty_ordered - qty_shipped - qty_refunded - qty_canceled}, never below zero. */
    public BigDecimal simpleQtyToShip() {
        return qtyOrdered.subtract(qtyShipped).subtract(qtyRefunded).subtract(qtyCanceled).max(BigDecimal.ZERO);
    }

    public String key() {
        return String.valueOf(id);
    }
}
