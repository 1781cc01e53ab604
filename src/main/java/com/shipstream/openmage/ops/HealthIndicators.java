package com.shipstream.openmage.ops;

import com.shipstream.openmage.inventory.InventorySync;
import com.shipstream.openmage.inventory.InventorySyncProperties;
import com.shipstream.openmage.magento.MagentoProperties;
import com.shipstream.openmage.ordersync.OrderSyncProperties;
import com.shipstream.openmage.shipstream.ShipStreamClient;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service's parts in {@code /actuator/health} (the database is Spring's own {@code db}):
 * {@code cdc}, {@code orderSyncOutbox}, {@code inventorySync}, {@code shipstream} and
 * {@code scheduler}. A part that works but needs a look (failed deliveries, a failed last sync,
 * ShipStream's last answer an error) is {@code WARN}: HTTP 200, and below UP in the aggregate.
 * Only the database decides readiness (see {@code management.endpoint.health.group.*}).
 */
@Configuration(proxyBeanMethods = false)
public class HealthIndicators {
    public static final Status WARN = new Status("WARN");

    /** An indicator whose failure (e.g. the database gone) is its part reported DOWN, not the endpoint failing. */
    private static HealthIndicator guarded(Supplier<Health> check) {
        return () -> {
            try {
                return check.get();
            } catch (RuntimeException e) {
                return Health.down(e).build();
            }
        };
    }

    @Bean
    HealthIndicator cdcHealthIndicator(CaptureMonitor monitor) {
        return guarded(() -> {
            CaptureMonitor.State state = monitor.state();
            if (!state.enabled()) {
                return Health.unknown().withDetail("enabled", false).build();
            }
            Health.Builder health = state.routeStatus() == ServiceStatus.Started && state.streaming()
                    && state.serverProblems().isEmpty() ? Health.up() : Health.down();
            return health.withDetails(state.details()).build();
        });
    }

    @Bean
    HealthIndicator orderSyncOutboxHealthIndicator(JdbcClient jdbc, MagentoProperties magento, OrderSyncProperties properties) {
        String sql = "SELECT SUM(status = 'pending'), SUM(status = 'failed'),"
                + " TIMESTAMPDIFF(SECOND, MIN(IF(status = 'pending', created_at, NULL)), UTC_TIMESTAMP())"
                + " FROM " + magento.table("shipstream_order_sync_outbox");
        return guarded(() -> {
            Map<String, Object> row = jdbc.sql(sql).query((rs, n) -> Map.<String, Object>of(
                    "pending", rs.getLong(1), "failed", rs.getLong(2), "oldestPendingSeconds", rs.getLong(3))).single();
            Health.Builder health = ((Long) row.get("failed")) > 0 ? Health.status(WARN) : Health.up();
            return health.withDetails(row).withDetail("maxAttempts", properties.maxAttempts()).build();
        });
    }

    @Bean
    HealthIndicator inventorySyncHealthIndicator(InventorySync sync, InventorySyncProperties properties) {
        return guarded(() -> {
            InventorySync.LastRun last = sync.lastRun();
            Health.Builder health = last == null ? Health.up().withDetail("lastRun", "none since start")
                    : (last.success() ? Health.up() : Health.status(WARN))
                    .withDetail("lastRunStartedAt", last.startedAt().toString())
                    .withDetail("lastRunSuccess", last.success())
                    .withDetail("lastRunMillis", last.durationMillis())
                    .withDetail("updated", last.updated()).withDetail("unchanged", last.unchanged())
                    .withDetail("errors", last.errors());
            if (last != null && last.message() != null) {
                health.withDetail("lastRunMessage", last.message());
            }
            InventorySync.Progress running = sync.progress();
            if (running != null) {
                health.withDetail("running", Map.of("since", running.startedAt().toString(), "chunksDone", running.chunksDone(),
                        "chunks", running.chunks()));
            }
            return health.withDetail("schedule", properties.enabled() ? properties.cron() : "off").build();
        });
    }

    @Bean
    HealthIndicator shipstreamHealthIndicator(ShipStreamClient client) {
        return guarded(() -> {
            if (!client.isConfigured()) {
                return Health.unknown().withDetail("warehouseUrl", "not set (ShipStream has not registered)").build();
            }
            ShipStreamClient.LastCall last = client.lastCall();
            if (last == null) {
                return Health.unknown().withDetail("lastCall", "none since start").build();
            }
            return (last.ok() ? Health.up() : Health.status(WARN)).withDetail("lastCall", last.method())
                    .withDetail("at", last.at().toString()).withDetail("ok", last.ok())
                    .withDetail("error", last.error() == null ? "" : last.error()).build();
        });
    }

    @Bean
    HealthIndicator schedulerHealthIndicator(CamelContext camel, InventorySyncProperties properties) {
        return guarded(() -> {
            QuartzComponent quartz = camel.hasComponent("quartz") instanceof QuartzComponent q ? q : null;
            if (quartz == null || quartz.getScheduler() == null) {
                return Health.unknown().withDetail("scheduler", "not created").build();
            }
            try {
                Scheduler scheduler = quartz.getScheduler();
                boolean running = scheduler.isStarted() && !scheduler.isShutdown() && !scheduler.isInStandbyMode();
                return (running ? Health.up() : Health.down()).withDetail("name", scheduler.getSchedulerName())
                        .withDetail("started", scheduler.isStarted()).withDetail("standby", scheduler.isInStandbyMode())
                        .withDetail("jobs", scheduler.getJobKeys(GroupMatcher.anyJobGroup()).size())
                        .withDetail("inventorySync", properties.enabled() ? properties.cron() : "off").build();
            } catch (SchedulerException e) {
                return Health.down(e).build();
            }
        });
    }
}
