package com.shipstream.openmage.magento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shipstream.openmage.ordersync.CaptureSource;
import com.shipstream.openmage.support.ServiceTest;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The checks that turn a misconfigured store into a clear message: the table prefix and the binlog settings. */
class StoreCheckTest extends ServiceTest {
    @Autowired
    DataSource dataSource;

    @Test
    void aWrongTablePrefixNamesThePrefixTheStoreUses() {
        StoreCheck.verify(jdbc, magento);
        assertThatThrownBy(() -> StoreCheck.verify(jdbc, new MagentoProperties("mage_", null, null, null, null, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mage_core_config_data").hasMessageContaining("magento.table-prefix='mage_'")
                .hasMessageContaining("Tables found: [core_config_data]");
    }

    @Test
    void binlogSettingsThatCaptureCannotUseAreNamed() throws Exception {
        assertThat(CaptureSource.binlogProblemsOf(jdbc)).isEmpty();
        try (Connection connection = dataSource.getConnection()) {
            JdbcClient session = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            session.sql("SET SESSION binlog_format = 'STATEMENT'").update();
            session.sql("SET SESSION binlog_row_image = 'MINIMAL'").update();
            try {
                assertThat(CaptureSource.binlogProblemsOf(session))
                        .containsExactly("binlog_format is STATEMENT, not ROW", "binlog_row_image is MINIMAL, not FULL");
            } finally {
                session.sql("SET SESSION binlog_format = 'ROW'").update();
                session.sql("SET SESSION binlog_row_image = 'FULL'").update();
            }
        }
    }
}
