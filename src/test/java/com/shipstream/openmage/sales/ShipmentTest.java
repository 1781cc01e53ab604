package com.shipstream.openmage.sales;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipstream.openmage.support.OrderFixture;
import com.shipstream.openmage.support.PhpSoapClient.Result;
import com.shipstream.openmage.support.ServiceTest;
import com.shipstream.openmage.support.ShipmentMessage;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ShipStream's shipment cycle through PHP's SoapClient: S7 (shipment packed / shipped:
 * {@code order.info}, {@code createWithTracking}, later {@code info} + {@code addTrackingNumbers})
 * and S8 ({@code revert}), on orders of every product type, with assertions on the rows written.
 */
class ShipmentTest extends ServiceTest {

    private OrderFixture order() {
        return new OrderFixture(jdbc, magento);
    }

    private Map<String, Object> orderRow(long orderId) {
        return jdbc.sql("SELECT state, status FROM " + magento.table("sales_flat_order") + " WHERE entity_id = :id")
                .param("id", orderId).query().singleRow();
    }

    private BigDecimal shipped(long itemId) {
        return jdbc.sql("SELECT qty_shipped FROM " + magento.table("sales_flat_order_item") + " WHERE item_id = :id")
                .param("id", itemId).query(BigDecimal.class).single();
    }

