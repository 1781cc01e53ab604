package com.shipstream.openmage.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipstream.openmage.support.RawSoap;
import com.shipstream.openmage.support.ServiceTest;
import com.shipstream.openmage.support.TestCatalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Stock must not drift: adjustments from many SOAP clients and checkouts decrementing the same rows
 * all land exactly once, and an adjustment waits only for the rows it touches.
 */
class InventoryConcurrencyTest extends ServiceTest {
    @Autowired
    DataSource dataSource;

    private static String adjustCall(String session, String sku, double delta, String ref) {
        return RawSoap.call(session, "shipstream_stock_item.adjust", ref == null ? RawSoap.args(sku, delta) : RawSoap.args(sku, delta, ref));
    }

    @Test
    void noUpdateIsLostOrDoubledUnderConcurrentAdjustsAndCheckouts() throws Exception {
        TestCatalog catalog = new TestCatalog(jdbc, magento);
        String hot = TestCatalog.sku("HOT");
        long hotId = catalog.product(hot, 1000);
        List<String> distinct = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            distinct.add(TestCatalog.sku("DISTINCT"));
            catalog.product(distinct.get(i), 500);
        }
        String user = shipstreamUser();
        RawSoap soap = new RawSoap(soapUrl());
        ConcurrentHashMap<String, DoubleAdder> applied = new ConcurrentHashMap<>();
        AtomicInteger faults = new AtomicInteger();
        int clients = 32;
        int callsPerClient = 12;
        ExecutorService pool = Executors.newFixedThreadPool(clients + 4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            work.add(pool.submit(() -> {
                String session = soap.sessionFor(user, KEY);
                start.await();
                for (int i = 0; i < callsPerClient; i++) {
                    String sku = i % 2 == 0 ? hot : distinct.get((client + i) % distinct.size());
                    double delta = (client % 3 == 0 ? -1.5 : 2) + i % 3;
                    String body = soap.post(adjustCall(session, sku, delta, null)).body();
                    if (body.contains(">true<")) {
                        applied.computeIfAbsent(sku, k -> new DoubleAdder()).add(delta);
                    } else {
                        faults.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        // checkouts: Magento's own relative decrement under its own row lock, on the hot row
        AtomicInteger sold = new AtomicInteger();
        for (int t = 0; t < 4; t++) {
            work.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 25; i++) {
                    try (Connection c = dataSource.getConnection()) {
                        c.setAutoCommit(false);
                        try (PreparedStatement lock = c.prepareStatement("SELECT qty FROM " + magento.table("cataloginventory_stock_item")
                                + " WHERE product_id = ? AND stock_id = 1 FOR UPDATE");
                             PreparedStatement sell = c.prepareStatement("UPDATE " + magento.table("cataloginventory_stock_item")
                                     + " SET qty = qty - 1 WHERE product_id = ? AND stock_id = 1")) {
                            lock.setLong(1, hotId);
                            lock.executeQuery().close();
                            sell.setLong(1, hotId);
                            sell.executeUpdate();
                        }
                        c.commit();
                        sold.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : work) {
            f.get(180, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(faults.get()).isZero();
        assertThat(catalog.qtyValue(hot)).isEqualTo(1000 + applied.get(hot).sum() - sold.get());
        for (String sku : distinct) {
            double delta = applied.containsKey(sku) ? applied.get(sku).sum() : 0;
            assertThat(catalog.qtyValue(sku)).as(sku).isEqualTo(500 + delta);
        }
    }

    @Test
    void anAdjustWaitsOnlyForTheRowItChanges() throws Exception {
        TestCatalog catalog = new TestCatalog(jdbc, magento);
        String a = TestCatalog.sku("LOCK-A");
        long aId = catalog.product(a, 10);
        String b = TestCatalog.sku("LOCK-B");
        catalog.product(b, 10);
        RawSoap soap = new RawSoap(soapUrl());
        String session = soap.sessionFor(shipstreamUser(), KEY);

        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT qty FROM " + magento.table("cataloginventory_stock_item")
                    + " WHERE product_id = ? AND stock_id = 1 FOR UPDATE")) {
                lock.setLong(1, aId);
                lock.executeQuery().close();
            }
            // B is not blocked by the lock on A (the original locked the whole table for any SKU)
            CompletableFuture<String> adjustB = CompletableFuture.supplyAsync(() -> soap.post(adjustCall(session, b, -1, null)).body());
            assertThat(adjustB.get(20, TimeUnit.SECONDS)).contains(">true<");
            assertThat(catalog.qtyValue(b)).isEqualTo(9.0);

            // A waits for the other transaction, then applies on top of what it committed
            CompletableFuture<String> adjustA = CompletableFuture.supplyAsync(() -> soap.post(adjustCall(session, a, -1, null)).body());
            Thread.sleep(700);
            assertThat(adjustA).isNotDone();
            try (PreparedStatement sell = other.prepareStatement("UPDATE " + magento.table("cataloginventory_stock_item")
                    + " SET qty = qty + 5 WHERE product_id = ? AND stock_id = 1")) {
                sell.setLong(1, aId);
                sell.executeUpdate();
            }
            other.commit();
            assertThat(adjustA.get(30, TimeUnit.SECONDS)).contains(">true<");
        }
        assertThat(catalog.qtyValue(a)).isEqualTo(14.0);
    }

    @Test
    void aReferenceRetriedConcurrentlyIsAppliedOnce() throws Exception {
        TestCatalog catalog = new TestCatalog(jdbc, magento);
        String sku = TestCatalog.sku("REFRACE");
        catalog.product(sku, 100);
        RawSoap soap = new RawSoap(soapUrl());
        String session = soap.sessionFor(shipstreamUser(), KEY);
        String ref = "race-" + System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(pool.submit(() -> {
                start.await();
                return soap.post(adjustCall(session, sku, -7, ref)).body();
            }));
        }
        start.countDown();
        for (Future<String> call : calls) {
            assertThat(call.get(60, TimeUnit.SECONDS)).contains(">true<");
        }
        pool.shutdown();
        assertThat(catalog.qtyValue(sku)).isEqualTo(93.0);
    }
}
