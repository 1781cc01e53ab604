package com.shipstream.openmage.auth;

import com.shipstream.openmage.api.ApiCatalog;
import com.shipstream.openmage.magento.MagentoClock;
import com.shipstream.openmage.magento.MagentoProperties;
import com.shipstream.openmage.ops.ServiceMetrics;
import com.shipstream.openmage.magento.StoreConfig;
import com.shipstream.openmage.soap.SoapProperties;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Logins and sessions, on the store's own {@code api_user}, {@code api_role}, {@code api_rule} and
 * {@code api_session} tables and exactly as Mage_Api writes them, so a session opened here is valid
 * for the store's own API and the other way round.
 * <p>Lock order, everywhere: the {@code api_user} row, then {@code api_session} rows. The per-call
 * writes are batched by {@link SessionActivity}.
 */
@Component
public class ApiSessions {
    private static final Logger log = LoggerFactory.getLogger(ApiSessions.class);
    static final int DEFAULT_SESSION_TIMEOUT = 3600;
    static final String SESSION_TIMEOUT_PATH = "api/config/session_timeout";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_CACHED_SESSIONS = 10_000;

    private final JdbcClient jdbc;
    private final ServiceMetrics metrics;
    private final TransactionTemplate tx;
    private final MagentoClock clock;
    private final ApiCatalog catalog;
    private final StoreConfig storeConfig;
    private final Sql sql;
    private final SessionActivity activity;
    private final Map<String, CachedSession> cache = new ConcurrentHashMap<>();
    private final long cacheNanos;

    public ApiSessions(JdbcClient jdbc, TransactionTemplate tx, MagentoClock clock, ApiCatalog catalog,
                       StoreConfig storeConfig, MagentoProperties magento, SessionActivity activity, SoapProperties soap,
                       ServiceMetrics metrics) {
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.catalog = catalog;
        this.storeConfig = storeConfig;
        this.sql = new Sql(magento);
        this.activity = activity;
        this.cacheNanos = soap.sessionCache().toNanos();
    }

