package com.shipstream.openmage.magento;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the extension's install script put into the store, made true on every start: the three
 * order statuses, assigned to state {@code processing} as non-default statuses, and the module's
 * {@code core_resource} row. Existing rows are left as they are (a merchant may have renamed a
 * label), so running it again changes nothing. It runs while the context is built, before any
 * route or the HTTP endpoint starts.
 */
@Component
public class ModuleSetup implements InitializingBean {
    private static final Logger log = LoggerFactory.getLogger(ModuleSetup.class);

    /** status code → default label. */
    static final String[][] STATUSES = {
            {"ready_to_ship", "Ready to Ship"},
            {"failed_to_submit", "Failed to Submit"},
            {"submitted", "Submitted"},
    };

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final MagentoProperties magento;

    public ModuleSetup(JdbcClient jdbc, TransactionTemplate tx, MagentoProperties magento) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.magento = magento;
    }

    @Override
    public void afterPropertiesSet() {
        tx.executeWithoutResult(status -> {
            int added = 0;
            for (String[] s : STATUSES) {
                added += jdbc.sql("INSERT IGNORE INTO " + magento.table("sales_order_status") + " (status, label) VALUES (:status, :label)")
                        .param("status", s[0]).param("label", s[1]).update();
                jdbc.sql("INSERT IGNORE INTO " + magento.table("sales_order_status_state")
                                + " (status, state, is_default) VALUES (:status, 'processing', 0)")
                        .param("status", s[0]).update();
            }
            jdbc.sql("INSERT IGNORE INTO " + magento.table("core_resource")
                    + " (code, version, data_version) VALUES ('shipstream_setup', '1.0', '1.0')").update();
            log.info("Order statuses ready_to_ship, failed_to_submit, submitted present ({} added)", added);
        });
    }
}