    private int shipments(long orderId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + magento.table("sales_flat_shipment") + " WHERE order_id = :id")
                .param("id", orderId).query(Integer.class).single();
    }

    private Map<String, Object> shipmentRow(String incrementId) {
        return jdbc.sql("SELECT entity_id, total_qty, email_sent, store_id, shipping_address_id FROM "
                        + magento.table("sales_flat_shipment") + " WHERE increment_id = :i")
                .param("i", incrementId).query().singleRow();
    }

    private List<Result> create(String orderIncrementId, ShipmentMessage message) {
        return php().login(shipstreamUser(), KEY).call("order.info", orderIncrementId)
                .call("shipstream_order_shipment.createWithTracking", List.of(orderIncrementId, message.toMap())).run();
    }

    @Test
    void s7CompleteModeShipsEverythingRecordsTracksAndCommentAndCompletesAnInvoicedOrder() {
        OrderFixture.Created created = order().simple("SHIP-A", 2).simple("SHIP-B", 1).create();
        Map<String, Object> lot = new LinkedHashMap<>();
        lot.put("lot_number", "83CBC2");
        lot.put("expiration_date", "2021-10-05");
        ShipmentMessage message = new ShipmentMessage(created.incrementId(), "complete")
                .item("s1", created.itemRef("SHIP-A"), "SHIP-A", lot).item("s2", created.itemRef("SHIP-B"), "SHIP-B")
                .pack(List.of("794657040105"), "s1", "2.0000", "s2", "1.0000").collected("s1", "Serial Number", "55285442");

        List<Result> results = create(created.incrementId(), message);
        assertThat(results.get(1).value().get("status").asText()).isEqualTo("submitted");
        String incrementId = results.get(2).value().asText();
        assertThat(incrementId).matches("1\\d{8}");

        Map<String, Object> shipment = shipmentRow(incrementId);
        assertThat((BigDecimal) shipment.get("total_qty")).isEqualByComparingTo("3");
        assertThat(((Number) shipment.get("email_sent")).intValue()).isEqualTo(1);
        assertThat(shipment.get("shipping_address_id")).isNotNull();
        assertThat(shipped(created.item("SHIP-A"))).isEqualByComparingTo("2");
        assertThat(shipped(created.item("SHIP-B"))).isEqualByComparingTo("1");
        assertThat(orderRow(created.id())).containsEntry("state", "complete").containsEntry("status", "complete");
        assertThat(jdbc.sql("SELECT status FROM " + magento.table("sales_flat_order_status_history")
                + " WHERE parent_id = :o ORDER BY entity_id DESC LIMIT 1").param("o", created.id()).query(String.class).single())
                .isEqualTo("complete");
        long shipmentId = ((Number) shipment.get("entity_id")).longValue();
        Map<String, Object> track = jdbc.sql("SELECT track_number, carrier_code, title, order_id FROM "
                + magento.table("sales_flat_shipment_track") + " WHERE parent_id = :s").param("s", shipmentId).query().singleRow();
        assertThat(track).containsEntry("track_number", "794657040105").containsEntry("carrier_code", "fedex")
                .containsEntry("title", "Federal Express");
        String comment = jdbc.sql("SELECT comment FROM " + magento.table("sales_flat_shipment_comment") + " WHERE parent_id = :s")
                .param("s", shipmentId).query(String.class).single();
        assertThat(comment).isEqualTo("""
                [
                    {
                        "sku": "SHIP-A",
                        "name": "Name of SHIP-A",
                        "lotdata": [
                            {
                                "lot_number": "83CBC2",
                                "expiration_date": "2021-10-05"
                            }
                        ],
                        "collected_data": {
                            "label": "Serial Number",
                            "value": "55285442"
                        }
                    },
                    {
                        "sku": "SHIP-B",
                        "name": "Name of SHIP-B"
                    }
                ]""");
        assertThat(jdbc.sql("SELECT order_increment_id FROM " + magento.table("sales_flat_shipment_grid") + " WHERE entity_id = :s")
                .param("s", shipmentId).query(String.class).single()).isEqualTo(created.incrementId());
        assertThat(jdbc.sql("SELECT status FROM " + magento.table("sales_flat_order_grid") + " WHERE entity_id = :o")
                .param("o", created.id()).query(String.class).single()).isEqualTo("complete");

        // what S7 reads when ShipStream already has the Magento shipment
        Result info = php().login(shipstreamUser(), KEY).call("shipstream_order_shipment.info", incrementId).run().get(1);
        assertThat(info.hasObject()).isFalse();
        JsonNode node = info.value();
        assertThat(node.get("increment_id").asText()).isEqualTo(incrementId);
        assertThat(node.get("order_increment_id").asText()).isEqualTo(created.incrementId());
        assertThat(node.get("shipment_id").asText()).isEqualTo(String.valueOf(shipmentId));
        assertThat(node.has("entity_id")).isFalse();
        assertThat(node.get("shipping_method").asText()).isEqualTo("flatrate_flatrate");
        assertThat(node.get("shipping_address").get("lastname").asText()).isEqualTo("Doe");
        assertThat(node.get("items")).hasSize(2);
        assertThat(node.get("items").get(0).get("product_type").asText()).isEqualTo("simple");
        assertThat(node.get("items").get(0).get("qty").asText()).isEqualTo("2.0000");
        assertThat(node.get("tracks").get(0).get("number").asText()).isEqualTo("794657040105");
        assertThat(node.get("tracks").get(0).has("track_id")).isTrue();
        assertThat(node.get("comments").get(0).has("comment_id")).isTrue();
    }

    @Test
    void partialShipmentsShipThePackedLinesAndAnUninvoicedOrderStaysSubmitted() {
        OrderFixture.Created created = order().invoiced(false).simple("PART-A", 3).simple("PART-B", 1).create();
        ShipmentMessage first = new ShipmentMessage(created.incrementId(), "partially_shipped").carrier("acme", "Acme Freight")
                .item("p1", created.itemRef("PART-A"), "PART-A").item("p2", created.itemRef("PART-B"), "PART-B")
                .pack(List.of("T-1", "T-2"), "p1", "2.0000");
        String firstId = create(created.incrementId(), first).get(2).value().asText();
        assertThat(shipped(created.item("PART-A"))).isEqualByComparingTo("2");
        assertThat(shipped(created.item("PART-B"))).isEqualByComparingTo("0");
        assertThat(orderRow(created.id())).containsEntry("state", "processing").containsEntry("status", "submitted");
        long firstShipment = ((Number) shipmentRow(firstId).get("entity_id")).longValue();
        // an unknown carrier is saved as "custom" titled by the service
        assertThat(jdbc.sql("SELECT CONCAT(carrier_code, '|', title) FROM " + magento.table("sales_flat_shipment_track")
                + " WHERE parent_id = :s ORDER BY entity_id").param("s", firstShipment).query(String.class).list())
                .containsExactly("custom|Acme Freight", "custom|Acme Freight");

        ShipmentMessage rest = new ShipmentMessage(created.incrementId(), "complete")
                .item("p1", created.itemRef("PART-A"), "PART-A").item("p2", created.itemRef("PART-B"), "PART-B")
                .pack(List.of(), "p1", "1.0000", "p2", "1.0000");
        String secondId = create(created.incrementId(), rest).get(2).value().asText();
        assertThat(Long.parseLong(secondId)).isEqualTo(Long.parseLong(firstId) + 1);
        assertThat(shipped(created.item("PART-A"))).isEqualByComparingTo("3");
        assertThat(shipped(created.item("PART-B"))).isEqualByComparingTo("1");
        // nothing left to ship, but still to invoice: Magento does not complete it
        assertThat(orderRow(created.id())).containsEntry("state", "processing").containsEntry("status", "submitted");
    }

    @Test
    void configurablesBundlesDecimalsAndVirtualLinesShipByMagentosRules() {
        OrderFixture.Created created = order().configurable("CFG-SHIRT", "CFG-SHIRT-L", 2)
                .bundle("KIT-T", false, 1, "KIT-T-A:2", "KIT-T-B:1").bundle("KIT-S", true, 1, "KIT-S-A:1", "KIT-S-B:1")
                .decimal("ROPE-M", 2.5).virtual("WARRANTY", 1).create();
        // partial: the configurable's child and one complete ship-together kit, one item of the separate kit, the rope
        ShipmentMessage message = new ShipmentMessage(created.incrementId(), "partially_shipped")
                .item("c", created.itemRef("CFG-SHIRT-L"), "CFG-SHIRT-L")
                .item("ta", created.itemRef("KIT-T-A"), "KIT-T-A").item("tb", created.itemRef("KIT-T-B"), "KIT-T-B")
                .item("sa", created.itemRef("KIT-S-A"), "KIT-S-A").item("r", created.itemRef("ROPE-M"), "ROPE-M")
                .pack(List.of("X1"), "c", "1.0000", "ta", "2.0000", "tb", "1.0000", "sa", "1.0000", "r", "2.0000");
        String incrementId = create(created.incrementId(), message).get(2).value().asText();
        assertThat(shipped(created.item("CFG-SHIRT"))).isEqualByComparingTo("1");
        assertThat(shipped(created.item("KIT-T"))).isEqualByComparingTo("1");
        assertThat(shipped(created.item("KIT-T-A"))).isEqualByComparingTo("2");
        assertThat(shipped(created.item("KIT-T-B"))).isEqualByComparingTo("1");
        assertThat(shipped(created.item("KIT-S-A"))).isEqualByComparingTo("1");
        assertThat(shipped(created.item("KIT-S-B"))).isEqualByComparingTo("0");
        assertThat(shipped(created.item("ROPE-M"))).isEqualByComparingTo("2");
        assertThat(shipped(created.item("WARRANTY"))).isEqualByComparingTo("0");
        // total_qty counts the lines that ship on their own: shirt 1 + kit 1 + separate item 1 + rope 2
        assertThat((BigDecimal) shipmentRow(incrementId).get("total_qty")).isEqualByComparingTo("5");

        // complete mode ships what remains: the other shirt, the rest of the rope (a decimal 0.5), the other kit item
        String rest = create(created.incrementId(), new ShipmentMessage(created.incrementId(), "complete")).get(2).value().asText();
        assertThat(shipped(created.item("CFG-SHIRT"))).isEqualByComparingTo("2");
        assertThat(shipped(created.item("ROPE-M"))).isEqualByComparingTo("2.5");
        assertThat(shipped(created.item("KIT-S-B"))).isEqualByComparingTo("1");
        assertThat(shipped(created.item("WARRANTY"))).isEqualByComparingTo("0");
        assertThat(rest).isNotEqualTo(incrementId);
        assertThat(orderRow(created.id())).containsEntry("state", "complete");
    }

    @Test
    void ordersThatCannotShipAndDataThatShipsNothingAreFaultsThatChangeNothing() {
        OrderFixture.Created held = order().status("holded", "holded").simple("F-A", 1).create();
        OrderFixture.Created canceled = order().status("canceled", "canceled").simple("F-A", 1).create();
        OrderFixture.Created done = order().simple("F-A", 1).create();
        OrderFixture.markShipped(jdbc, magento, done.item("F-A"), 1);
        OrderFixture.Created open = order().simple("F-A", 2).configurable("F-CFG", "F-CFG-S", 1).create();
        String user = shipstreamUser();
        String path = "shipstream_order_shipment.createWithTracking";
        List<Result> results = php().login(user, KEY)
                .call(path, List.of("999999999999", new ShipmentMessage("999999999999", "complete").toMap()))
                .call(path, List.of(held.incrementId(), new ShipmentMessage(held.incrementId(), "complete").toMap()))
                .call(path, List.of(canceled.incrementId(), new ShipmentMessage(canceled.incrementId(), "complete").toMap()))
                .call(path, List.of(done.incrementId(), new ShipmentMessage(done.incrementId(), "complete").toMap()))
                // a package line whose item ShipStream did not list: nothing to ship
                .call(path, List.of(open.incrementId(), new ShipmentMessage(open.incrementId(), "partially_shipped")
                        .pack(List.of(), "ghost", "1.0000").toMap()))
                // a third of a unit: the extension's rounding drops it
                .call(path, List.of(open.incrementId(), new ShipmentMessage(open.incrementId(), "partially_shipped")
                        .item("a", open.itemRef("F-A"), "F-A").pack(List.of(), "a", "0.3333").toMap()))
                .call(path, List.of(open.incrementId(), "not a map"))
                .call(path, List.of(open.incrementId()))
                .run();
        assertThat(results.get(1).faultCode()).isEqualTo("103");
        assertThat(results.get(1).faultString()).isEqualTo("Requested order does not exist");
        for (int i = 2; i <= 4; i++) {
            assertThat(results.get(i).faultCode()).as(results.get(i).toString()).isEqualTo("102");
            assertThat(results.get(i).faultString()).isEqualTo("Cannot do shipment for order.");
        }
        assertThat(results.get(5).faultString()).isEqualTo("Cannot create an empty shipment.");
        assertThat(results.get(6).faultString()).isEqualTo("Decimal qty is not allowed to ship in magento");
        assertThat(results.get(7).faultCode()).isEqualTo("6");
        assertThat(results.get(8).faultCode()).isEqualTo("6");
        for (OrderFixture.Created o : List.of(held, canceled, done, open)) {
            assertThat(shipments(o.id())).isZero();
            // the ShipStream shipment's claim went with the rolled-back transaction: a corrected retry may save it
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + magento.table("shipstream_shipment_reference") + " WHERE order_id = :o")
                    .param("o", o.id()).query(Integer.class).single()).isZero();
        }
        assertThat(shipped(open.item("F-A"))).isEqualByComparingTo("0");
        assertThat(orderRow(open.id())).containsEntry("status", "submitted");
    }

    @Test
    void aRetriedShipmentReturnsTheFirstOneAndChangesNothing() {
        OrderFixture.Created created = order().simple("RETRY-A", 2).create();
        ShipmentMessage message = new ShipmentMessage(created.incrementId(), "partially_shipped")
                .item("r", created.itemRef("RETRY-A"), "RETRY-A").pack(List.of("R-1"), "r", "1.0000");
        String first = create(created.incrementId(), message).get(2).value().asText();
        String again = create(created.incrementId(), message).get(2).value().asText();
        assertThat(again).isEqualTo(first);
        assertThat(shipments(created.id())).isEqualTo(1);
        assertThat(shipped(created.item("RETRY-A"))).isEqualByComparingTo("1");
    }

    @Test
    void lateTrackingNumbersAreAddedOnceWithTheRightCarrierTitle() {
        OrderFixture.Created created = order().simple("TRK-A", 1).create();
        String shipmentId = create(created.incrementId(), new ShipmentMessage(created.incrementId(), "complete")
                .pack(List.of())).get(2).value().asText();
        long entityId = ((Number) shipmentRow(shipmentId).get("entity_id")).longValue();
        String user = shipstreamUser();
        Map<String, Object> ups = new ShipmentMessage(created.incrementId(), "complete").carrier("ups", "")
                .pack(List.of("1Z999")).toMap();
        Map<String, Object> upsGround = new ShipmentMessage(created.incrementId(), "complete").carrier("ups", "UPS Ground")
                .pack(List.of("1Z777", "1Z999")).toMap();
        List<Result> results = php().login(user, KEY)
                .call("shipstream_order_shipment.info", shipmentId)
                .call("shipstream_order_shipment.addTrackingNumbers", List.of(shipmentId, ups))
                .call("shipstream_order_shipment.addTrackingNumbers", List.of(shipmentId, ups))
                .call("shipstream_order_shipment.addTrackingNumbers", List.of(shipmentId, upsGround))
                .call("shipstream_order_shipment.addTrackingNumbers", List.of("999999999999", ups))
                .call("shipstream_order_shipment.addTrackingNumbers", List.of(shipmentId,
                        new ShipmentMessage(created.incrementId(), "complete").pack(List.of()).toMap()))
                .call("shipstream_order_shipment.info", "999999999999")
                .run();
        assertThat(results.get(1).value().get("tracks")).isEmpty();
        assertThat(results.get(2).value().asBoolean()).isTrue();
        assertThat(results.get(3).value().asBoolean()).isTrue();
        assertThat(results.get(4).value().asBoolean()).isTrue();
        assertThat(jdbc.sql("SELECT CONCAT(track_number, '|', carrier_code, '|', title) FROM " + magento.table("sales_flat_shipment_track")
                + " WHERE parent_id = :s ORDER BY entity_id").param("s", entityId).query(String.class).list())
                .containsExactly("1Z999|ups|United Parcel Service", "1Z777|ups|UPS Ground");
        assertThat(results.get(5).faultCode()).isEqualTo("100");
        assertThat(results.get(5).faultString()).isEqualTo("Shipment with increment ID '999999999999' does not exist.");
        assertThat(results.get(6).faultCode()).isEqualTo("102");
        assertThat(results.get(6).faultString()).isEqualTo("No valid tracking numbers provided.");
        assertThat(results.get(7).faultCode()).isEqualTo("100");
        assertThat(results.get(7).faultString()).isEqualTo("Requested shipment not exists.");
    }

    @Test
    void aCarriersTitleComesFromTheOrdersStoreScopeFirst() {
        String insert = "INSERT INTO " + magento.table("core_config_data") + " (scope, scope_id, path, value) VALUES (:scope, :id, :path, :value)";
        jdbc.sql(insert).param("scope", "default").param("id", 0).param("path", "carriers/fedex/title").param("value", "FedEx (default)").update();
        jdbc.sql(insert).param("scope", "stores").param("id", 1).param("path", "carriers/fedex/title").param("value", "FedEx (store 1)").update();
        try {
            OrderFixture.Created created = order().simple("TITLE-A", 1).create();
            String shipment = create(created.incrementId(), new ShipmentMessage(created.incrementId(), "complete")
                    .pack(List.of("F-1"))).get(2).value().asText();
            assertThat(jdbc.sql("SELECT t.title FROM " + magento.table("sales_flat_shipment_track") + " t JOIN "
                    + magento.table("sales_flat_shipment") + " s ON s.entity_id = t.parent_id WHERE s.increment_id = :i")
                    .param("i", shipment).query(String.class).single()).isEqualTo("FedEx (store 1)");
        } finally {
            jdbc.sql("DELETE FROM " + magento.table("core_config_data") + " WHERE path = 'carriers/fedex/title'").update();
        }
    }

    @Test
    void s8RevertUndoesTheNamedShipmentAndReturnsTheOrderToSubmitted() {
        OrderFixture.Created created = order().simple("REV-A", 2).create();
        OrderFixture.Created other = order().simple("REV-B", 1).create();
        ShipmentMessage message = new ShipmentMessage(created.incrementId(), "complete").pack(List.of("V-1"));
        String shipmentId = create(created.incrementId(), message).get(2).value().asText();
        String otherShipment = create(other.incrementId(), new ShipmentMessage(other.incrementId(), "complete")).get(2).value().asText();
        assertThat(orderRow(created.id())).containsEntry("state", "complete");
        long entityId = ((Number) shipmentRow(shipmentId).get("entity_id")).longValue();

        Map<String, Object> reverted = new ShipmentMessage(created.incrementId(), "complete").toMap();
        reverted.put("event_name", "shipment:reverted");
        List<Result> results = php().login(shipstreamUser(), KEY)
                .call("shipstream_order_shipment.revert", List.of("999999999999", shipmentId, reverted))
                .call("shipstream_order_shipment.revert", List.of(created.incrementId(), "999999999999", reverted))
                .call("shipstream_order_shipment.revert", List.of(created.incrementId(), otherShipment, reverted))
                .call("shipstream_order_shipment.revert", List.of(created.incrementId(), shipmentId, reverted))
                .run();
        assertThat(results.get(1).faultCode()).isEqualTo("103");
        assertThat(results.get(1).faultString()).isEqualTo("Order #999999999999 does not exist.");
        assertThat(results.get(2).faultCode()).isEqualTo("100");
        assertThat(results.get(3).faultCode()).isEqualTo("102");
        assertThat(results.get(3).faultString()).isEqualTo("Shipment #" + otherShipment + " does not belong to Order #" + created.incrementId() + ".");
        assertThat(results.get(4).value().asBoolean()).isTrue();

        assertThat(shipments(created.id())).isZero();
        for (String table : List.of("sales_flat_shipment_item", "sales_flat_shipment_track", "sales_flat_shipment_comment")) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + magento.table(table) + " WHERE parent_id = :s").param("s", entityId)
                    .query(Integer.class).single()).as(table).isZero();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM " + magento.table("sales_flat_shipment_grid") + " WHERE entity_id = :s")
                .param("s", entityId).query(Integer.class).single()).isZero();
        assertThat(shipped(created.item("REV-A"))).isEqualByComparingTo("0");
        assertThat(orderRow(created.id())).containsEntry("state", "processing").containsEntry("status", "submitted");
        assertThat(jdbc.sql("SELECT comment FROM " + magento.table("sales_flat_order_status_history")
                + " WHERE parent_id = :o ORDER BY entity_id DESC LIMIT 1").param("o", created.id()).query(String.class).single())
                .isEqualTo("Shipment #" + shipmentId + " was reverted by ShipStream (shipment:reverted).");
        assertThat(shipments(other.id())).isEqualTo(1);

        // the same ShipStream shipment may now be created again
        String recreated = create(created.incrementId(), message).get(2).value().asText();
        assertThat(recreated).isNotEqualTo(shipmentId);
        assertThat(shipped(created.item("REV-A"))).isEqualByComparingTo("2");
    }
}
