package com.shipstream.openmage.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipstream.openmage.support.PhpSoapClient.Result;
import com.shipstream.openmage.support.RawSoap;
import com.shipstream.openmage.support.ServiceTest;
import com.shipstream.openmage.support.ShipStreamStub;
import com.shipstream.openmage.support.ShipStreamStub.Answer;
import com.shipstream.openmage.support.TestCatalog;
import com.shipstream.openmage.support.TestOrders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * shipstream.sync_inventory against a stub ShipStream on loopback (real HTTP). The test profile sets
 * a 2 s read timeout and chunks of 4 SKUs.
 */
class InventorySyncTest extends ServiceTest {
    @Autowired
    InventorySync inventorySync;

    private ShipStreamStub stub;
    private TestCatalog catalog;
    private TestOrders orders;

    @BeforeEach
    void setUp() throws Exception {
        stub = new ShipStreamStub();
        catalog = new TestCatalog(jdbc, magento);
        orders = new TestOrders(jdbc, magento);
        assertThat(php().login(shipstreamUser(), KEY).call("shipstream.set_config", List.of("warehouse_api_url", stub.callbackUrl()))
                .run().get(1).value().asBoolean()).isTrue();
    }

    @AfterEach
    void tearDown() {
        stub.close();
        php().login(shipstreamUser(), KEY).call("shipstream.set_config", Arrays.asList("warehouse_api_url", null)).run();
    }

    private JsonNode sync() {
        Result result = php().login(shipstreamUser(), KEY).call("shipstream.sync_inventory", List.of()).run().get(1);
        assertThat(result.hasObject()).isFalse();
        return result.value();
    }

    private static String skus(Object... skuQty) {
        StringBuilder json = new StringBuilder("{\"skus\":{");
        for (int i = 0; i < skuQty.length; i += 2) {
            json.append(i == 0 ? "" : ",").append('"').append(skuQty[i]).append("\":").append(skuQty[i + 1]);
        }
        return json.append("}}").toString();
    }

    /**
     * The inventory callbacks the stub received. Orders these tests create in ready_to_ship are also
     * captured by the order-sync route, whose syncOrder calls may reach the same stub.
     */
    private List<String> inventoryCalls() {
        return stub.calls().stream().filter(call -> !call.equals("syncOrder")).toList();
    }

