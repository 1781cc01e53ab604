package com.shipstream.openmage.support;

import static org.awaitility.Awaitility.await;

import com.shipstream.openmage.magento.MagentoProperties;
import com.shipstream.openmage.magento.PhpSerializer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * ShipStream's callback endpoint, for tests: a real HTTP server on loopback that records each
 * callback (its {@code method} and full query) and answers what the test scripted for that method.
 */
public class ShipStreamStub implements AutoCloseable {
    static {
        // the JDK server writes headers and body separately; without TCP_NODELAY every answer waits
        // for the client's delayed ACK (~40 ms), which a real web server does not do
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** A scripted answer: status, body, and how long to wait before answering. */
    public record Answer(int status, String body, long delayMillis) {
        public static Answer ok(String body) {
            return new Answer(200, body, 0);
        }
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final Map<String, Long> firstArrivalNanos = new ConcurrentHashMap<>();

    public ShipStreamStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/callback.php", this::handle);
        server.start();
    }

    /** The URL the ShipStream plugin registers through set_config (braces percent-encoded). */
    public String callbackUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort()
                + "/callback.php?plugin=ShipStream_Magento1&method=%7B%7Bmethod%7D%7D&secret_key=s3cr3t";
    }

    /** Stores this stub's URL as the store's warehouse URL, as the plugin's set_config does. */
    public void registerIn(JdbcClient jdbc, MagentoProperties magento) {
        unregisterFrom(jdbc, magento);
        jdbc.sql("INSERT INTO " + magento.table("core_flag") + " (flag_code, state, flag_data, last_update)"
                        + " VALUES ('ShipStream_Sync/warehouse_api_url', 0, :data, UTC_TIMESTAMP())")
                .param("data", new PhpSerializer().serialize(callbackUrl())).update();
    }

    public static void unregisterFrom(JdbcClient jdbc,
                                      MagentoProperties magento) {
        jdbc.sql("DELETE FROM " + magento.table("core_flag") + " WHERE flag_code = 'ShipStream_Sync/warehouse_api_url'").update();
    }

    /**
     * Moves probe orders to Ready to Ship until one of them reaches this stub: the capture connector
     * needs a moment after the start before it streams the binlog.
     */
    public void awaitOrderCapture(TestOrders orders) {
        List<String> probes = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            probes.add(orders.readyToShip(orders.order("processing", "processing", null)));
            return probes.stream().anyMatch(increment -> queries.stream().anyMatch(q -> q.endsWith("increment_id=" + increment)));
        });
    }

    public ShipStreamStub answer(String method, Answer answer) {
        answers.put(method, answer);
        return this;
    }

    /** The callback methods received, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    public List<String> queries() {
        return List.copyOf(queries);
    }

    /** When a query first arrived ({@link System#nanoTime()}), or null. */
    public Long firstArrival(String query) {
        return firstArrivalNanos.get(query);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String method = "";
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.startsWith("method=")) {
                method = URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
            }
        }
        firstArrivalNanos.putIfAbsent(String.valueOf(query), System.nanoTime());
        calls.add(method);
        queries.add(query);
        Answer answer = answers.getOrDefault(method, Answer.ok("1"));
        try {
            if (answer.delayMillis > 0) {
                Thread.sleep(answer.delayMillis);
            }
            byte[] body = answer.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (a timeout test): nothing to answer
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
