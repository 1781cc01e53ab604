package com.shipstream.openmage.bench;

import com.shipstream.openmage.inventory.InventorySync;
import com.shipstream.openmage.support.RawSoap;
import com.shipstream.openmage.support.ShipStreamStub;
import com.shipstream.openmage.support.ShipStreamStub.Answer;
import com.shipstream.openmage.support.TestCatalog;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Inventory figures: {@code adjust} over SOAP against the same transaction done directly over JDBC,
 * {@code adjustMany} with 500 entries, and a full sync of 50,000 SKUs from a stub ShipStream.
 */
class InventoryBenchmark extends BenchmarkTest {
    private static final int[] CLIENTS = {1, 8, 32};
    private static final int SYNC_SKUS = Integer.getInteger("bench.sync-skus", 50_000);

    @Autowired
    DataSource dataSource;
    @Autowired
    InventorySync inventorySync;

    @Test
    void adjustAgainstDirectJdbc() throws Exception {
        TestCatalog catalog = new TestCatalog(jdbc, magento);
        String hot = TestCatalog.sku("BENCH-HOT");
        long hotId = catalog.product(hot, 1_000_000);
        List<String> skus = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            skus.add(TestCatalog.sku("BENCH-DISTINCT"));
            ids.add(catalog.product(skus.get(i), 1_000_000));
        }
        String user = shipstreamUser();
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%nInventory benchmark: adjust, %d s per run after %d s warm-up, %d cores%n%-9s %-8s| %-34s| %-34s| %s%n",
                LoadRunner.MEASURE.toSeconds(), LoadRunner.WARM_UP.toSeconds(), Runtime.getRuntime().availableProcessors(),
                "rows", "clients", "baseline (same transaction, JDBC)", "service (SOAP adjust)", "service/baseline"));
        // one unrecorded round first, so the first recorded run does not pay for JIT compilation
        LoadRunner.run(8, c -> jdbcAdjust(ids.get(c)));
        LoadRunner.run(8, c -> soapAdjust(user, skus.get(c)));
        for (String mode : List.of("distinct", "hot")) {
            for (int clients : CLIENTS) {
                LoadRunner.Figures baseline = LoadRunner.run(clients, c -> jdbcAdjust(mode.equals("hot") ? hotId : ids.get(c)));
                LoadRunner.Figures service = LoadRunner.run(clients, c -> soapAdjust(user, mode.equals("hot") ? hot : skus.get(c)));
                report.append(String.format(Locale.ROOT, "%-9s %-8d| %s | %s | %.2f%n", mode, clients, baseline.format(),
                        service.format(), service.callsPerSecond() / baseline.callsPerSecond()));
            }
        }
        report.append(adjustMany(catalog, user));
        publish("benchmark-inventory-adjust", report.toString());
    }

    /** The baseline: lock the row, relative update with the save flags, stock status upsert, commit. */
    private Callable<Boolean> jdbcAdjust(long productId) {
        AtomicLong n = new AtomicLong();
        return () -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                double delta = n.incrementAndGet() % 2 == 0 ? 1 : -1;
                try (PreparedStatement lock = c.prepareStatement("SELECT qty, is_in_stock FROM " + magento.table("cataloginventory_stock_item")
                        + " WHERE product_id = ? AND stock_id = 1 FOR UPDATE");
                     PreparedStatement update = c.prepareStatement("UPDATE " + magento.table("cataloginventory_stock_item")
                             + " SET qty = qty + ?, is_in_stock = 1, low_stock_date = NULL, stock_status_changed_auto = 0"
                             + " WHERE product_id = ? AND stock_id = 1");
                     PreparedStatement status = c.prepareStatement("INSERT INTO " + magento.table("cataloginventory_stock_status")
                             + " (product_id, website_id, stock_id, qty, stock_status) SELECT product_id, 1, 1, qty, 1 FROM "
                             + magento.table("cataloginventory_stock_item") + " WHERE product_id = ? AND stock_id = 1"
                             + " ON DUPLICATE KEY UPDATE qty = VALUES(qty), stock_status = VALUES(stock_status)")) {
                    lock.setLong(1, productId);
                    lock.executeQuery().close();
                    update.setDouble(1, delta);
                    update.setLong(2, productId);
                    update.executeUpdate();
                    status.setLong(1, productId);
                    status.executeUpdate();
                }
                c.commit();
                return true;
            }
        };
    }

    private Callable<Boolean> soapAdjust(String user, String sku) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String session = new RawSoap(soapUrl()).sessionFor(user, KEY);
        HttpRequest[] calls = new HttpRequest[2];
        for (int i = 0; i < 2; i++) {
            calls[i] = HttpRequest.newBuilder(URI.create(soapUrl())).header("Content-Type", "text/xml; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(RawSoap.call(session, "shipstream_stock_item.adjust",
                            RawSoap.args(sku, i == 0 ? 1.0 : -1.0)))).build();
        }
        AtomicLong n = new AtomicLong();
        return () -> {
            HttpResponse<String> response = http.send(calls[(int) (n.incrementAndGet() % 2)], HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains(">true<");
        };
    }

    private String adjustMany(TestCatalog catalog, String user) {
        StringBuilder args = new StringBuilder("<args SOAP-ENC:arrayType=\"ns2:Map[500]\" xsi:type=\"SOAP-ENC:Array\">");
        for (int i = 0; i < 500; i++) {
            String sku = TestCatalog.sku("BENCH-MANY");
            catalog.product(sku, 1000);
            args.append("<item xsi:type=\"ns2:Map\"><item><key xsi:type=\"xsd:string\">sku</key><value xsi:type=\"xsd:string\">").append(sku)
                    .append("</value></item><item><key xsi:type=\"xsd:string\">delta</key><value xsi:type=\"xsd:float\">-1</value></item></item>");
        }
        args.append("</args>");
        RawSoap soap = new RawSoap(soapUrl());
        String session = soap.sessionFor(user, KEY);
        String body = RawSoap.call(session, "shipstream_stock_item.adjustMany", "<args SOAP-ENC:arrayType=\"xsd:ur-type[1]\""
                + " xsi:type=\"SOAP-ENC:Array\">" + args.toString().replace("<args ", "<item ").replace("</args>", "</item>") + "</args>");
        int runs = 20;
        long[] millis = new long[runs];
        for (int i = 0; i < runs + 3; i++) {
            long start = System.nanoTime();
            String answer = soap.post(body).body();
            if (!answer.contains("success")) {
                throw new AssertionError("adjustMany failed: " + answer.substring(0, Math.min(500, answer.length())));
            }
            if (i >= 3) {
                millis[i - 3] = (System.nanoTime() - start) / 1_000_000;
            }
        }
        Arrays.sort(millis);
        return String.format(Locale.ROOT, "%nadjustMany with 500 entries (one transaction each): median %d ms, max %d ms per call over %d calls%n",
                millis[runs / 2], millis[runs - 1], runs);
    }

    @Test
    void fullSyncOfFiftyThousandSkus() throws Exception {
        jdbc.sql("INSERT INTO " + magento.table("catalog_product_entity") + " (entity_type_id, attribute_set_id, type_id, sku, created_at,"
                + " updated_at) SELECT 4, 4, 'simple', CONCAT('BULK-', seq), UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM seq_1_to_" + SYNC_SKUS).update();
        jdbc.sql("INSERT INTO " + magento.table("cataloginventory_stock_item") + " (product_id, stock_id, qty, is_in_stock)"
                + " SELECT entity_id, 1, 10, 1 FROM " + magento.table("catalog_product_entity") + " WHERE sku LIKE 'BULK-%'").update();
        jdbc.sql("INSERT INTO " + magento.table("catalog_product_website") + " (product_id, website_id)"
                + " SELECT entity_id, 1 FROM " + magento.table("catalog_product_entity") + " WHERE sku LIKE 'BULK-%'").update();
        StringBuilder json = new StringBuilder("{\"skus\":{");
        for (int i = 1; i <= SYNC_SKUS; i++) {
            json.append(i == 1 ? "" : ",").append("\"BULK-").append(i).append("\":").append(i % 2 == 0 ? 12 : 10);
        }
        json.append("}}");
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "%nInventory sync of %d SKUs (chunks of 5000) from a stub ShipStream%n",
                SYNC_SKUS));
        try (ShipStreamStub stub = new ShipStreamStub()) {
            stub.registerIn(jdbc, magento);
            stub.answer("inventoryWithLock", Answer.ok(json.toString()));
            for (String run : List.of("half the SKUs change", "nothing changes")) {
                MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
                System.gc();
                long heapBefore = memory.getHeapMemoryUsage().getUsed();
                AtomicLong peak = new AtomicLong(heapBefore);
                Thread sampler = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                sampler.start();
                long start = System.nanoTime();
                Map<String, Object> result = inventorySync.syncNow();
                long wall = (System.nanoTime() - start) / 1_000_000;
                sampler.interrupt();
                InventorySync.LastRun last = inventorySync.lastRun();
                report.append(String.format(Locale.ROOT, "%-22s: %6d ms total, longest chunk lock hold %5d ms, %d updated, %d unchanged,"
                                + " success %s, heap growth at peak %d MB%n", run, wall, last.longestChunkMillis(), last.updated(),
                        last.unchanged(), result.get("success"), (peak.get() - heapBefore) >> 20));
            }
        } finally {
            ShipStreamStub.unregisterFrom(jdbc, magento);
        }
        publish("benchmark-inventory-sync", report.toString());
    }
}
