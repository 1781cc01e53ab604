package com.shipstream.openmage.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipstream.openmage.support.ServiceTest;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class InventoryScheduleTest extends ServiceTest {
    @Autowired
    CamelContext camel;
    @Autowired
    InventorySync inventorySync;

    @Test
    void theHourlyTriggerIsScheduled() throws Exception {
        assertThat(camel.getRouteController().getRouteStatus("inventory-sync-schedule")).isEqualTo(ServiceStatus.Started);
        QuartzEndpoint endpoint = (QuartzEndpoint) camel.getRoute("inventory-sync-schedule").getEndpoint();
        assertThat(endpoint.getCron()).isEqualTo("0 0 * * * ?");
        assertThat(endpoint.getTriggerKey().getName()).isEqualTo("inventory-sync");
    }

    @Test
    void theRandomDelayStaysWithinTheConfiguredMaximum() {
        for (int i = 0; i < 1000; i++) {
            assertThat(inventorySync.randomDelayMillis()).isBetween(0L, 60_000L);
        }
    }
}
