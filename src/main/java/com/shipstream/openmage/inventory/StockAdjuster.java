package com.shipstream.openmage.inventory;

import com.shipstream.openmage.api.ApiCatalog;
import com.shipstream.openmage.api.ApiException;
import com.shipstream.openmage.soap.PhpValues;
import com.shipstream.openmage.soap.SoapFault;
import com.shipstream.openmage.ops.ServiceMetrics;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * {@code shipstream_stock_item.adjust} and {@code adjustMany}. Runs inside the route's transaction:
 * references are claimed first (in reference order), then exactly the stock rows concerned are
 * locked in product-id order, each change is applied as a relative update, and the storefront
 * status follows, all committed together.
 */
@Component("stockAdjuster")
public class StockAdjuster {
    /** One entry of {@code adjustMany}, or the single {@code adjust}. */
    public record Adjustment(String sku, BigDecimal delta, String reference) {
    }

    /** What happened to one entry: {@code success}, {@code not_found}, {@code no_change} or {@code duplicate}. */
    public record Result(String sku, String status, BigDecimal oldQty, BigDecimal newQty) {
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("sku", sku);
            map.put("status", status);
            map.put("old_qty", oldQty == null ? null : oldQty.doubleValue());
            map.put("new_qty", newQty == null ? null : newQty.doubleValue());
            return map;
        }
    }

    private final StockItems stock;
    private final AdjustmentReferences references;
    private final InventorySettings settings;
    private final ApiCatalog catalog;
    private final ServiceMetrics metrics;

    public StockAdjuster(StockItems stock, AdjustmentReferences references, InventorySettings settings, ApiCatalog catalog,
                         ServiceMetrics metrics) {
        this.metrics = metrics;
        this.stock = stock;
        this.references = references;
        this.settings = settings;
        this.catalog = catalog;
    }

    /**
     * {@code adjust(skuOrId, delta, reference?)}: true when applied, unchanged, or already applied
     * under this reference; an unknown product is fault 102 {@code not_exists}, as the extension answers.
     */
    public boolean adjust(String skuOrId, Object delta, String reference) {
        Result result = apply(List.of(new Adjustment(skuOrId, toDecimal(delta, "delta"), blankToNull(reference)))).get(0);
        if (result.status.equals("not_found")) {
            throw new ApiException("not_updated", "not_exists");
        }
        return true;
    }

    /** {@code adjustMany([{sku, delta, ref?}, ...])}: one transaction, one result per entry in input order. */
    public List<Map<String, Object>> adjustMany(List<?> entries) {
        List<Adjustment> adjustments = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                throw invalid("adjustMany entry " + i + " must be a map {sku, delta, ref}");
            }
            Object sku = entry.get("sku");
            if (!(sku instanceof String) && !(sku instanceof Long)) {
                throw invalid("adjustMany entry " + i + " needs a \"sku\"");
            }
            Object ref = entry.get("ref");
            if (ref != null && !(ref instanceof String) && !(ref instanceof Long)) {
                throw invalid("adjustMany entry " + i + ": \"ref\" must be a string");
            }
            adjustments.add(new Adjustment(sku.toString(), toDecimal(entry.get("delta"), "adjustMany entry " + i + " \"delta\""),
                    ref == null ? null : blankToNull(ref.toString())));
        }
        return apply(adjustments).stream().map(Result::toMap).toList();
    }

    private List<Result> apply(List<Adjustment> adjustments) {
        InventoryConfig config = settings.current();
        // 1. references, in a fixed order so two batches sharing references cannot deadlock
        TreeSet<String> claimed = new TreeSet<>();
        Map<String, AdjustmentReferences.Applied> repeated = new LinkedHashMap<>();
        TreeSet<String> refs = new TreeSet<>();
        adjustments.stream().filter(a -> a.reference != null).forEach(a -> refs.add(a.reference));
        for (String ref : refs) {
            Adjustment first = adjustments.stream().filter(a -> ref.equals(a.reference)).findFirst().orElseThrow();
            if (references.claim(ref, first.sku, first.delta)) {
                claimed.add(ref);
            } else {
                repeated.put(ref, references.applied(ref).orElseThrow());
            }
        }
        // 2. products, then their stock rows, locked in product-id order
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        adjustments.forEach(a -> keys.add(a.sku));
        Map<String, Long> productIds = stock.resolve(keys);
        long lockStarted = System.nanoTime();
        Map<Long, StockItem> items = stock.lock(productIds.values());
        metrics.adjustLockWait(Duration.ofNanos(System.nanoTime() - lockStarted));
        // 3. each change in input order, on top of the previous one for the same product
        List<Result> results = new ArrayList<>();
        Map<Long, StockItem> changed = new LinkedHashMap<>();
        for (Adjustment a : adjustments) {
            if (a.reference != null && !claimed.contains(a.reference)) {
                AdjustmentReferences.Applied before = repeated.get(a.reference);
                results.add(before != null
                        ? new Result(a.sku, "duplicate", before.oldQty(), before.newQty())
                        : new Result(a.sku, "duplicate", null, null)); // the same reference twice in one batch
                continue;
            }
            Long productId = productIds.get(a.sku);
            Result result;
            if (productId == null) {
                result = new Result(a.sku, "not_found", null, null);
            } else {
                StockItem before = items.get(productId);
                StockItem after = stock.add(before, a.delta, config);
                items.put(productId, after);
                boolean moved = after.qty().compareTo(before.qty()) != 0;
                if (after != before) {
                    changed.put(productId, after);
                }
                result = new Result(a.sku, moved ? "success" : "no_change", before.qty(), after.qty());
            }
            if (a.reference != null) {
                references.record(a.reference, productId, result.status, result.oldQty, result.newQty);
                claimed.remove(a.reference); // a second entry with the same reference is a duplicate
            }
            results.add(result);
        }
        stock.refreshStatus(changed.values(), config);
        return results;
    }

    private BigDecimal toDecimal(Object value, String what) {
        if (!PhpValues.isNumeric(value)) {
            throw invalid(what + " must be a number, got " + (value == null ? "nothing" : "'" + value + "'"));
        }
        return value instanceof Double d ? BigDecimal.valueOf(d) : new BigDecimal(value.toString().strip());
    }

    private SoapFault invalid(String message) {
        return catalog.fault("invalid_request_param", "Invalid argument: " + message);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
