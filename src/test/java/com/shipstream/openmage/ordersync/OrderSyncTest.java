package com.shipstream.openmage.ordersync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.shipstream.openmage.support.ServiceTest;
import com.shipstream.openmage.support.ShipStreamStub;
import com.shipstream.openmage.support.ShipStreamStub.Answer;
import com.shipstream.openmage.support.StoreSettings;
import com.shipstream.openmage.support.TestOrders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order-sync trigger end to end: a status changed by plain SQL (as an admin or custom code would)
 * is captured from the binlog by Debezium and delivered to a stub ShipStream over real HTTP.
 */
class OrderSyncTest extends ServiceTest {
    private ShipStreamStub stub;
    private TestOrders orders;

    @BeforeEach
    void setUp() throws Exception {
        stub = new ShipStreamStub();
        orders = new TestOrders(jdbc, magento);
        stub.registerIn(jdbc, magento);
        stub.awaitOrderCapture(orders);
    }

    @AfterEach
    void tearDown() {
        stub.close();
        ShipStreamStub.unregisterFrom(jdbc, magento);
    }

    private void setStatus(long orderId, String status) {
        jdbc.sql("UPDATE " + magento.table("sales_flat_order") + " SET status = :s WHERE entity_id = :id").param("s", status)
                .param("id", orderId).update();
    }

    private String incrementId(long orderId) {
        return orders.incrementId(orderId);
    }

    private long syncCalls(long orderId) {
        String marker = "increment_id=" + incrementId(orderId);
        return stub.queries().stream().filter(q -> q.contains("method=syncOrder") && q.endsWith(marker)).count();
    }

    @Test
    void readyToShipBySqlSendsSyncOrderExactlyOnce() throws Exception {
        long order = orders.order("processing", "processing", null);
        setStatus(order, "ready_to_ship");
        await().atMost(Duration.ofSeconds(20)).until(() -> syncCalls(order) == 1);

        // a second save with the same status, then other changes: nothing more
        jdbc.sql("UPDATE " + magento.table("sales_flat_order") + " SET updated_at = UTC_TIMESTAMP() WHERE entity_id = :id")
                .param("id", order).update();
        setStatus(order, "submitted");
        long marker = orders.order("processing", "processing", null);
        setStatus(marker, "ready_to_ship");
        await().atMost(Duration.ofSeconds(20)).until(() -> syncCalls(marker) == 1);
        assertThat(syncCalls(order)).isEqualTo(1);
        String query = stub.queries().stream().filter(q -> q.endsWith("increment_id=" + incrementId(order))).findFirst().orElseThrow();
        assertThat(query).isEqualTo("plugin=ShipStream_Magento1&method=syncOrder&secret_key=s3cr3t&increment_id=" + incrementId(order));
    }

    @Test
    void otherStatusesStatesVirtualOrdersAndRealtimeSyncOffSendNothing() {
        long otherStatus = orders.order("processing", "processing", null);
        long otherState = orders.order("new", "pending", null);
        long virtual = orders.order("processing", "processing", null);
        jdbc.sql("UPDATE " + magento.table("sales_flat_order") + " SET is_virtual = 1 WHERE entity_id = :id").param("id", virtual).update();
        long whileOff = orders.order("processing", "processing", null);
        setStatus(otherStatus, "failed_to_submit");
        setStatus(otherState, "ready_to_ship");
        StoreSettings settings = new StoreSettings(jdbc, magento);
        settings.set("shipstream/general/realtime_sync", "0");
        try {
            setStatus(whileOff, "ready_to_ship");
            // the setting is read when the change is captured: keep it off until a later change (a
            // virtual order, completed by rule A whatever the setting) shows the capture got past it
            long later = orders.order("processing", "processing", null);
            jdbc.sql("UPDATE " + magento.table("sales_flat_order") + " SET is_virtual = 1, status = 'ready_to_ship' WHERE entity_id = :id")
                    .param("id", later).update();
            await().atMost(Duration.ofSeconds(20)).until(() -> "complete".equals(jdbc.sql("SELECT status FROM "
                    + magento.table("sales_flat_order") + " WHERE entity_id = :id").param("id", later).query(String.class).single()));
        } finally {
            settings.clear("shipstream/general/realtime_sync");
        }
        long marker = orders.order("processing", "processing", null);
        setStatus(marker, "ready_to_ship");
        await().atMost(Duration.ofSeconds(20)).until(() -> syncCalls(marker) == 1);
        for (long order : List.of(otherStatus, otherState, virtual, whileOff)) {
            assertThat(syncCalls(order)).as("order " + order).isZero();
            assertThat(outboxRows(order)).as("order " + order).isZero();
        }
    }

