package com.shipstream.openmage.auth;

import com.shipstream.openmage.magento.MagentoClock;
import com.shipstream.openmage.magento.MagentoProperties;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What Magento writes on every API call, {@code api_user.lognum + 1} and the session's
 * {@code logdate = now}, collected in memory and written a few times a second instead of twice per
 * call. Counts stay exact: increments are added with a relative update ({@code lognum = lognum + n})
 * and an increment that arrives during a write goes into the next one. Dates only move forward
 * ({@code GREATEST}), so a late write never shortens a session another writer extended.
 */
public class SessionActivity implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(SessionActivity.class);

    private record Touch(long userId, LocalDateTime at) {
    }

    private final JdbcClient jdbc;
    private final String addLogins;
    private final String touchSession;
    private final Map<Long, AtomicLong> pendingCalls = new ConcurrentHashMap<>();
    private final Map<String, Touch> pendingTouches = new ConcurrentHashMap<>();
    private final ScheduledExecutorService writer;

    public SessionActivity(JdbcClient jdbc, MagentoProperties magento, long intervalMillis) {
        this.jdbc = jdbc;
        this.addLogins = "UPDATE " + magento.table("api_user") + " SET lognum = lognum + :n WHERE user_id = :userId";
        this.touchSession = "UPDATE " + magento.table("api_session")
                + " SET logdate = GREATEST(logdate, :at) WHERE user_id = :userId AND sessid = :sessid";
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "api-session-activity");
            thread.setDaemon(true);
            return thread;
        });
        writer.scheduleWithFixedDelay(this::flushQuietly, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Records one call of the session (written by the next {@link #flush()}). */
    public void touch(long userId, String sessionId, LocalDateTime at) {
        pendingCalls.computeIfAbsent(userId, id -> new AtomicLong()).incrementAndGet();
        pendingTouches.merge(sessionId, new Touch(userId, at), (old, now) -> now.at.isAfter(old.at) ? now : old);
    }

    /** The latest activity of a session not yet written, if any. */
    public LocalDateTime pendingActivity(String sessionId) {
        Touch touch = pendingTouches.get(sessionId);
        return touch == null ? null : touch.at;
    }

    /** Forgets a session's pending date (it was ended); its call count is still written. */
    public void forget(String sessionId) {
        pendingTouches.remove(sessionId);
    }

    /** Writes everything collected so far; safe to call from any thread. */
    public synchronized void flush() {
        for (Map.Entry<Long, AtomicLong> entry : pendingCalls.entrySet()) {
            long n = entry.getValue().getAndSet(0);
            if (n == 0) {
                continue;
            }
            try {
                jdbc.sql(addLogins).param("n", n).param("userId", entry.getKey()).update();
            } catch (RuntimeException e) {
                entry.getValue().addAndGet(n); // keep it for the next attempt
                throw e;
            }
        }
        for (Map.Entry<String, Touch> entry : pendingTouches.entrySet()) {
            Touch touch = entry.getValue();
            jdbc.sql(touchSession).param("at", MagentoClock.format(touch.at)).param("userId", touch.userId)
                    .param("sessid", entry.getKey()).update();
            pendingTouches.remove(entry.getKey(), touch); // a newer touch stays for the next write
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("Writing API session activity failed; it is kept and tried again: {}", e.getMessage());
        }
    }

    /** Writes what is pending before the service stops. */
    @Override
    public void destroy() {
        writer.shutdown();
        flushQuietly();
    }
}
