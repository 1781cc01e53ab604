package com.shipstream.openmage.bench;

import com.shipstream.openmage.support.RawSoap;
import com.shipstream.openmage.support.ServiceTest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Throughput and latency of {@code call shipstream.info} at 1, 8 and 32 concurrent HTTP clients,
 * each logged in once, against a baseline measured in the same run on the same server: a servlet
 * answering a fixed response envelope with no decoding, authentication or routing. Prints figures;
 * asserts nothing about them. Run with {@code mvn -Pbench test} (see README).
 */
@Tag("benchmark")
@Import(SoapGatewayBenchmark.Baseline.class)
class SoapGatewayBenchmark extends ServiceTest {
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup-seconds", 5));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 10));
    private static final int[] CLIENTS = {1, 8, 32};

    /** The baseline: the same Tomcat, a constant body. */
    @TestConfiguration
    static class Baseline {
        static final byte[] BODY = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + RawSoap.ENVELOPE_OPEN
                + "<ns1:callResponse><callReturn xsi:type=\"ns2:Map\"><item><key xsi:type=\"xsd:string\">magento_edition</key>"
                + "<value xsi:type=\"xsd:string\">Community</value></item></callReturn></ns1:callResponse>" + RawSoap.ENVELOPE_CLOSE)
                .getBytes(StandardCharsets.UTF_8);

        @Bean
        ServletRegistrationBean<HttpServlet> fixedEnvelope() {
            return new ServletRegistrationBean<>(new HttpServlet() {
                @Override
                protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    request.getInputStream().readAllBytes();
                    response.setContentType("text/xml; charset=utf-8");
                    response.setContentLength(BODY.length);
                    response.getOutputStream().write(BODY);
                }
            }, "/bench/fixed");
        }
    }

    record Figures(double callsPerSecond, double p50Millis, double p99Millis, long errors) {
    }

    @Test
    void callShipstreamInfo() throws Exception {
        String user = shipstreamUser();
        String fixedUrl = "http://127.0.0.1:" + port + "/bench/fixed";
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "%nSOAP gateway benchmark: call(shipstream.info), %d s per run after %d s warm-up, %d cores%n",
                MEASURE.toSeconds(), WARM_UP.toSeconds(), Runtime.getRuntime().availableProcessors()));
        report.append(String.format(Locale.ROOT, "%-8s | %-30s | %-30s | %s%n", "clients", "baseline (fixed envelope)",
                "service (decode+auth+route)", "service/baseline throughput"));
        for (int clients : CLIENTS) {
            Figures baseline = run(clients, fixedUrl, session -> RawSoap.call(session, "shipstream.info", ""), user);
            Figures service = run(clients, soapUrl(), session -> RawSoap.call(session, "shipstream.info", ""), user);
            report.append(String.format(Locale.ROOT, "%-8d | %7.0f/s p50 %5.2f p99 %6.2f ms | %7.0f/s p50 %5.2f p99 %6.2f ms | %.2f%s%n",
                    clients, baseline.callsPerSecond, baseline.p50Millis, baseline.p99Millis,
                    service.callsPerSecond, service.p50Millis, service.p99Millis,
                    service.callsPerSecond / baseline.callsPerSecond,
                    service.errors + baseline.errors > 0 ? "  (errors: " + (service.errors + baseline.errors) + ")" : ""));
        }
        System.out.println(report);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "benchmark-soap-gateway.txt"), report.toString());
    }

    /** {@code clients} threads, each with its own connection and session, calling as fast as answers come. */
    private Figures run(int clients, String url, Function<String, String> request, String user) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch ready = new CountDownLatch(clients);
            List<Future<long[]>> futures = new ArrayList<>();
            long warmUpEnd = System.nanoTime() + WARM_UP.toNanos() + 2_000_000_000L;
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    String session = new RawSoap(soapUrl()).sessionFor(user, KEY);
                    HttpRequest call = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/xml; charset=utf-8")
                            .header("SOAPAction", "\"urn:Action\"").POST(HttpRequest.BodyPublishers.ofString(request.apply(session))).build();
                    ready.countDown();
                    while (System.nanoTime() < warmUpEnd) {
                        http.send(call, HttpResponse.BodyHandlers.ofString());
                    }
                    long end = System.nanoTime() + MEASURE.toNanos();
                    long[] latencies = new long[1 << 20];
                    int n = 0;
                    long errors = 0;
                    while (System.nanoTime() < end && n < latencies.length - 1) {
                        long start = System.nanoTime();
                        HttpResponse<String> response = http.send(call, HttpResponse.BodyHandlers.ofString());
                        latencies[n++] = System.nanoTime() - start;
                        if (response.statusCode() != 200) {
                            errors++;
                        }
                    }
                    long[] result = Arrays.copyOf(latencies, n + 1);
                    result[n] = errors;
                    return result;
                }));
            }
            List<Long> all = new ArrayList<>();
            long errors = 0;
            for (Future<long[]> future : futures) {
                long[] r = future.get();
                errors += r[r.length - 1];
                for (int i = 0; i < r.length - 1; i++) {
                    all.add(r[i]);
                }
            }
            long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Figures(sorted.length / (double) MEASURE.toSeconds(), percentile(sorted, 0.50), percentile(sorted, 0.99), errors);
        } finally {
            pool.shutdownNow();
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
