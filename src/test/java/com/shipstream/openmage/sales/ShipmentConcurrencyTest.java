package com.shipstream.openmage.sales;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipstream.openmage.support.OrderFixture;
import com.shipstream.openmage.support.RawSoap;
import com.shipstream.openmage.support.ServiceTest;
import com.shipstream.openmage.support.ShipmentMessage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Shipments arriving at once: ShipStream retries a webhook while the first delivery is still
 * running, and packs several parcels of one order in parallel. No retry may create a second
 * shipment, no line may ship more than was ordered, and increment ids never repeat.
 */
class ShipmentConcurrencyTest extends ServiceTest {
    private static final String CREATE = "shipstream_order_shipment.createWithTracking";

    /** Runs every task at the same moment and returns each one's SOAP response body. */
    private static List<String> together(List<Callable<String>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CyclicBarrier start = new CyclicBarrier(tasks.size());
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (Callable<String> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return task.call();
                }));
            }
            List<String> bodies = new ArrayList<>();
            for (Future<String> future : futures) {
                bodies.add(future.get(60, TimeUnit.SECONDS));
            }
            return bodies;
        } finally {
            pool.shutdownNow();
        }
    }

    private String session() {
        return new RawSoap(soapUrl()).sessionFor(shipstreamUser(), KEY);
    }

    @Test
    void theSameShipmentSentEightTimesAtOnceIsSavedOnce() throws Exception {
        OrderFixture.Created created = new OrderFixture(jdbc, magento).simple("DUP-A", 4).create();
        ShipmentMessage message = new ShipmentMessage(created.incrementId(), "partially_shipped")
                .item("d", created.itemRef("DUP-A"), "DUP-A").pack(List.of("D-1"), "d", "1.0000");
        String session = session();
        String request = RawSoap.call(session, CREATE, RawSoap.args(created.incrementId(), message.toMap()));
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tasks.add(() -> new RawSoap(soapUrl()).post(request).body());
        }
        List<String> bodies = together(tasks);

        HashSet<String> ids = new HashSet<>();
        bodies.forEach(body -> ids.add(RawSoap.returnedString(body)));
        assertThat(ids).as(bodies.toString()).hasSize(1).doesNotContainNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM " + magento.table("sales_flat_shipment") + " WHERE order_id = :o")
                .param("o", created.id()).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT qty_shipped FROM " + magento.table("sales_flat_order_item") + " WHERE item_id = :i")
                .param("i", created.item("DUP-A")).query(BigDecimal.class).single()).isEqualByComparingTo("1");
    }

    @Test
    void parcelsOfOneOrderAtOnceNeverShipMoreThanWasOrdered() throws Exception {
        OrderFixture.Created created = new OrderFixture(jdbc, magento).simple("PAR-A", 3).create();
        String session = session();
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ShipmentMessage parcel = new ShipmentMessage(created.incrementId(), "partially_shipped")
                    .item("p", created.itemRef("PAR-A"), "PAR-A").pack(List.of("P-" + i), "p", "1.0000");
            String request = RawSoap.call(session, CREATE, RawSoap.args(created.incrementId(), parcel.toMap()));
            tasks.add(() -> new RawSoap(soapUrl()).post(request).body());
        }
        List<String> bodies = together(tasks);

        long saved = bodies.stream().filter(b -> RawSoap.faultCode(b) == null).count();
        assertThat(saved).as(bodies.toString()).isEqualTo(3);
        assertThat(bodies.stream().filter(b -> RawSoap.faultCode(b) != null))
                .allSatisfy(b -> assertThat(RawSoap.faultString(b)).isEqualTo("Cannot do shipment for order."));
        assertThat(jdbc.sql("SELECT qty_shipped FROM " + magento.table("sales_flat_order_item") + " WHERE item_id = :i")
                .param("i", created.item("PAR-A")).query(BigDecimal.class).single()).isEqualByComparingTo("3");
        assertThat(jdbc.sql("SELECT SUM(i.qty) FROM " + magento.table("sales_flat_shipment_item") + " i JOIN "
                        + magento.table("sales_flat_shipment") + " s ON s.entity_id = i.parent_id WHERE s.order_id = :o")
                .param("o", created.id()).query(BigDecimal.class).single()).isEqualByComparingTo("3");
    }

    @Test
    void shipmentsOfManyOrdersAtOnceGetDistinctIncrementIds() throws Exception {
        String session = session();
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            OrderFixture.Created created = new OrderFixture(jdbc, magento).simple("MANY-" + i, 1).create();
            String request = RawSoap.call(session, CREATE,
                    RawSoap.args(created.incrementId(), new ShipmentMessage(created.incrementId(), "complete").toMap()));
            tasks.add(() -> new RawSoap(soapUrl()).post(request).body());
        }
        List<String> bodies = together(tasks);
        List<Long> ids = bodies.stream().map(RawSoap::returnedString).map(Long::parseLong).sorted().toList();
        assertThat(new HashSet<>(ids)).as(bodies.toString()).hasSize(8);
        assertThat(ids.get(7) - ids.get(0)).isEqualTo(7);
    }
}
