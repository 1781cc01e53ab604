package com.shipstream.openmage.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The bundle's own metrics, named in one place so their names stay stable (Prometheus shows them
 * with dots as underscores, e.g. {@code shipstream_api_calls_total}). Camel's route metrics come
 * from camel-micrometer alongside.
 */
@Component
public class ServiceMetrics {
    /** The {@code fault} tag of a call that succeeded. */
    public static final String NO_FAULT = "none";

    private final MeterRegistry registry;
    private final Timer adjustLockWait;
    private final Timer syncDuration;
    private final Map<String, Counter> apiCalls = new ConcurrentHashMap<>();

    public ServiceMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.adjustLockWait = Timer.builder("shipstream.adjust.lock.wait")
                .description("Time an adjust waited for its stock rows' locks").publishPercentileHistogram().register(registry);
        this.syncDuration = Timer.builder("shipstream.inventory.sync.duration")
                .description("Duration of whole inventory syncs").register(registry);
        // every series with a fixed set of tags exists from the start, at zero, so dashboards and
        // alerts see it before the first event
        for (String reason : new String[] {"key", "inactive", "role"}) {
            loginFailures(reason);
        }
        for (String result : new String[] {"delivered", "retry", "failed"}) {
            deliveries(result);
        }
        emails("sent");
        emails("failed");
        for (String result : new String[] {"updated", "unchanged", "error"}) {
            syncSkus(result);
        }
        syncRuns(true);
        syncRuns(false);
    }

    private Counter loginFailures(String reason) {
        return Counter.builder("shipstream.api.login.failures").description("Refused API logins").tag("reason", reason)
                .register(registry);
    }

    private Counter deliveries(String result) {
        return Counter.builder("shipstream.callback.deliveries").description("syncOrder deliveries from the outbox")
                .tag("result", result).register(registry);
    }

    private Counter emails(String result) {
        return Counter.builder("shipstream.shipment.emails").description("Shipment emails to customers")
                .tag("result", result).register(registry);
    }

    private Counter syncSkus(String result) {
        return Counter.builder("shipstream.inventory.sync.skus").description("SKUs of inventory syncs by outcome")
                .tag("result", result).register(registry);
    }

    private Counter syncRuns(boolean success) {
        return Counter.builder("shipstream.inventory.sync.runs").description("Finished inventory syncs")
                .tag("result", success ? "success" : "failure").register(registry);
    }

    /** One API call: its method path ({@code unserved} for paths not served here) and fault code ({@link #NO_FAULT}). */
    public void apiCall(String method, String fault) {
        // looked up per call: a map hit instead of building and registering the meter's id each time
        apiCalls.computeIfAbsent(method + '\n' + fault, key -> Counter.builder("shipstream.api.calls")
                .description("SOAP API calls by method and fault code").tag("method", method).tag("fault", fault)
                .register(registry)).increment();
    }

    /** A refused login; {@code reason}: key, inactive, role. */
    public void loginFailed(String reason) {
        loginFailures(reason).increment();
    }

    public void adjustLockWait(Duration waited) {
        adjustLockWait.record(waited);
    }

    /** A finished inventory sync and the SKUs it updated, left unchanged, or could not apply. */
    public void syncFinished(Duration duration, boolean success, int updated, int unchanged, int errors) {
        syncDuration.record(duration);
        syncRuns(success).increment();
        syncSkus("updated").increment(updated);
        syncSkus("unchanged").increment(unchanged);
        syncSkus("error").increment(errors);
    }

    /** A syncOrder callback from the outbox: {@code delivered}, {@code retry} (failed, will be retried) or {@code failed} (gave up). */
    public void callbackDelivery(String result) {
        deliveries(result).increment();
    }

    /** Any callback to ShipStream ({@code inventoryWithLock}, {@code unlockOrderImport}, {@code syncOrder}) and whether it worked. */
    public void callback(String method, boolean ok) {
        Counter.builder("shipstream.callbacks").description("HTTP callbacks to ShipStream")
                .tag("method", method).tag("result", ok ? "ok" : "error").register(registry).increment();
    }

    /** A shipment email: {@code sent} or {@code failed}. */
    public void email(String result) {
        emails(result).increment();
    }

    public MeterRegistry registry() {
        return registry;
    }
}
