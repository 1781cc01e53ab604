package com.shipstream.openmage.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shipstream.openmage.api.ApiException;
import com.shipstream.openmage.magento.PhpSerializer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Magento's shipment quantity rules and the extension's package arithmetic, without a database. */
class ShipmentQuantitiesTest {
    private static final PhpSerializer PHP = new PhpSerializer();
    private final List<OrderItem> items = new ArrayList<>();

    private OrderItem item(long id, Long parent, String type, String sku, double ordered, double shipped, Map<?, ?> options) {
        OrderItem item = new OrderItem(id, parent, type, null, sku, "Name " + sku, bd(ordered), bd(shipped), BigDecimal.ZERO,
                BigDecimal.ZERO, bd(ordered), type.equals("virtual"), false, false, false, BigDecimal.TEN, BigDecimal.ONE, options);
        items.add(item);
        return item;
    }

    private static BigDecimal bd(double v) {
        return BigDecimal.valueOf(v);
    }

    private static Map<String, Object> data(Map<String, String> refs, Object... lines) {
        List<Object> itemList = new ArrayList<>();
        refs.forEach((ssId, ref) -> itemList.add(Map.of("order_item_id", ssId, "order_item_ref", ref, "sku", "x")));
        List<Object> packageItems = new ArrayList<>();
        for (int i = 0; i < lines.length; i += 2) {
            packageItems.add(Map.of("order_item_id", lines[i], "order_item_qty", lines[i + 1]));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("items", itemList);
        data.put("packages", List.of(Map.of("items", packageItems)));
        return data;
    }

    private Map<Long, BigDecimal> shipped(Map<String, BigDecimal> qtys) {
        Map<Long, BigDecimal> result = new LinkedHashMap<>();
        ShipmentQuantities.lines(new OrderItems(items), qtys, PHP::unserialize)
                .forEach(l -> result.put(l.item().id(), l.qty().stripTrailingZeros()));
        return result;
    }

    @Test
    void packageQuantitiesAreRoundedAsTheExtensionDoes() {
        item(1, null, "simple", "A", 5, 0, Map.of());
        item(2, null, "simple", "B", 5, 0, Map.of());
        item(3, null, "simple", "C", 5, 0, Map.of());
        OrderItems order = new OrderItems(items);
        Map<String, BigDecimal> qtys = ShipmentQuantities.fromPackages(
                data(Map.of("s1", "1", "s2", "2", "s3", "3"), "s1", "2.99995", "s2", "2.5", "s3", "0.5"), order);
        assertThat(qtys).containsOnlyKeys("1", "2");
        assertThat(qtys.get("1")).isEqualByComparingTo("3");
        assertThat(qtys.get("2")).isEqualByComparingTo("2");

        // kit components: three thirds make one unit only from 0.9999 on
        assertThat(ShipmentQuantities.fromPackages(data(Map.of("k", "1"), "k", "0.3333", "k", "0.3333", "k", "0.3333"), order)
                .get("1")).isEqualByComparingTo("1");
        assertThatThrownBy(() -> ShipmentQuantities.fromPackages(data(Map.of("k", "1"), "k", "0.3332", "k", "0.3332", "k", "0.3332"), order))
                .isInstanceOf(ApiException.class).hasMessageContaining("Decimal qty is not allowed to ship in magento");
    }

    @Test
    void completeModeShipsWhatRemainsAndCapsPartialQuantities() {
        item(1, null, "simple", "A", 3, 1, Map.of());
        item(2, null, "virtual", "V", 1, 0, Map.of());
        item(3, null, "simple", "B", 2, 2, Map.of());
        assertThat(shipped(Map.of())).containsExactlyEntriesOf(Map.of(1L, bd(2).stripTrailingZeros()));
        assertThat(shipped(Map.of("1", bd(10)))).containsEntry(1L, bd(2).stripTrailingZeros());
    }

    @Test
    void configurableChildrenCountForTheirParentInPartialMode() {
        item(10, null, "configurable", "SHIRT-M", 2, 0, Map.of());
        item(11, 10L, "simple", "SHIRT-M", 2, 0, Map.of());
        OrderItems order = new OrderItems(items);
        // ShipStream reports the child's item id; the extension would ship nothing ("empty shipment")
        Map<String, BigDecimal> qtys = ShipmentQuantities.fromPackages(data(Map.of("s", "11"), "s", "1.0000"), order);
        assertThat(qtys).containsOnlyKeys("10");
        assertThat(shipped(qtys)).containsOnlyKeys(10L).containsEntry(10L, BigDecimal.ONE);
        // complete mode: the parent ships what remains and the child gets Magento's line of 1
        assertThat(shipped(Map.of())).containsEntry(10L, bd(2).stripTrailingZeros()).containsEntry(11L, BigDecimal.ONE);
    }

    @Test
    void bundlesShipTogetherThroughTheParentOrSeparatelyPerItem() {
        Map<String, Object> selection = Map.of("qty", 2.0);
        item(20, null, "bundle", "KIT", 2, 0, Map.of("shipment_type", "0"));
        item(21, 20L, "simple", "KIT-A", 4, 0, Map.of("bundle_selection_attributes", PHP.serialize(new LinkedHashMap<>(selection))));
        item(22, 20L, "simple", "KIT-B", 2, 0, Map.of("bundle_selection_attributes", PHP.serialize(new LinkedHashMap<>(Map.of("qty", 1.0)))));
        OrderItems together = new OrderItems(items);
        // one complete kit packed: 2 of A and 1 of B → the parent ships 1, its items follow by selection qty
        Map<String, BigDecimal> qtys = ShipmentQuantities.fromPackages(data(Map.of("a", "21", "b", "22"), "a", "2", "b", "1"), together);
        assertThat(qtys).containsOnlyKeys("20");
        assertThat(shipped(qtys)).containsEntry(20L, BigDecimal.ONE).containsEntry(21L, bd(2).stripTrailingZeros())
                .containsEntry(22L, BigDecimal.ONE);
        // only part of a kit packed: the kit does not ship
        assertThatThrownBy(() -> ShipmentQuantities.fromPackages(data(Map.of("a", "21"), "a", "2"), together))
                .isInstanceOf(ApiException.class);

        items.clear();
        item(30, null, "bundle", "BOX", 1, 0, Map.of("shipment_type", "1"));
        item(31, 30L, "simple", "BOX-A", 1, 0, Map.of());
        item(32, 30L, "simple", "BOX-B", 1, 0, Map.of());
        OrderItems separately = new OrderItems(items);
        Map<String, BigDecimal> oneItem = ShipmentQuantities.fromPackages(data(Map.of("a", "31"), "a", "1"), separately);
        assertThat(oneItem).containsOnlyKeys("31");
        assertThat(shipped(oneItem)).containsEntry(31L, BigDecimal.ONE).doesNotContainKey(32L);
    }

    @Test
    void decimalItemsKeepTheirFractionOthersAreCut() {
        OrderItem rope = new OrderItem(40, null, "simple", null, "ROPE", "Rope", bd(2.5), BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, bd(2.5), false, false, false, true, BigDecimal.TEN, BigDecimal.ONE, Map.of());
        items.add(rope);
        item(41, null, "simple", "NAIL", 2.5, 0, Map.of());
        Map<Long, BigDecimal> lines = shipped(Map.of());
        assertThat(lines.get(40L)).isEqualByComparingTo("2.5");
        assertThat(lines.get(41L)).isEqualByComparingTo("2");
    }
}
