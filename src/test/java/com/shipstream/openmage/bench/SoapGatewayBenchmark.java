package com.shipstream.openmage.bench;

import com.shipstream.openmage.support.RawSoap;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Throughput and latency of {@code call shipstream.info} at 1, 8 and 32 concurrent HTTP clients,
 * each logged in once, against a baseline measured in the same run on the same server: a servlet
 * answering a fixed response envelope with no decoding, authentication or routing. Prints figures;
 * asserts nothing about them. Run with {@code mvn -Pbench test} (see README).
 */
class SoapGatewayBenchmark extends BenchmarkTest {
    private static final int[] CLIENTS = {1, 8, 32};

    @Test
    void callShipstreamInfo() throws Exception {
        String user = shipstreamUser();
        String fixedUrl = "http://127.0.0.1:" + port + "/bench/fixed";
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "%nSOAP gateway benchmark: call(shipstream.info), %d s per run after %d s warm-up, %d cores%n",
                LoadRunner.MEASURE.toSeconds(), LoadRunner.WARM_UP.toSeconds(), Runtime.getRuntime().availableProcessors()));
        report.append(String.format(Locale.ROOT, "%-8s | %-30s | %-30s | %s%n", "clients", "baseline (fixed envelope)",
                "service (decode+auth+route)", "service/baseline throughput"));
        for (int clients : CLIENTS) {
            LoadRunner.Figures baseline = run(clients, fixedUrl, session -> RawSoap.call(session, "shipstream.info", ""), user);
            LoadRunner.Figures service = run(clients, soapUrl(), session -> RawSoap.call(session, "shipstream.info", ""), user);
            report.append(String.format(Locale.ROOT, "%-8d | %s | %s | %.2f%n", clients, baseline.format(), service.format(),
                    service.callsPerSecond() / baseline.callsPerSecond()));
        }
        publish("benchmark-soap-gateway", report.toString());
    }

    /** Each client: its own HTTP connection and session, the same call in a loop. */
    private LoadRunner.Figures run(int clients, String url, Function<String, String> request, String user) throws Exception {
        return LoadRunner.run(clients, client -> {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String session = new RawSoap(soapUrl()).sessionFor(user, KEY);
            HttpRequest call = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/xml; charset=utf-8")
                    .header("SOAPAction", "\"urn:Action\"").POST(HttpRequest.BodyPublishers.ofString(request.apply(session))).build();
            return () -> http.send(call, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        });
    }
}
