package com.shipstream.openmage.sales;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The items of one order, parents and children linked, and Magento's item rules that need both
 * ({@code Mage_Sales_Model_Order_Item::isDummy}, {@code getQtyToShip}, {@code getQtyToInvoice}):
 * configurable children and the children of a bundle shipped together are "dummy" lines (their
 * parent ships), as is a bundle parent whose children ship separately.
 */
public final class OrderItems {
    /** Magento's {@code shipment_type} of a bundle whose items ship one by one. */
    private static final String SHIP_SEPARATELY = "1";
    /** Magento's {@code product_calculations} of a bundle priced by its children. */
    private static final String CALCULATE_CHILD = "0";

    private final List<OrderItem> items;
    private final Map<Long, OrderItem> byId = new LinkedHashMap<>();
    private final Map<Long, List<OrderItem>> children = new LinkedHashMap<>();

    /** @param items in {@code item_id} order */
    public OrderItems(List<OrderItem> items) {
        this.items = List.copyOf(items);
        items.forEach(item -> byId.put(item.id(), item));
        for (OrderItem item : items) {
            if (item.parentId() != null && byId.containsKey(item.parentId())) {
                children.computeIfAbsent(item.parentId(), id -> new ArrayList<>()).add(item);
            }
        }
    }

    public List<OrderItem> all() {
        return items;
    }

    public OrderItem get(long id) {
        return byId.get(id);
    }

    /** The item whose id is exactly this text (ShipStream's {@code order_item_ref}), or null. */
    public OrderItem byKey(String key) {
        try {
            OrderItem item = byId.get(Long.parseLong(key));
            return item != null && item.key().equals(key) ? item : null;
        } catch (NumberFormatException notAnId) {
            return null;
        }
    }

    public OrderItem parent(OrderItem item) {
        return item.parentId() == null ? null : byId.get(item.parentId());
    }

    public List<OrderItem> children(OrderItem item) {
        return children.getOrDefault(item.id(), List.of());
    }

    public boolean hasChildren(OrderItem item) {
        return children.containsKey(item.id());
    }

    private Map<?, ?> bundleOptions(OrderItem item) {
        OrderItem parent = parent(item);
        return parent != null ? parent.options() : item.options();
    }

    /** The bundle this item belongs to (or is) ships its items one by one. */
    public boolean shipsSeparately(OrderItem item) {
        return SHIP_SEPARATELY.equals(String.valueOf(bundleOptions(item).get("shipment_type")));
    }

    public boolean isDummyForShipment(OrderItem item) {
        if (hasChildren(item)) {
            return shipsSeparately(item);
        }
        return parent(item) != null && !shipsSeparately(item);
    }

    public boolean isDummyForInvoice(OrderItem item) {
        boolean childrenCalculated = CALCULATE_CHILD.equals(String.valueOf(bundleOptions(item).get("product_calculations")));
        if (hasChildren(item)) {
            return childrenCalculated;
        }
        return parent(item) != null && !childrenCalculated;
    }

    /** What is left to ship on this line; a dummy line has nothing of its own. */
    public BigDecimal qtyToShip(OrderItem item) {
        return isDummyForShipment(item) ? BigDecimal.ZERO : item.simpleQtyToShip();
    }

    public BigDecimal qtyToInvoice(OrderItem item) {
        if (isDummyForInvoice(item)) {
            return BigDecimal.ZERO;
        }
        return item.qtyOrdered().subtract(item.qtyInvoiced()).subtract(item.qtyCanceled()).max(BigDecimal.ZERO);
    }

    /** Some non-virtual line not locked for shipping still has something to ship. */
    public boolean anythingToShip() {
        return items.stream().anyMatch(i -> !i.isVirtual() && !i.lockedDoShip() && qtyToShip(i).signum() > 0);
    }

    public boolean anythingToInvoice() {
        return items.stream().anyMatch(i -> !i.lockedDoInvoice() && qtyToInvoice(i).signum() > 0);
    }

    /** How many of this child one bundle holds ({@code bundle_selection_attributes.qty}), or null. */
    public static BigDecimal bundleSelectionQty(OrderItem item, Function<String, Object> unserialize) {
        if (!(item.options().get("bundle_selection_attributes") instanceof String text) || text.isEmpty()) {
            return null;
        }
        try {
            if (unserialize.apply(text) instanceof Map<?, ?> map && map.get("qty") != null) {
                return new BigDecimal(String.valueOf(map.get("qty")));
            }
        } catch (RuntimeException unreadable) {
            // an unreadable selection is treated as absent, as Magento treats it
        }
        return null;
    }
}