    private int outboxRows(long orderId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + magento.table("shipstream_order_sync_outbox") + " WHERE order_id = :id")
                .param("id", orderId).query(Integer.class).single();
    }

    @Test
    void aVirtualOrderReadyToShipIsCompleted() {
        long order = orders.order("processing", "processing", null);
        jdbc.sql("UPDATE " + magento.table("sales_flat_order") + " SET is_virtual = 1 WHERE entity_id = :id").param("id", order).update();
        setStatus(order, "ready_to_ship");

        await().atMost(Duration.ofSeconds(20)).until(() -> "complete".equals(jdbc.sql("SELECT status FROM "
                + magento.table("sales_flat_order") + " WHERE entity_id = :id").param("id", order).query(String.class).single()));
        assertThat(jdbc.sql("SELECT state FROM " + magento.table("sales_flat_order") + " WHERE entity_id = :id").param("id", order)
                .query(String.class).single()).isEqualTo("processing");
        assertThat(jdbc.sql("SELECT comment FROM " + magento.table("sales_flat_order_status_history") + " WHERE parent_id = :id")
                .param("id", order).query(String.class).list()).containsExactly(OrderSyncCapture.VIRTUAL_COMMENT);
        assertThat(syncCalls(order)).isZero();
    }

    @Test
    void errorsAreRetriedUntilDelivered() {
        stub.answer("syncOrder", new Answer(500, "", 0));
        long order = orders.order("processing", "processing", null);
        setStatus(order, "ready_to_ship");
        await().atMost(Duration.ofSeconds(20)).until(() -> syncCalls(order) >= 1);
        stub.answer("syncOrder", Answer.ok("1"));

        await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(outboxStatus(order)));
        assertThat(syncCalls(order)).isBetween(2L, 3L);
    }

    @Test
    void aHangingShipStreamTimesOutAndIsRetried() {
        stub.answer("syncOrder", new Answer(200, "1", 3000)); // longer than the test profile's 2 s read timeout
        long order = orders.order("processing", "processing", null);
        setStatus(order, "ready_to_ship");
        await().atMost(Duration.ofSeconds(20)).until(() -> outboxError(order) != null && outboxError(order).contains("timed out"));
        stub.answer("syncOrder", Answer.ok("1"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(outboxStatus(order)));
    }

    @Test
    void aBurstOfOrdersIsDeliveredOnceEach() {
        List<Long> burst = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            burst.add(orders.order("processing", "processing", null));
        }
        jdbc.sql("UPDATE " + magento.table("sales_flat_order") + " SET status = 'ready_to_ship' WHERE entity_id BETWEEN :a AND :b")
                .param("a", burst.get(0)).param("b", burst.get(burst.size() - 1)).update();

        await().atMost(Duration.ofSeconds(60)).until(() -> burst.stream().allMatch(o -> "delivered".equals(outboxStatus(o))));
        for (long order : burst) {
            assertThat(syncCalls(order)).isEqualTo(1);
        }
    }

    private String outboxStatus(long orderId) {
        return jdbc.sql("SELECT status FROM " + magento.table("shipstream_order_sync_outbox") + " WHERE order_id = :id")
                .param("id", orderId).query(String.class).optional().orElse(null);
    }

    private String outboxError(long orderId) {
        return jdbc.sql("SELECT last_error FROM " + magento.table("shipstream_order_sync_outbox") + " WHERE order_id = :id")
                .param("id", orderId).query(String.class).optional().orElse(null);
    }
}
