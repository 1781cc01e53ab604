package com.shipstream.openmage.inventory;

import com.shipstream.openmage.magento.MagentoProperties;
import java.math.BigDecimal;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The references of applied adjustments ({@code shipstream_stock_adjustment}), so that a retried
 * webhook changes nothing. A reference is claimed with {@code INSERT IGNORE} inside the adjusting
 * transaction: a concurrent claim of the same reference waits on the unique key until the first
 * transaction ends, then finds it taken (or takes it, if the first rolled back).
 */
@Component
public class AdjustmentReferences {
    private final JdbcClient jdbc;
    private final String table;

    public AdjustmentReferences(JdbcClient jdbc, MagentoProperties magento) {
        this.jdbc = jdbc;
        this.table = magento.table("shipstream_stock_adjustment");
    }

    /** What the first adjustment with a reference did. */
    public record Applied(String sku, String status, BigDecimal oldQty, BigDecimal newQty) {
    }

    /** True when this transaction now owns the reference; false when it was applied before. */
    public boolean claim(String reference, String sku, BigDecimal delta) {
        return jdbc.sql("INSERT IGNORE INTO " + table + " (reference, sku, delta, status) VALUES (:ref, :sku, :delta, 'pending')")
                .param("ref", reference).param("sku", sku).param("delta", delta).update() == 1;
    }

    /**
     * What was applied under a reference. A locking read: this transaction's snapshot may predate the
     * commit of the transaction that claimed the reference, and a plain read would not see it. A shared
     * lock, because the other waiters on the same reference hold one too (an exclusive one would deadlock).
     */
    public Optional<Applied> applied(String reference) {
        return jdbc.sql("SELECT sku, status, old_qty, new_qty FROM " + table + " WHERE reference = :ref LOCK IN SHARE MODE")
                .param("ref", reference)
                .query((rs, n) -> new Applied(rs.getString("sku"), rs.getString("status"), rs.getBigDecimal("old_qty"),
                        rs.getBigDecimal("new_qty")))
                .optional();
    }

    public void record(String reference, Long productId, String status, BigDecimal oldQty, BigDecimal newQty) {
        jdbc.sql("UPDATE " + table + " SET product_id = :productId, status = :status, old_qty = :oldQty, new_qty = :newQty"
                        + " WHERE reference = :ref")
                .param("productId", productId).param("status", status).param("oldQty", oldQty).param("newQty", newQty)
                .param("ref", reference).update();
    }
}
