package com.shipstream.openmage.ordersync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.shipstream.openmage.ShipStreamBridgeApplication;
import com.shipstream.openmage.embedded.EmbeddedDatabaseProperties;
import com.shipstream.openmage.embedded.EmbeddedMariaDb;
import com.shipstream.openmage.magento.MagentoProperties;
import com.shipstream.openmage.support.ShipStreamStub;
import com.shipstream.openmage.support.ShipStreamStub.Answer;
import com.shipstream.openmage.support.TestOrders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The order sync across restarts of the service, with the store's database staying up as it does in
 * production: an entry captured but not yet delivered is delivered once after the restart, and an
 * order changed while the service was down is caught up from the binlog when it starts again.
 */
class OrderSyncRestartTest {
    private static final String DATA_DIR = "target/test-store-restart";
    private static final MagentoProperties MAGENTO = new MagentoProperties("", null, null, null, null, null);

    @Test
    void nothingIsLostOrSentTwiceAcrossRestarts() throws Exception {
        // 1. create the store once with the embedded run, then keep its database up on its own
        startService("--shipstream.embedded-db.fresh=true").close();
        EmbeddedMariaDb db = new EmbeddedMariaDb(new EmbeddedDatabaseProperties(DATA_DIR, 0, "magento", false, true));
        db.start();
        try (ShipStreamStub stub = new ShipStreamStub()) {
            JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password()));
            stub.registerIn(jdbc, MAGENTO);
            TestOrders orders = new TestOrders(jdbc, MAGENTO);
            String[] external = {"--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.username(),
                    "--spring.datasource.password=" + db.password()};

            // 2. captured while ShipStream fails, then the service stops before delivering
            stub.answer("syncOrder", new Answer(500, "", 0));
            ConfigurableApplicationContext service = startService(external);
            long pending = readyToShipOnceCaptureRuns(jdbc, orders, stub);
            await().atMost(Duration.ofSeconds(30)).until(() -> outboxAttempts(jdbc, pending) >= 1);
            service.close();

            // 3. while the service is down, another order moves to Ready to Ship
            long whileDown = orders.order("processing", "processing", null);
            orders.readyToShip(whileDown);
            stub.answer("syncOrder", Answer.ok("1"));
            int callsBefore = stub.calls().size();

            // 4. after the restart both are delivered, once each
            service = startService(external);
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> "delivered".equals(outboxStatus(jdbc, pending))
                        && "delivered".equals(outboxStatus(jdbc, whileDown)));
                Thread.sleep(1500); // a replayed binlog event or a second delivery would show up by now
                List<String> after = new ArrayList<>(stub.queries().subList(callsBefore, stub.queries().size()));
                assertThat(after.stream().filter(q -> q.endsWith("increment_id=" + increment(jdbc, pending)))).hasSize(1);
                assertThat(after.stream().filter(q -> q.endsWith("increment_id=" + increment(jdbc, whileDown)))).hasSize(1);
            } finally {
                service.close();
            }
        } finally {
            db.close();
        }
    }

    private static ConfigurableApplicationContext startService(String... args) {
        List<String> all = new ArrayList<>(List.of("--spring.profiles.active=test", "--server.port=0",
                "--shipstream.embedded-db.data-dir=" + DATA_DIR, "--shipstream.cdc.data-dir=" + DATA_DIR + "/cdc",
                // the shared test context's capture runs in this JVM too; Debezium names its metrics after this
                "--shipstream.cdc.topic-prefix=restart-test",
                // keep failed deliveries pending across the restart (the test profile gives up after 3)
                "--shipstream.cdc.max-attempts=100", "--shipstream.cdc.initial-backoff=500ms", "--shipstream.cdc.max-backoff=1s"));
        all.addAll(List.of(args));
        return SpringApplication.run(ShipStreamBridgeApplication.class, all.toArray(String[]::new));
    }

    /** Moves probe orders to ready_to_ship until one is captured (the connector needs a moment to start streaming). */
    private static long readyToShipOnceCaptureRuns(JdbcClient jdbc, TestOrders orders, ShipStreamStub stub) {
        List<Long> probes = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            long probe = orders.order("processing", "processing", null);
            orders.readyToShip(probe);
            probes.add(probe);
            return probes.stream().anyMatch(p -> outboxStatus(jdbc, p) != null);
        });
        return probes.stream().filter(p -> outboxStatus(jdbc, p) != null).findFirst().orElseThrow();
    }

    private static String outboxStatus(JdbcClient jdbc, long orderId) {
        return jdbc.sql("SELECT status FROM shipstream_order_sync_outbox WHERE order_id = :id ORDER BY outbox_id LIMIT 1")
                .param("id", orderId).query(String.class).optional().orElse(null);
    }

    private static int outboxAttempts(JdbcClient jdbc, long orderId) {
        return jdbc.sql("SELECT COALESCE(MAX(attempts), 0) FROM shipstream_order_sync_outbox WHERE order_id = :id")
                .param("id", orderId).query(Integer.class).single();
    }

    private static String increment(JdbcClient jdbc, long orderId) {
        return new TestOrders(jdbc, MAGENTO).incrementId(orderId);
    }
}
