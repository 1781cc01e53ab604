package com.shipstream.openmage.bench;

import static org.awaitility.Awaitility.await;

import com.shipstream.openmage.support.ShipStreamStub;
import com.shipstream.openmage.support.TestOrders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Commit-to-callback latency of the order sync: an order's status is set to ready_to_ship by SQL, one
 * order every 25 ms, and the stub ShipStream notes when each syncOrder arrives.
 */
class OrderSyncBenchmark extends BenchmarkTest {
    private static final int ORDERS = Integer.getInteger("bench.orders", 300);

    @Test
    void commitToCallbackLatency() throws Exception {
        TestOrders orders = new TestOrders(jdbc, magento);
        try (ShipStreamStub stub = new ShipStreamStub()) {
            stub.registerIn(jdbc, magento);
            stub.awaitOrderCapture(orders);
            List<String> queries = new ArrayList<>();
            long[] committed = new long[ORDERS];
            for (int i = 0; i < ORDERS; i++) {
                long order = orders.order("processing", "processing", null);
                String increment = orders.readyToShip(order); // autocommit: committed when the update returns
                committed[i] = System.nanoTime();
                queries.add("plugin=ShipStream_Magento1&method=syncOrder&secret_key=s3cr3t&increment_id=" + increment);
                Thread.sleep(25);
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> queries.stream().allMatch(q -> stub.firstArrival(q) != null));
            long[] latency = new long[ORDERS];
            for (int i = 0; i < ORDERS; i++) {
                latency[i] = stub.firstArrival(queries.get(i)) - committed[i];
            }
            Arrays.sort(latency);
            publish("benchmark-order-sync", String.format(Locale.ROOT,
                    "%nOrder sync, commit to syncOrder arrival, %d orders set to ready_to_ship by SQL one every 25 ms:%n"
                            + "p50 %.1f ms, p99 %.1f ms, max %.1f ms (the PHP observer: 0 ms but lost on any error; ShipStream's poll: up to 10 min)%n",
                    ORDERS, latency[ORDERS / 2] / 1e6, latency[(int) Math.ceil(ORDERS * 0.99) - 1] / 1e6, latency[ORDERS - 1] / 1e6));
        } finally {
            ShipStreamStub.unregisterFrom(jdbc, magento);
        }
    }
}
