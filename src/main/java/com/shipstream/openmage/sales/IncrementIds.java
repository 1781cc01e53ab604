package com.shipstream.openmage.sales;

import com.shipstream.openmage.magento.MagentoProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * Magento's increment ids ({@code Mage_Eav_Model_Entity_Type::fetchNewIncrementId} with the numeric
 * increment model): per entity type and, when the type says so, per store; the last id is kept in
 * {@code eav_entity_store}, whose row is locked (by primary key) for the rest of the caller's transaction. The next id
 * is the prefix (the store id for a new row) and the number after the last one, left-padded.
 */
@Component
public class IncrementIds {
    private record EntityType(long id, boolean perStore, int padLength, String padChar) {
    }

    private final JdbcClient jdbc;
    private final MagentoProperties magento;

    public IncrementIds(JdbcClient jdbc, MagentoProperties magento) {
        this.jdbc = jdbc;
        this.magento = magento;
    }

    /** The next increment id of {@code entityTypeCode} (e.g. {@code shipment}) for a store; call inside a transaction. */
    public String next(String entityTypeCode, long storeId) {
        EntityType type = jdbc.sql("SELECT entity_type_id, increment_per_store, increment_pad_length, increment_pad_char FROM "
                        + magento.table("eav_entity_type") + " WHERE entity_type_code = :code")
                .param("code", entityTypeCode)
                .query((rs, n) -> new EntityType(rs.getLong(1), rs.getInt(2) == 1, rs.getInt(3), rs.getString(4)))
                .optional().orElseThrow(() -> new IllegalStateException("No EAV entity type " + entityTypeCode));
        long store = type.perStore ? storeId : 0;
        Long rowId = findRow(type.id, store, "");
        if (rowId == null) {
            // No sequence for this store yet (or not in this transaction's snapshot). Creators queue on
            // the entity type's row first: eav_entity_store has no unique key, and two creators holding
            // gap locks there would deadlock on their inserts.
            jdbc.sql("SELECT entity_type_id FROM " + magento.table("eav_entity_type") + " WHERE entity_type_id = :id FOR UPDATE")
                    .param("id", type.id).query(Long.class).single();
            rowId = findRow(type.id, store, " FOR UPDATE");
            if (rowId == null) {
                GeneratedKeyHolder key = new GeneratedKeyHolder();
                jdbc.sql("INSERT INTO " + magento.table("eav_entity_store")
                                + " (entity_type_id, store_id, increment_prefix, increment_last_id) VALUES (:type, :store, :prefix, NULL)")
                        .param("type", type.id).param("store", store).param("prefix", String.valueOf(store)).update(key);
                rowId = key.getKey().longValue();
            }
        }
        // the sequence row itself, locked by primary key: a record lock, no gap
        String[] row = jdbc.sql("SELECT entity_store_id, increment_prefix, increment_last_id FROM " + magento.table("eav_entity_store")
                        + " WHERE entity_store_id = :id FOR UPDATE")
                .param("id", rowId)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).single();
        String prefix = row[1] == null ? "" : row[1];
        String last = row[2];
        long lastNumber = 0;
        if (last != null && !last.isEmpty()) {
            String digits = last.startsWith(prefix) ? last.substring(prefix.length()) : last;
            lastNumber = parseLeadingInt(digits);
        }
        String padded = String.valueOf(lastNumber + 1);
        int padLength = type.padLength > 0 ? type.padLength : 8;
        String padChar = type.padChar == null || type.padChar.isEmpty() ? "0" : type.padChar;
        if (padded.length() < padLength) {
            padded = padChar.repeat(padLength - padded.length()).substring(0, padLength - padded.length()) + padded;
        }
        String next = prefix + padded;
        jdbc.sql("UPDATE " + magento.table("eav_entity_store") + " SET increment_last_id = :last WHERE entity_store_id = :id")
                .param("last", next).param("id", Long.parseLong(row[0])).update();
        return next;
    }

    private Long findRow(long typeId, long store, String lock) {
        return jdbc.sql("SELECT entity_store_id FROM " + magento.table("eav_entity_store")
                        + " WHERE entity_type_id = :type AND store_id = :store ORDER BY entity_store_id LIMIT 1" + lock)
                .param("type", typeId).param("store", store).query(Long.class).optional().orElse(null);
    }

    /** PHP's {@code (int)} of a string: the leading digits, 0 when there are none. */
    private static long parseLeadingInt(String text) {
        int end = 0;
        while (end < text.length() && end < 18 && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Long.parseLong(text.substring(0, end));
    }
}
