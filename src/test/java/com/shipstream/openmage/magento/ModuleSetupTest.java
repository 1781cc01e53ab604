package com.shipstream.openmage.magento;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipstream.openmage.support.ServiceTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ModuleSetupTest extends ServiceTest {
    @Autowired
    ModuleSetup setup;

    @Test
    void theThreeStatusesBelongToProcessingAsNonDefault() {
        List<Map<String, Object>> rows = jdbc.sql("SELECT s.status, s.label, t.state, t.is_default FROM " + magento.table("sales_order_status")
                + " s JOIN " + magento.table("sales_order_status_state") + " t ON t.status = s.status"
                + " WHERE s.status IN ('ready_to_ship', 'failed_to_submit', 'submitted') ORDER BY s.status").query().listOfRows();

        assertThat(rows).extracting(r -> r.get("status") + "/" + r.get("label") + "/" + r.get("state") + "/" + r.get("is_default"))
                .containsExactly("failed_to_submit/Failed to Submit/processing/0", "ready_to_ship/Ready to Ship/processing/0",
                        "submitted/Submitted/processing/0");
        // processing's own default is untouched
        assertThat(jdbc.sql("SELECT status FROM " + magento.table("sales_order_status_state")
                + " WHERE state = 'processing' AND is_default = 1").query(String.class).list()).containsExactly("processing");
        assertThat(jdbc.sql("SELECT version FROM " + magento.table("core_resource") + " WHERE code = 'shipstream_setup'")
                .query(String.class).single()).isEqualTo("1.0");
    }

    @Test
    void runningAgainKeepsARenamedLabelAndAddsNothing() {
        jdbc.sql("UPDATE " + magento.table("sales_order_status") + " SET label = 'Bereit zum Versand' WHERE status = 'ready_to_ship'").update();
        int statuses = count("sales_order_status");
        int states = count("sales_order_status_state");
        try {
            setup.afterPropertiesSet();

            assertThat(jdbc.sql("SELECT label FROM " + magento.table("sales_order_status") + " WHERE status = 'ready_to_ship'")
                    .query(String.class).single()).isEqualTo("Bereit zum Versand");
            assertThat(count("sales_order_status")).isEqualTo(statuses);
            assertThat(count("sales_order_status_state")).isEqualTo(states);
        } finally {
            jdbc.sql("UPDATE " + magento.table("sales_order_status") + " SET label = 'Ready to Ship' WHERE status = 'ready_to_ship'").update();
        }
    }

    @Test
    void aMissingStatusIsRecreated() {
        jdbc.sql("DELETE FROM " + magento.table("sales_order_status") + " WHERE status = 'failed_to_submit'").update();

        setup.afterPropertiesSet();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM " + magento.table("sales_order_status_state")
                + " WHERE status = 'failed_to_submit' AND state = 'processing' AND is_default = 0").query(Integer.class).single()).isEqualTo(1);
    }

    private int count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + magento.table(table)).query(Integer.class).single();
    }
}
