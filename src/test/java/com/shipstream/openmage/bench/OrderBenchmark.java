package com.shipstream.openmage.bench;

import com.shipstream.openmage.support.OrderFixture;
import com.shipstream.openmage.support.RawSoap;
import com.shipstream.openmage.support.ShipmentMessage;
import com.shipstream.openmage.support.StoreSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * ShipStream's order cycle under load: {@code order.info} of a 3-item order and
 * {@code createWithTracking} shipping a 3-item order in complete mode (each call a fresh order),
 * at 1 and 8 clients, against the fixed-envelope baseline measured in the same run.
 */
class OrderBenchmark extends BenchmarkTest {
    private static final int[] CLIENTS = {1, 8};
    private static final int ORDERS = Integer.getInteger("bench.orders", 6000);

    @Test
    void orderInfoAndCreateWithTracking() throws Exception {
        StoreSettings settings = new StoreSettings(jdbc, magento);
        // the email goes out on its own thread after the commit; it is not what is measured here
        settings.set("shipstream/general/send_shipment_email", "0");
        try {
            String user = shipstreamUser();
            OrderFixture.Created readOrder = threeItems();
            Queue<OrderFixture.Created> toShip = new ConcurrentLinkedQueue<>();
            long prepared = System.nanoTime();
            for (int i = 0; i < ORDERS; i++) {
                toShip.add(threeItems());
            }
            StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                    "%nOrder benchmark: %d s per run after %d s warm-up, %d cores (%d orders prepared in %d s)%n%-20s %-8s| %-32s| %-32s| %s%n",
                    LoadRunner.MEASURE.toSeconds(), LoadRunner.WARM_UP.toSeconds(), Runtime.getRuntime().availableProcessors(),
                    ORDERS, (System.nanoTime() - prepared) / 1_000_000_000L, "method", "clients", "baseline (fixed envelope)",
                    "service", "service/baseline"));
            String fixedUrl = "http://127.0.0.1:" + port + "/bench/fixed";
            for (int clients : CLIENTS) {
                LoadRunner.Figures baseline = LoadRunner.run(clients, c -> post(fixedUrl, user, s -> RawSoap.call(s, "order.info",
                        RawSoap.args(readOrder.incrementId()))));
                LoadRunner.Figures info = LoadRunner.run(clients, c -> post(soapUrl(), user, s -> RawSoap.call(s, "order.info",
                        RawSoap.args(readOrder.incrementId()))));
                report.append(row("order.info", clients, baseline, info));
                LoadRunner.Figures create = LoadRunner.run(clients, c -> post(soapUrl(), user, s -> {
                    OrderFixture.Created order = toShip.poll();
                    if (order == null) {
                        throw new IllegalStateException("out of prepared orders; raise -Dbench.orders");
                    }
                    return RawSoap.call(s, "shipstream_order_shipment.createWithTracking", RawSoap.args(order.incrementId(),
                            new ShipmentMessage(order.incrementId(), "complete").pack(List.of("1Z" + order.incrementId())).toMap()));
                }));
                report.append(row("createWithTracking", clients, baseline, create));
            }
            report.append(String.format(Locale.ROOT, "(%d prepared orders left unshipped)%n", toShip.size()));
            publish("benchmark-orders", report.toString());
        } finally {
            settings.clear("shipstream/general/send_shipment_email");
        }
    }

    private OrderFixture.Created threeItems() {
        return new OrderFixture(jdbc, magento).simple("BENCH-A", 2).simple("BENCH-B", 1).simple("BENCH-C", 3).create();
    }

    private static String row(String method, int clients, LoadRunner.Figures baseline, LoadRunner.Figures service) {
        return String.format(Locale.ROOT, "%-20s %-8d| %s | %s | %.2f%n", method, clients, baseline.format(), service.format(),
                service.callsPerSecond() / baseline.callsPerSecond());
    }

    /** Each client: its own connection and session; {@code body} makes each call's envelope. */
    private Callable<Boolean> post(String url, String user, java.util.function.Function<String, String> body) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String session = new RawSoap(soapUrl()).sessionFor(user, KEY);
        return () -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"urn:Action\"")
                    .POST(HttpRequest.BodyPublishers.ofString(body.apply(session))).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && !response.body().contains("<faultcode>");
        };
    }
}
