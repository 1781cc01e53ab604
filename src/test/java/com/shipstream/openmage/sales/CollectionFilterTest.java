package com.shipstream.openmage.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shipstream.openmage.api.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Magento collection filters to SQL: every operator, values only as parameters, unknown names refused. */
class CollectionFilterTest {
    private static final Set<String> COLUMNS = Set.of("status", "updated_at", "entity_id", "increment_id", "customer_email");

    private static CollectionFilter.Where where(Object filters) {
        return CollectionFilter.of(filters, "t", COLUMNS::contains, Map.of("order_id", "entity_id"));
    }

    @Test
    void operatorsBecomeSqlWithBoundValues() {
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("updated_at", Map.of("from", "2025-01-02 03:04:05", "to", "2025-01-03T00:00:00+02:00"));
        filters.put("status", Map.of("in", List.of("submitted", "ready_to_ship")));
        filters.put("order_id", Map.of("gteq", 5));
        CollectionFilter.Where where = where(filters);
        assertThat(where.sql()).isEqualTo("(t.`updated_at` >= :f0 AND t.`updated_at` <= :f1) AND (t.`status` IN (:f2))"
                + " AND (t.`entity_id` >= :f3)");
        // ISO-8601 with an offset (ShipStream's paging) is read as Magento's UTC text
        assertThat(where.params()).containsEntry("f0", "2025-01-02 03:04:05").containsEntry("f1", "2025-01-02 22:00:00")
                .containsEntry("f2", List.of("submitted", "ready_to_ship")).containsEntry("f3", 5);
    }

    @Test
    void everyOperatorOfMagentosAdapter() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("eq", "t.`status` = :f0");
        expected.put("neq", "t.`status` != :f0");
        expected.put("like", "t.`status` LIKE :f0");
        expected.put("nlike", "t.`status` NOT LIKE :f0");
        expected.put("nin", "t.`status` NOT IN (:f0)");
        expected.put("gt", "t.`status` > :f0");
        expected.put("lt", "t.`status` < :f0");
        expected.put("lteq", "t.`status` <= :f0");
        expected.put("finset", "FIND_IN_SET(:f0, t.`status`)");
        expected.put("regexp", "t.`status` REGEXP :f0");
        expected.put("seq", "t.`status` = :f0");
        expected.put("sneq", "t.`status` != :f0");
        expected.forEach((op, sql) -> assertThat(where(Map.of("status", Map.of(op, "x"))).sql()).as(op).isEqualTo("(" + sql + ")"));
        assertThat(where(Map.of("status", Map.of("null", true))).sql()).isEqualTo("(t.`status` IS NULL)");
        assertThat(where(Map.of("status", Map.of("notnull", true))).sql()).isEqualTo("(t.`status` IS NOT NULL)");
        assertThat(where(Map.of("status", Map.of("is", "NOT NULL"))).sql()).isEqualTo("(t.`status` IS NOT NULL)");
        assertThat(where(Map.of("status", Map.of("seq", ""))).sql()).isEqualTo("(t.`status` IS NULL)");
        assertThat(where(Map.of("status", "pending")).sql()).isEqualTo("(t.`status` = :f0)");
        assertThat(where(null).sql()).isEqualTo("1 = 1");
    }

    @Test
    void listsOfConditionsAreOred() {
        CollectionFilter.Where where = where(Map.of("status", List.of(Map.of("eq", "a"), Map.of("like", "b%"))));
        assertThat(where.sql()).isEqualTo("((t.`status` = :f0) OR (t.`status` LIKE :f1))");
    }

    @Test
    void unknownFieldsOperatorsAndHostileNamesAreRefused() {
        assertThatThrownBy(() -> where(Map.of("password_hash", "x"))).isInstanceOf(ApiException.class)
                .hasMessageContaining("filters_invalid").hasMessageContaining("password_hash");
        assertThatThrownBy(() -> where(Map.of("status`) OR 1=1 -- ", "x"))).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> where(Map.of("status", Map.of("after", "x")))).isInstanceOf(ApiException.class)
                .hasMessageContaining("after");
        assertThatThrownBy(() -> where(Map.of("updated_at", Map.of("from", "2025-13-45T99:00:00+00:00"))))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> where("status = 1")).isInstanceOf(ApiException.class);
    }
}
