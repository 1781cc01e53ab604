package com.shipstream.openmage.inventory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.shipstream.openmage.magento.MagentoProperties;
import com.shipstream.openmage.ops.ServiceMetrics;
import com.shipstream.openmage.shipstream.ShipStreamClient;
import com.shipstream.openmage.shipstream.ShipStreamException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code shipstream.sync_inventory} and the hourly pull: ShipStream's inventory snapshot (taken
 * under ShipStream's order-import lock) becomes the store's stock, minus what open orders not yet
 * submitted to ShipStream still reserve. Chunk by chunk, each in its own transaction that locks the
 * chunk's stock rows (product-id order) and then the demand rows, and writes only what differs.
 * One sync at a time.
 */
@Component("inventorySync")
public class InventorySync {
    private static final Logger log = LoggerFactory.getLogger(InventorySync.class);
    private static final int MAX_NAMED_SKUS = 50;

    private final ShipStreamClient shipstream;
    private final StockItems stock;
    private final InventorySettings settings;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final InventorySyncProperties properties;
    private final String demandSql;
    private final AtomicReference<Instant> running = new AtomicReference<>();
    private volatile LastRun lastRun;
    private volatile Progress progress;
    private final ServiceMetrics metrics;

    /** The figures of the last finished sync (for operators, metrics and the benchmark). */
    public record LastRun(Instant startedAt, long durationMillis, int updated, int unchanged, int errors, boolean success,
                          long longestChunkMillis, int chunks, String message) {
    }

    /** A sync in progress: when it began and how many of its chunks are done. */
    public record Progress(Instant startedAt, int chunksDone, int chunks) {
    }

    /** The running sync's progress, or null when none runs. */
    public Progress progress() {
        return progress;
    }

    public LastRun lastRun() {
        return lastRun;
    }

    public InventorySync(ShipStreamClient shipstream, StockItems stock, InventorySettings settings, TransactionTemplate tx,
                         JdbcClient jdbc, InventorySyncProperties properties, MagentoProperties magento, ServiceMetrics metrics) {
        this.metrics = metrics;
        metrics.registry().gauge("shipstream.inventory.sync.running", this, sync -> sync.progress == null ? 0 : 1);
        metrics.registry().gauge("shipstream.inventory.sync.chunks.done", this, sync -> sync.progress == null ? 0 : sync.progress.chunksDone());
        metrics.registry().gauge("shipstream.inventory.sync.chunks.total", this, sync -> sync.progress == null ? 0 : sync.progress.chunks());
        this.shipstream = shipstream;
        this.stock = stock;
        this.settings = settings;
        this.tx = tx;
        this.jdbc = jdbc;
        this.properties = properties;
        // open demand not yet in ShipStream: simple items of orders that are not finished and not
        // submitted (nor held from submitted); shipped quantities still count, as in the extension
        this.demandSql = "SELECT soi.sku, GREATEST(0, SUM(soi.qty_ordered - soi.qty_canceled - soi.qty_refunded)) AS qty"
                + " FROM " + magento.table("sales_flat_order_item") + " soi"
                + " JOIN " + magento.table("sales_flat_order") + " so ON so.entity_id = soi.order_id"
                + " WHERE so.state NOT IN ('complete', 'closed', 'canceled') AND so.status != 'submitted'"
                + " AND (so.state != 'holded' OR so.hold_before_status != 'submitted')"
                + " AND soi.sku IN (:skus) AND soi.product_type = 'simple'"
                + " GROUP BY soi.sku FOR UPDATE";
    }

    /**
     * The outcome, as {@code sync_inventory} returns it. {@code success} is false when a part of the
     * sync failed (ShipStream's answer, a chunk, the unlock); SKUs the store does not have are only
     * reported in {@code errors}.
     */
    public static final class Report {
        final List<String> errors = new ArrayList<>();
        final List<Map<String, Object>> updated = new ArrayList<>();
        final List<String> noChange = new ArrayList<>();
        final List<String> failures = new ArrayList<>();

