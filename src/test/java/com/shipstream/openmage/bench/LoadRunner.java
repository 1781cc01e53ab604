package com.shipstream.openmage.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Closed-loop load: N threads, each repeating its own operation as fast as answers come, first for
 * a warm-up, then for the measured time. Reports throughput and latency percentiles.
 */
final class LoadRunner {
    static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup-seconds", 5));
    static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 10));

    private LoadRunner() {
    }

    record Figures(double callsPerSecond, double p50Millis, double p99Millis, long errors) {
        String format() {
            return String.format(Locale.ROOT, "%7.0f/s p50 %6.2f p99 %7.2f ms%s", callsPerSecond, p50Millis, p99Millis,
                    errors > 0 ? " (" + errors + " errors)" : "");
        }
    }

    /**
     * @param operations makes thread {@code i}'s operation (called on that thread, so it may log in
     *                   or open connections); the operation returns false for an error
     */
    static Figures run(int clients, IntFunction<Callable<Boolean>> operations) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long warmUpEnd = System.nanoTime() + WARM_UP.toNanos() + 2_000_000_000L;
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    Callable<Boolean> operation = operations.apply(client);
                    while (System.nanoTime() < warmUpEnd) {
                        operation.call();
                    }
                    long end = System.nanoTime() + MEASURE.toNanos();
                    long[] latencies = new long[1 << 20];
                    int n = 0;
                    long errors = 0;
                    while (System.nanoTime() < end && n < latencies.length - 1) {
                        long start = System.nanoTime();
                        boolean ok = operation.call();
                        latencies[n++] = System.nanoTime() - start;
                        errors += ok ? 0 : 1;
                    }
                    long[] result = Arrays.copyOf(latencies, n + 1);
                    result[n] = errors;
                    return result;
                }));
            }
            List<long[]> parts = new ArrayList<>();
            long errors = 0;
            int total = 0;
            for (Future<long[]> future : futures) {
                long[] r = future.get();
                errors += r[r.length - 1];
                parts.add(r);
                total += r.length - 1;
            }
            long[] all = new long[total];
            int i = 0;
            for (long[] r : parts) {
                System.arraycopy(r, 0, all, i, r.length - 1);
                i += r.length - 1;
            }
            Arrays.sort(all);
            return new Figures(all.length / (double) MEASURE.toSeconds(), percentile(all, 0.50), percentile(all, 0.99), errors);
        } finally {
            pool.shutdownNow();
        }
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