    /** The statements, with the store's table prefix applied once. */
    private record Sql(String findUser, String hasRole, String touchUser, String deleteExpired, String insertSession,
                       String findSession, String endSession, String rules, String sessidWidth) {
        Sql(MagentoProperties m) {
            this(m, " LEFT JOIN " + m.table("api_role") + " ur ON ur.user_id = u.user_id AND ur.parent_id > 0"
                    + " LEFT JOIN " + m.table("api_rule") + " r ON r.role_id IN (ur.parent_id, ur.role_id)");
        }

        /** @param aclJoin joins user {@code u} to the rule rows {@code r} of its role */
        private Sql(MagentoProperties m, String aclJoin) {
            this("SELECT user_id, username, api_key, is_active FROM " + m.table("api_user")
                            + " WHERE username = :username ORDER BY user_id LIMIT 1",
                    "SELECT COUNT(*) FROM " + m.table("api_role") + " WHERE parent_id > 0 AND user_id = :userId",
                    "UPDATE " + m.table("api_user") + " SET lognum = lognum + 1 WHERE user_id = :userId",
                    "DELETE FROM " + m.table("api_session") + " WHERE user_id = :userId AND logdate < :expiredBefore",
                    "INSERT INTO " + m.table("api_session") + " (user_id, logdate, sessid) VALUES (:userId, :now, :sessid)",
                    // the session, its user, the timeout setting and the user's ACL rules in one round trip
                    "SELECT s.user_id, DATE_FORMAT(s.logdate, " + MagentoClock.SQL_FORMAT + ") AS logdate, u.username,"
                            + " (SELECT c.value FROM " + m.table("core_config_data") + " c WHERE c.scope = 'default'"
                            + " AND c.scope_id = 0 AND c.path = '" + SESSION_TIMEOUT_PATH + "') AS timeout,"
                            + " r.resource_id, r.api_permission"
                            + " FROM " + m.table("api_session") + " s JOIN " + m.table("api_user") + " u ON u.user_id = s.user_id"
                            + aclJoin + " WHERE s.sessid = :sessid ORDER BY r.rule_id",
                    "DELETE FROM " + m.table("api_session") + " WHERE sessid = :sessid",
                    "SELECT r.resource_id, r.api_permission FROM " + m.table("api_user") + " u" + aclJoin
                            + " WHERE u.user_id = :userId ORDER BY r.rule_id",
                    "SELECT CHARACTER_MAXIMUM_LENGTH FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                            + " AND TABLE_NAME = '" + m.table("api_session") + "' AND COLUMN_NAME = 'sessid'");
        }
    }

    private record UserRow(long userId, String username, String apiKey, int isActive) {
    }

    /**
     * {@code login(username, apiKey)}: checks the key, the active flag and the role; removes the
     * user's expired sessions, bumps {@code lognum} and stores a new session. Any refusal is fault 2.
     */
    public String login(String username, String apiKey) {
        if (username == null || username.isEmpty() || apiKey == null || apiKey.isEmpty()) {
            throw catalog.fault("invalid_request_param");
        }
        UserRow user = authenticate(username, apiKey);
        String sessionId = newSessionId();
        LocalDateTime now = clock.now();
        tx.executeWithoutResult(status -> {
            jdbc.sql(sql.touchUser).param("userId", user.userId).update();
            jdbc.sql(sql.deleteExpired).param("userId", user.userId)
                    .param("expiredBefore", MagentoClock.format(now.minusSeconds(sessionTimeout()))).update();
            jdbc.sql(sql.insertSession).param("userId", user.userId).param("now", MagentoClock.format(now))
                    .param("sessid", sessionId).update();
        });
        return sessionId;
    }

    /**
     * HTTP Basic "insta-login" for a {@code call} without a session id: the same checks as
     * {@link #login}, but nothing is written.
     */
    public ApiSession instaLogin(String username, String apiKey) {
        UserRow user = authenticate(username, apiKey);
        return new ApiSession(null, user.userId, user.username, acl(user.userId));
    }

    private UserRow authenticate(String username, String apiKey) {
        Optional<UserRow> found = jdbc.sql(sql.findUser).param("username", username)
                .query((rs, n) -> new UserRow(rs.getLong("user_id"), rs.getString("username"), rs.getString("api_key"),
                        rs.getInt("is_active")))
                .optional();
        if (found.isEmpty() || !ApiKeyHash.verify(apiKey, found.get().apiKey)) {
            log.info("API login refused for '{}': unknown user or wrong key", username);
            metrics.loginFailed("key");
            throw catalog.fault("access_denied");
        }
        UserRow user = found.get();
        if (user.isActive != 1) {
            log.info("API login refused for '{}': the account is deactivated", username);
            metrics.loginFailed("inactive");
            throw catalog.fault("access_denied");
        }
        if (jdbc.sql(sql.hasRole).param("userId", user.userId).query(Long.class).single() == 0) {
            log.info("API login refused for '{}': the user has no API role", username);
            metrics.loginFailed("role");
            throw catalog.fault("access_denied");
        }
        return user;
    }

    /**
     * Checks a session for a call (fault 5 when unknown or idle longer than
     * {@code api/config/session_timeout}), then renews it as Magento does: {@code lognum + 1} and
     * {@code logdate = now}, written behind by {@link SessionActivity}. A session checked in the
     * last {@code shipstream.soap.session-cache} is taken from memory. Activity and role are not
     * re-checked here, as in Magento.
     */
    public ApiSession renew(String sessionId) {
        if (sessionId == null || sessionId.isEmpty() || sessionId.length() > 64) {
            throw catalog.fault("session_expired");
        }
        LocalDateTime now = clock.now();
        CachedSession cached = cache.get(sessionId);
        if (cached == null || System.nanoTime() - cached.loadedAt > cacheNanos) {
            cached = load(sessionId);
        }
        if (cached.lastActivity.plusSeconds(cached.timeout).isBefore(now)) {
            cache.remove(sessionId);
            throw catalog.fault("session_expired");
        }
        cached.lastActivity = now;
        activity.touch(cached.session.userId(), sessionId, now);
        return cached.session;
    }

    /** A session as last read from the database, and when it was last used. */
    private static final class CachedSession {
        final ApiSession session;
        final int timeout;
        final long loadedAt = System.nanoTime();
        volatile LocalDateTime lastActivity;

        CachedSession(ApiSession session, int timeout, LocalDateTime lastActivity) {
            this.session = session;
            this.timeout = timeout;
            this.lastActivity = lastActivity;
        }
    }

    private CachedSession load(String sessionId) {
        record Row(long userId, String logdate, String username, String timeout, String resource, String permission) {
        }
        List<Row> rows = jdbc.sql(sql.findSession).param("sessid", sessionId)
                .query((rs, n) -> new Row(rs.getLong("user_id"), rs.getString("logdate"), rs.getString("username"),
                        rs.getString("timeout"), rs.getString("resource_id"), rs.getString("api_permission")))
                .list();
        if (rows.isEmpty() || rows.get(0).logdate == null) {
            cache.remove(sessionId);
            throw catalog.fault("session_expired");
        }
        Row first = rows.get(0);
        Map<String, Boolean> rules = new LinkedHashMap<>();
        rows.stream().filter(r -> r.userId == first.userId).forEach(r -> addRule(rules, r.resource, r.permission));
        LocalDateTime lastActivity = MagentoClock.parse(first.logdate);
        LocalDateTime pending = activity.pendingActivity(sessionId);
        if (pending != null && pending.isAfter(lastActivity)) {
            lastActivity = pending;
        }
        CachedSession loaded = new CachedSession(new ApiSession(sessionId, first.userId, first.username, new AclRules(rules)),
                timeout(first.timeout), lastActivity);
        if (cacheNanos > 0) {
            if (cache.size() > MAX_CACHED_SESSIONS) {
                cache.values().removeIf(c -> System.nanoTime() - c.loadedAt > cacheNanos);
            }
            cache.put(sessionId, loaded);
        }
        return loaded;
    }

    /** {@code endSession}: removes the session's rows; true whether or not it existed. */
    public boolean end(String sessionId) {
        if (sessionId != null) {
            cache.remove(sessionId);
            activity.forget(sessionId);
            jdbc.sql(sql.endSession).param("sessid", sessionId).update();
        }
        return true;
    }

    /**
     * A new random session id: 32 hex characters, or 64 where {@code api_session.sessid} is wide
     * enough (OpenMage 20.18+). The column is looked up each time: logins are rare, and a store may
     * be upgraded while the service runs.
     */
    public String newSessionId() {
        int width = jdbc.sql(sql.sessidWidth).query(Integer.class).optional().orElse(40);
        byte[] bytes = new byte[width >= 64 ? 32 : 16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private AclRules acl(long userId) {
        Map<String, Boolean> rules = new LinkedHashMap<>();
        jdbc.sql(sql.rules).param("userId", userId).query((rs, n) -> {
            addRule(rules, rs.getString("resource_id"), rs.getString("api_permission"));
            return null;
        }).list();
        return new AclRules(rules);
    }

    /** One {@code api_rule} row; Magento keeps rule paths without slashes at the ends. */
    private static void addRule(Map<String, Boolean> rules, String resource, String permission) {
        if (resource != null) {
            rules.put(resource.replaceAll("^/+|/+$", ""), "allow".equals(permission));
        }
    }

    private int sessionTimeout() {
        return timeout(storeConfig.value(SESSION_TIMEOUT_PATH).orElse(null));
    }

    private static int timeout(String configured) {
        if (configured == null || !configured.strip().matches("\\d+")) {
            return DEFAULT_SESSION_TIMEOUT;
        }
        return Integer.parseInt(configured.strip());
    }
}
