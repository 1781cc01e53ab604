package com.shipstream.openmage.sales;

import static com.shipstream.openmage.sales.WebhookData.maps;
import static com.shipstream.openmage.sales.WebhookData.text;

import com.shipstream.openmage.api.ApiException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which order lines a ShipStream shipment ships, and how many of each: the quantities the extension
 * derives from ShipStream's packages (spec §4.6 step 3), and Magento's {@code prepareShipment}
 * rules that turn them into shipment lines (spec §4.6.2). Pure: no database.
 */
public final class ShipmentQuantities {
    private static final BigDecimal ROUND_UP_FROM = new BigDecimal("0.9999");

    /** One shipment line: the order line and the quantity shipped on it (always > 0). */
    public record Line(OrderItem item, BigDecimal qty, boolean dummy) {
    }

    private ShipmentQuantities() {
    }

    /**
     * The quantity per order line for a partial shipment ({@code order_status} not "complete"): the
     * packages' {@code order_item_qty} summed per {@code order_item_ref} (ShipStream's copy of the
     * Magento item id), rounded as the extension does (a fraction of 0.9999 or more counts as a whole
     * unit, less is dropped), zero lines left out.
     * <p>Unlike the extension, a quantity reported for a line Magento ships through its parent (a
     * configurable's child, an item of a bundle shipped together) counts for the parent line, so such
     * products ship: the child's quantity is turned into parent units by the ratio of their ordered
     * quantities, and a bundle counts as many times as its least-packed item allows.
     *
     * @return item id (as text) → quantity; never empty
     * @throws ApiException {@code data_invalid} "Decimal qty is not allowed to ship in magento" when nothing is left
     */
    public static Map<String, BigDecimal> fromPackages(Map<?, ?> data, OrderItems items) {
        Map<String, String> refs = new LinkedHashMap<>();
        for (Map<?, ?> item : maps(data.get("items"))) {
            refs.put(text(item.get("order_item_id")), text(item.get("order_item_ref")));
        }
        Map<String, BigDecimal> summed = new LinkedHashMap<>();
        for (Map<?, ?> pack : maps(data.get("packages"))) {
            for (Map<?, ?> line : maps(pack.get("items"))) {
                String key = refs.getOrDefault(text(line.get("order_item_id")), "");
                summed.merge(key, decimal(line.get("order_item_qty")), BigDecimal::add);
            }
        }
        Map<String, BigDecimal> perLine = new LinkedHashMap<>();
        Map<Long, BigDecimal> parentUnits = new LinkedHashMap<>();
        summed.forEach((key, qty) -> {
            OrderItem item = items.byKey(key);
            OrderItem parent = item == null ? null : items.parent(item);
            if (parent != null && items.isDummyForShipment(item) && item.qtyOrdered().signum() > 0) {
                BigDecimal units = qty.multiply(parent.qtyOrdered()).divide(item.qtyOrdered(), 4, RoundingMode.HALF_UP);
                parentUnits.merge(parent.id(), units, BigDecimal::min);
            } else {
                perLine.merge(key, qty, BigDecimal::add);
            }
        });
        parentUnits.forEach((parentId, units) -> {
            OrderItem parent = items.get(parentId);
            boolean everyItemPacked = items.children(parent).stream()
                    .filter(c -> !c.isVirtual()).allMatch(c -> summed.containsKey(c.key()));
            perLine.merge(parent.key(), everyItemPacked ? units : BigDecimal.ZERO, BigDecimal::add);
        });
        Map<String, BigDecimal> rounded = new LinkedHashMap<>();
        perLine.forEach((key, qty) -> {
            BigDecimal whole = qty.setScale(0, RoundingMode.DOWN);
            BigDecimal result = qty.subtract(whole).compareTo(ROUND_UP_FROM) >= 0 ? whole.add(BigDecimal.ONE) : whole;
            if (result.signum() > 0) {
                rounded.put(key, result);
            }
        });
        if (rounded.isEmpty()) {
            throw new ApiException("data_invalid", "Decimal qty is not allowed to ship in magento");
        }
        return rounded;
    }

    /**
     * Magento's {@code prepareShipment} + {@code register}: the lines of a shipment for the given
     * quantities (empty: everything that remains). Lines that come out at zero are left out.
     */
    public static List<Line> lines(OrderItems items, Map<String, BigDecimal> qtys, Function<String, Object> unserialize) {
        List<Line> lines = new ArrayList<>();
        for (OrderItem item : items.all()) {
            if (!canShip(item, items, qtys)) {
                continue;
            }
            boolean dummy = items.isDummyForShipment(item);
            BigDecimal qty;
            if (dummy) {
                OrderItem parent = items.parent(item);
                BigDecimal parentQty = parent == null ? null : qtys.get(parent.key());
                if (parentQty == null) {
                    qty = BigDecimal.ONE;
                } else {
                    BigDecimal selection = OrderItems.bundleSelectionQty(item, unserialize);
                    qty = selection == null ? BigDecimal.ZERO : selection.multiply(parentQty).min(item.simpleQtyToShip());
                }
            } else if (qtys.containsKey(item.key())) {
                qty = qtys.get(item.key()).min(items.qtyToShip(item));
            } else if (qtys.isEmpty()) {
                qty = items.qtyToShip(item);
            } else {
                continue;
            }
            qty = item.isQtyDecimal() ? qty.max(BigDecimal.ZERO) : qty.setScale(0, RoundingMode.DOWN).max(BigDecimal.ZERO);
            if (qty.signum() > 0) {
                lines.add(new Line(item, qty, dummy));
            }
        }
        return lines;
    }

    /** Magento's {@code _canShipItem}. */
    private static boolean canShip(OrderItem item, OrderItems items, Map<String, BigDecimal> qtys) {
        if (item.isVirtual() || item.lockedDoShip()) {
            return false;
        }
        if (!items.isDummyForShipment(item)) {
            return items.qtyToShip(item).signum() > 0;
        }
        if (items.hasChildren(item)) {
            if (items.shipsSeparately(item)) {
                return true;
            }
            return items.children(item).stream().filter(c -> !c.isVirtual()).anyMatch(c -> qtys.isEmpty()
                    ? items.qtyToShip(c).signum() > 0
                    : qtys.containsKey(c.key()) && qtys.get(c.key()).signum() > 0);
        }
        OrderItem parent = items.parent(item);
        return qtys.isEmpty() ? items.qtyToShip(parent).signum() > 0
                : qtys.containsKey(parent.key()) && qtys.get(parent.key()).signum() > 0;
    }

    /** Σ qty of the lines that ship on their own (Magento leaves dummy lines out of {@code total_qty}). */
    public static BigDecimal totalQty(List<Line> lines) {
        return lines.stream().filter(l -> !l.dummy()).map(Line::qty).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal decimal(Object value) {
        if (value == null) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO; // PHP's (float) of a non-numeric string
        }
    }
}