        void fail(String error) {
            failures.add(error);
            errors.add(error);
        }

        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            boolean success = failures.isEmpty();
            map.put("success", success);
            if (!success) {
                map.put("message", String.join("; ", failures));
            }
            map.put("errors", new ArrayList<Object>(errors));
            map.put("updated", new ArrayList<Object>(updated));
            map.put("no_change", new ArrayList<Object>(noChange));
            return map;
        }
    }

    /** {@code shipstream.sync_inventory}: runs now and answers with the report. */
    public Map<String, Object> syncNow() {
        return run("API").toMap();
    }

    /** The scheduled trigger: nothing at all when no warehouse URL is set. */
    public void runScheduled() {
        if (!shipstream.isConfigured()) {
            log.info("Scheduled inventory sync skipped: no warehouse URL configured (set_config warehouse_api_url)");
            return;
        }
        Report report = run("schedule");
        log.info("Scheduled inventory sync result: {}", report.toMap());
    }

    /** A random wait before the scheduled run, up to {@code shipstream.inventory-sync.max-delay}. */
    public long randomDelayMillis() {
        long max = properties.maxDelay().toMillis();
        return max <= 0 ? 0 : ThreadLocalRandom.current().nextLong(max + 1);
    }

    Report run(String trigger) {
        Report report = new Report();
        Instant started = Instant.now();
        if (!running.compareAndSet(null, started)) {
            report.fail("An inventory sync is already running (since " + running.get() + "); try again when it has finished.");
            return report;
        }
        progress = new Progress(started, 0, 0);
        long[] longestChunk = {0};
        try {
            if (!shipstream.isConfigured()) {
                log.info("Inventory sync ({}) did nothing: no warehouse URL configured", trigger);
                return report;
            }
            log.info("Beginning inventory sync ({}).", trigger);
            Map<String, BigDecimal> remote;
            try {
                remote = shipstream.call("inventoryWithLock", Map.of(), InventorySync::readSkus);
            } catch (ShipStreamException e) {
                // no unlock: this answer does not tell that ShipStream's lock is ours to release
                report.fail("inventoryWithLock: " + e.getMessage());
                log.warn("Inventory sync ({}) could not get the inventory: {}", trigger, e.getMessage());
                return report;
            }
            if (remote.isEmpty()) {
                log.info("No inventory data received.");
            }
            longestChunk[0] = applyInChunks(remote, report, started);
            try {
                shipstream.call("unlockOrderImport", Map.of());
            } catch (ShipStreamException e) {
                report.fail("unlockOrderImport: " + e.getMessage());
                log.warn("Error unlocking order import ({}).", e.getMessage());
            }
            return report;
        } finally {
            Duration duration = Duration.between(started, Instant.now());
            boolean success = report.failures.isEmpty();
            log.info("Inventory sync {} ({}): {} updated, {} unchanged, {} errors in {} ms", success ? "complete" : "failed", trigger,
                    report.updated.size(), report.noChange.size(), report.errors.size(), duration.toMillis());
            lastRun = new LastRun(started, duration.toMillis(), report.updated.size(), report.noChange.size(), report.errors.size(),
                    success, longestChunk[0], progress.chunks(), success ? null : String.join("; ", report.failures));
            metrics.syncFinished(duration, success, report.updated.size(), report.noChange.size(), report.errors.size());
            progress = null;
            running.set(null);
        }
    }

    /**
     * {@code {"skus": {"SKU": qty, ...}}} read as it streams in; {@code {"errors": ...}} (ShipStream's
     * failure answer, sent with HTTP 200) is an error, not an empty inventory.
     */
    static Map<String, BigDecimal> readSkus(JsonParser json) throws IOException {
        Map<String, BigDecimal> skus = new LinkedHashMap<>();
        if (json.currentToken() != JsonToken.START_OBJECT) {
            throw new ShipStreamException("inventoryWithLock answered " + json.getText() + " instead of {\"skus\": {...}}");
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            if (field.equals("errors")) {
                String errors = value == JsonToken.START_ARRAY ? json.readValueAsTree().toString() : json.getValueAsString();
                throw new ShipStreamException("ShipStream answered with errors: " + errors);
            } else if (field.equals("skus") && value == JsonToken.START_OBJECT) {
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String sku = json.currentName();
                    JsonToken qty = json.nextToken();
                    if (qty != JsonToken.VALUE_NUMBER_INT && qty != JsonToken.VALUE_NUMBER_FLOAT && qty != JsonToken.VALUE_STRING) {
                        throw new ShipStreamException("inventoryWithLock: the quantity of " + sku + " is not a number");
                    }
                    try {
                        skus.put(sku, new BigDecimal(json.getText().strip()));
                    } catch (NumberFormatException e) {
                        throw new ShipStreamException("inventoryWithLock: the quantity of " + sku + " is not a number");
                    }
                }
            } else {
                json.skipChildren(); // "skus": [] is PHP's empty array
            }
        }
        return skus;
    }

    /** Returns the longest time one chunk held its locks, in milliseconds. */
    private long applyInChunks(Map<String, BigDecimal> remote, Report report, Instant syncStarted) {
        long longest = 0;
        List<String> skus = new ArrayList<>(remote.keySet());
        int chunks = (skus.size() + properties.chunkSize() - 1) / properties.chunkSize();
        progress = new Progress(syncStarted, 0, chunks);
        List<String> unknown = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            List<String> chunk = skus.subList(c * properties.chunkSize(), Math.min(skus.size(), (c + 1) * properties.chunkSize()));
            Report part = new Report();
            List<String> missing = new ArrayList<>();
            long started = System.nanoTime();
            try {
                tx.executeWithoutResult(status -> applyChunk(chunk, remote, part, missing));
                longest = Math.max(longest, (System.nanoTime() - started) / 1_000_000);
                report.updated.addAll(part.updated);
                report.noChange.addAll(part.noChange);
                unknown.addAll(missing);
                log.info("Inventory sync chunk {}/{} ({} SKUs): {} updated, {} unchanged, {} unknown; locks held {} ms", c + 1, chunks,
                        chunk.size(), part.updated.size(), part.noChange.size(), missing.size(), (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                String error = "Chunk " + (c + 1) + "/" + chunks + " (" + chunk.get(0) + " .. " + chunk.get(chunk.size() - 1)
                        + ") was rolled back: " + rootMessage(e);
                report.fail(error);
                log.error("Inventory sync: {}", error, e);
            }
            progress = new Progress(syncStarted, c + 1, chunks);
        }
        if (!unknown.isEmpty()) {
            report.errors.add(unknown.size() + " SKU(s) from ShipStream are not in the store (or have no stock item): "
                    + String.join(", ", unknown.subList(0, Math.min(unknown.size(), MAX_NAMED_SKUS)))
                    + (unknown.size() > MAX_NAMED_SKUS ? " and " + (unknown.size() - MAX_NAMED_SKUS) + " more" : ""));
        }
        return longest;
    }

    private void applyChunk(List<String> chunk, Map<String, BigDecimal> remote, Report part, List<String> missing) {
        InventoryConfig config = settings.current();
        Map<String, Long> productIds = stock.resolveSkus(chunk);
        Map<Long, StockItem> items = stock.lock(productIds.values());          // 1. stock rows, product-id order
        Map<String, BigDecimal> demand = new LinkedHashMap<>();                 // 2. then the orders
        jdbc.sql(demandSql).param("skus", chunk)
                .query((rs, n) -> demand.put(rs.getString("sku").toLowerCase(), rs.getBigDecimal("qty"))).list();
        List<StockItem> changed = new ArrayList<>();
        for (String sku : chunk) {
            Long productId = productIds.get(sku);
            if (productId == null) {
                missing.add(sku);
                continue;
            }
            StockItem item = items.get(productId);
            BigDecimal target = remote.get(sku).setScale(0, RoundingMode.FLOOR)
                    .subtract(demand.getOrDefault(item.sku().toLowerCase(), BigDecimal.ZERO)).setScale(0, RoundingMode.FLOOR);
            if (target.compareTo(item.qty()) == 0) {
                part.noChange.add(sku);
                continue;
            }
            log.debug("SKU: {} remote qty is {} and local is {}", sku, target, item.qty());
            StockItem after = stock.set(item, target, config);
            if (after == item) {
                part.noChange.add(sku); // unmanaged stock or a composite type: nothing to write
                continue;
            }
            changed.add(after);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("sku", sku);
            entry.put("old_qty", item.qty().setScale(4, RoundingMode.HALF_UP).toPlainString()); // a DB decimal, as PHP reads it
            entry.put("new_qty", target.doubleValue());
            part.updated.add(entry);
        }
        stock.refreshStatus(changed, config);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
