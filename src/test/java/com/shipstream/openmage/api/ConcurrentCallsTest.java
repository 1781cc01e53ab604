package com.shipstream.openmage.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipstream.openmage.support.RawSoap;
import com.shipstream.openmage.support.ServiceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many clients at once on the same rows: every counter and every row must come out exactly as if
 * the calls had run one after another. A read-modify-write anywhere would lose updates here.
 */
class ConcurrentCallsTest extends ServiceTest {
    private static final int THREADS = 12;
    private static final int CALLS_PER_THREAD = 10;

    @Test
    void lognumCountsEveryConcurrentCallOnOneSession() throws Exception {
        String user = shipstreamUser();
        RawSoap soap = new RawSoap(soapUrl());
        String session = soap.sessionFor(user, KEY);
        long before = lognum(user);

        List<String> bodies = runConcurrently(() -> {
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < CALLS_PER_THREAD; i++) {
                mine.add(soap.post(RawSoap.call(session, "shipstream.info", "")).body());
            }
            return mine;
        });

        assertThat(bodies).hasSize(THREADS * CALLS_PER_THREAD).allSatisfy(b -> assertThat(b).contains("magento_edition"));
        assertThat(lognum(user)).isEqualTo(before + THREADS * CALLS_PER_THREAD);
    }

    @Test
    void concurrentLoginsEachGetTheirOwnSession() throws Exception {
        String user = shipstreamUser();
        RawSoap soap = new RawSoap(soapUrl());

        List<String> sessions = runConcurrently(() -> List.of(soap.sessionFor(user, KEY)));

        assertThat(Set.copyOf(sessions)).hasSize(THREADS);
        assertThat(sessionRows(user)).isEqualTo(THREADS);
        assertThat(lognum(user)).isEqualTo(THREADS);
    }

    @Test
    void concurrentFirstWritesOfOnePathMakeOneFlagRow() throws Exception {
        String user = shipstreamUser();
        RawSoap soap = new RawSoap(soapUrl());
        String session = soap.sessionFor(user, KEY);
        for (int round = 0; round < 8; round++) {
            String path = uniqueName("race");
            // the hard case: an empty core_flag, where a plain SELECT ... FOR UPDATE finds no row to
            // lock and two first writers would both insert (or deadlock on the gap)
            jdbc.sql("DELETE FROM " + magento.table("core_flag")).update();
            Set<String> written = ConcurrentHashMap.newKeySet();

            List<String> bodies = runConcurrently(() -> {
                String value = "value-" + Thread.currentThread().getId();
                written.add("s:" + value.length() + ":\"" + value + "\";");
                return List.of(soap.post(RawSoap.call(session, "shipstream.set_config", RawSoap.stringArgs(path, value))).body());
            });

            assertThat(bodies).allSatisfy(b -> assertThat(b).contains("<callReturn xsi:type=\"xsd:boolean\">true</callReturn>"));
            assertThat(flagRows(path)).isEqualTo(1);
            assertThat(written).contains(flagData(path));
        }
    }

    /** Runs {@code work} on {@link #THREADS} threads released together; returns everything they returned. */
    private static <T> List<T> runConcurrently(Callable<List<T>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<T>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<T> all = new ArrayList<>();
            for (Future<List<T>> future : futures) {
                all.addAll(future.get(120, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}