    private static List<String> texts(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.isTextual() ? n.asText() : n.get("sku").asText()));
        return out;
    }

    @Test
    void aPullSetsStockToShipStreamsQuantityLessOpenDemand() {
        String a = TestCatalog.sku("SYNC-A");
        String b = TestCatalog.sku("SYNC-B");
        String c = TestCatalog.sku("SYNC-C");
        String d = TestCatalog.sku("SYNC-D");
        catalog.product(a, 10);
        catalog.product(b, 5);
        catalog.product(c, 0);
        catalog.product(d, 3);
        long order = orders.order("processing", "ready_to_ship", null);
        orders.item(order, a, "simple", 3, 1, 0); // reserves 2
        stub.answer("inventoryWithLock", Answer.ok(skus(a, 12, b, 5, c, 3.7, d, -2, "UNKNOWN-1", 4, "UNKNOWN-2", 1)));

        JsonNode report = sync();

        assertThat(report.get("success").asBoolean()).isTrue();
        assertThat(report.has("message")).isFalse();
        assertThat(texts(report.get("no_change"))).containsExactly(a, b);
        assertThat(texts(report.get("updated"))).containsExactly(c, d);
        JsonNode updatedC = report.get("updated").get(0);
        assertThat(updatedC.get("old_qty").asText()).isEqualTo("0.0000");
        assertThat(updatedC.get("new_qty").isDouble()).isTrue();
        assertThat(updatedC.get("new_qty").asDouble()).isEqualTo(3.0);
        assertThat(report.get("errors")).hasSize(1);
        assertThat(report.get("errors").get(0).asText()).startsWith("2 SKU(s)").contains("UNKNOWN-1, UNKNOWN-2");
        assertThat(catalog.qtyValue(a)).isEqualTo(10.0);
        assertThat(catalog.qtyValue(c)).isEqualTo(3.0);
        assertThat(catalog.flags(c)).isEqualTo("in_stock=1 auto=1 low=0 status=1 status_qty=3");
        assertThat(catalog.qtyValue(d)).isEqualTo(-2.0);
        assertThat(catalog.flags(d)).startsWith("in_stock=0");
        assertThat(inventoryCalls()).containsExactly("inventoryWithLock", "unlockOrderImport");
        assertThat(stub.queries()).contains("plugin=ShipStream_Magento1&method=inventoryWithLock&secret_key=s3cr3t");
    }

    @Test
    void reservedQuantityFollowsOrderStateAndStatus() {
        String sku = TestCatalog.sku("RESERVE");
        catalog.product(sku, 0);
        Object[][] cases = {
                {"processing", "ready_to_ship", null, 1.0},       // counted
                {"processing", "failed_to_submit", null, 2.0},    // counted
                {"new", "pending", null, 4.0},                    // counted
                {"holded", "holded", "processing", 8.0},          // counted: held from a status not yet submitted
                {"processing", "submitted", null, 100.0},         // ShipStream has it already
                {"holded", "holded", "submitted", 200.0},         // held after submission
                {"complete", "complete", null, 300.0},
                {"canceled", "canceled", null, 400.0},
                {"closed", "closed", null, 500.0},
        };
        for (Object[] c : cases) {
            long order = orders.order((String) c[0], (String) c[1], (String) c[2]);
            orders.item(order, sku, "simple", (Double) c[3], 0, 0);
        }
        long partly = orders.order("processing", "processing", null);
        orders.item(partly, sku, "simple", 10, 3, 2);            // 10 - 3 canceled - 2 refunded = 5
        orders.item(partly, sku, "configurable", 1000, 0, 0);   // parent lines never count
        stub.answer("inventoryWithLock", Answer.ok(skus(sku, 100.9)));

        sync();

        // floor(100.9) - (1 + 2 + 4 + 8 + 5)
        assertThat(catalog.qtyValue(sku)).isEqualTo(80.0);
    }

    @Test
    void shipStreamErrorsAreReportedAndNothingIsWritten() {
        String sku = TestCatalog.sku("ERR");
        catalog.product(sku, 7);
        Map<Answer, String> cases = Map.of(
                Answer.ok("{\"errors\":\"Cannot lock order importing.\"}"), "Cannot lock order importing.",
                new Answer(500, "", 0), "Warehouse API Error (500).",
                new Answer(409, "{\"errors\":\"Invalid query.\"}", 0), "Warehouse API Error (409).Invalid query.",
                Answer.ok("{not json"), "An error occurred while decoding JSON encoded string.",
                Answer.ok(""), "An error occurred while decoding JSON encoded string.",
                new Answer(200, skus(sku, 1), 4000), "timed out");
        cases.forEach((answer, expected) -> {
            stub.answer("inventoryWithLock", answer);
            int before = inventoryCalls().size();

            JsonNode report = sync();

            assertThat(report.get("success").asBoolean()).as(expected).isFalse();
            assertThat(report.get("message").asText()).contains(expected);
            assertThat(report.get("errors").get(0).asText()).contains(expected);
            assertThat(inventoryCalls().subList(before, inventoryCalls().size())).as(expected).containsExactly("inventoryWithLock");
            assertThat(catalog.qtyValue(sku)).isEqualTo(7.0);
        });
    }

    @Test
    void anEmptyInventoryChangesNothingAndUnlocks() {
        String sku = TestCatalog.sku("EMPTY");
        catalog.product(sku, 7);
        stub.answer("inventoryWithLock", Answer.ok("{\"skus\":[]}"));

        JsonNode report = sync();

        assertThat(report.get("success").asBoolean()).isTrue();
        assertThat(report.get("updated")).isEmpty();
        assertThat(report.get("errors")).isEmpty();
        assertThat(inventoryCalls()).containsExactly("inventoryWithLock", "unlockOrderImport");
        assertThat(catalog.qtyValue(sku)).isEqualTo(7.0);
    }

    @Test
    void aFailedUnlockIsReportedAfterTheWrites() {
        String sku = TestCatalog.sku("UNLOCK");
        catalog.product(sku, 7);
        stub.answer("inventoryWithLock", Answer.ok(skus(sku, 9))).answer("unlockOrderImport", new Answer(500, "", 0));

        JsonNode report = sync();

        assertThat(report.get("success").asBoolean()).isFalse();
        assertThat(report.get("message").asText()).isEqualTo("unlockOrderImport: Warehouse API Error (500).");
        assertThat(catalog.qtyValue(sku)).isEqualTo(9.0);
    }

    @Test
    void manyChunksEachCommitOnTheirOwn() {
        List<Object> payload = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            String sku = TestCatalog.sku("CHUNK");
            catalog.product(sku, i);
            all.add(sku);
            payload.add(sku);
            payload.add(i + 1);
        }
        stub.answer("inventoryWithLock", Answer.ok(skus(payload.toArray())));

        JsonNode report = sync();

        assertThat(texts(report.get("updated"))).containsExactlyElementsOf(all);
        for (int i = 0; i < all.size(); i++) {
            assertThat(catalog.qtyValue(all.get(i))).isEqualTo(i + 1.0);
        }
    }

    @Test
    void adjustmentsArrivingDuringASyncAreNeverLost() throws Exception {
        String hot = TestCatalog.sku("DURING");
        String outside = TestCatalog.sku("OUTSIDE");
        catalog.product(hot, 0);
        catalog.product(outside, 0);
        stub.answer("inventoryWithLock", new Answer(200, skus(hot, 100000), 300));
        RawSoap soap = new RawSoap(soapUrl());
        String session = soap.sessionFor(shipstreamUser(), KEY);
        String refBase = "during-" + System.nanoTime() + "-";
        int adjustments = 14;
        // deltas are distinct powers of two, so the set applied after the sync is readable from the final qty
        List<CompletableFuture<String>> calls = new ArrayList<>();
        CompletableFuture<Map<String, Object>> sync = null;
        for (int i = 0; i < adjustments; i++) {
            if (i == 4) {
                sync = CompletableFuture.supplyAsync(inventorySync::syncNow);
            }
            for (String sku : List.of(hot, outside)) {
                String body = RawSoap.call(session, "shipstream_stock_item.adjust", RawSoap.args(sku, 1L << i, refBase + sku + "-" + i));
                calls.add(CompletableFuture.supplyAsync(() -> soap.post(body).body()));
            }
            Thread.sleep(60);
        }
        for (CompletableFuture<String> call : calls) {
            assertThat(call.get(60, TimeUnit.SECONDS)).contains(">true<");
        }
        assertThat(sync.get(60, TimeUnit.SECONDS).get("success")).isEqualTo(true);

        assertThat(catalog.qtyValue(outside)).isEqualTo((1 << adjustments) - 1.0);
        // every adjustment that ran after the sync's write (old_qty >= 100000) is in the final quantity, and no other
        List<Map<String, Object>> rows = jdbc.sql("SELECT delta + 0 AS delta, old_qty + 0 AS old_qty FROM "
                + magento.table("shipstream_stock_adjustment") + " WHERE reference LIKE :p").param("p", refBase + hot + "-%")
                .query().listOfRows();
        assertThat(rows).hasSize(adjustments);
        long after = rows.stream().filter(r -> ((Number) r.get("old_qty")).doubleValue() >= 100000)
                .mapToLong(r -> ((Number) r.get("delta")).longValue()).sum();
        assertThat(catalog.qtyValue(hot)).isEqualTo(100000.0 + after);
    }

    @Test
    void aFailingChunkRollsBackAndTheNextOneStillRuns() {
        // a real database error in the middle chunk: a trigger refuses one quantity
        String trigger = magento.table("shipstream_test_refuse_qty");
        jdbc.sql("CREATE TRIGGER " + trigger + " BEFORE UPDATE ON " + magento.table("cataloginventory_stock_item")
                + " FOR EACH ROW BEGIN IF NEW.qty = 424242 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by test trigger';"
                + " END IF; END").update();
        try {
            List<Object> payload = new ArrayList<>();
            List<String> all = new ArrayList<>();
            for (int i = 0; i < 12; i++) { // three chunks of 4
                String sku = TestCatalog.sku("FAILCHUNK");
                catalog.product(sku, 1);
                all.add(sku);
                payload.add(sku);
                payload.add(i == 5 ? 424242 : 50 + i);
            }
            stub.answer("inventoryWithLock", Answer.ok(skus(payload.toArray())));

            JsonNode report = sync();

            assertThat(report.get("success").asBoolean()).isFalse();
            assertThat(report.get("message").asText()).startsWith("Chunk 2/3 (" + all.get(4) + " .. " + all.get(7) + ") was rolled back")
                    .contains("refused by test trigger");
            assertThat(texts(report.get("updated"))).containsExactlyElementsOf(
                    List.of(all.get(0), all.get(1), all.get(2), all.get(3), all.get(8), all.get(9), all.get(10), all.get(11)));
            for (int i = 0; i < 12; i++) {
                boolean inFailedChunk = i >= 4 && i < 8;
                assertThat(catalog.qtyValue(all.get(i))).as(all.get(i)).isEqualTo(inFailedChunk ? 1.0 : 50.0 + i);
            }
            assertThat(inventoryCalls()).containsExactly("inventoryWithLock", "unlockOrderImport");
        } finally {
            jdbc.sql("DROP TRIGGER " + trigger).update();
        }
    }

    @Test
    void oneSyncAtATime() throws Exception {
        String sku = TestCatalog.sku("BUSY");
        catalog.product(sku, 1);
        stub.answer("inventoryWithLock", new Answer(200, skus(sku, 2), 1200));

        CompletableFuture<Map<String, Object>> first = CompletableFuture.supplyAsync(inventorySync::syncNow);
        Thread.sleep(300);
        JsonNode second = sync();

        assertThat(second.get("success").asBoolean()).isFalse();
        assertThat(second.get("message").asText()).contains("already running");
        assertThat(first.get(30, TimeUnit.SECONDS).get("success")).isEqualTo(true);
        assertThat(catalog.qtyValue(sku)).isEqualTo(2.0);
    }

    @Test
    void withoutAWarehouseUrlNothingIsCalled() {
        php().login(shipstreamUser(), KEY).call("shipstream.set_config", Arrays.asList("warehouse_api_url", null)).run();

        inventorySync.runScheduled();
        JsonNode report = sync();

        assertThat(report.get("success").asBoolean()).isTrue();
        assertThat(inventoryCalls()).isEmpty();
    }
}
