package com.shipstream.openmage.magento;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipstream.openmage.auth.ApiAccounts;
import com.shipstream.openmage.auth.ApiKeyHash;
import com.shipstream.openmage.auth.SessionActivity;
import com.shipstream.openmage.support.PhpSoapClient;
import com.shipstream.openmage.support.PhpSoapClient.Result;
import com.shipstream.openmage.support.RawSoap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * A store installed with a table prefix ({@code mage_}): its own embedded database in which every
 * Magento table carries the prefix and no unprefixed table exists, so any statement of ours that
 * forgot the prefix fails here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"magento.table-prefix=mage_", "shipstream.embedded-db.data-dir=target/test-store-prefixed",
                "shipstream.cdc.data-dir=target/test-store-prefixed/cdc", "shipstream.cdc.topic-prefix=prefix-test"})
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TablePrefixTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApiAccounts accounts;
    @Autowired
    SessionActivity sessionActivity;

    @Test
    void everyStatementUsesThePrefixedTables() {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME NOT LIKE 'mage\\_%'").query(Integer.class).single()).isZero();
        long role = accounts.createRole("prefixed", ApiAccounts.SHIPSTREAM_RESOURCES);
        accounts.createUser("prefixed", ApiKeyHash.create("Prefix-Key-1"), true, role);
        String soapUrl = "http://127.0.0.1:" + port + "/api/soap/";

        String session = new RawSoap(soapUrl).sessionFor("prefixed", "Prefix-Key-1");
        String info = new RawSoap(soapUrl).post(RawSoap.call(session, "shipstream.info", "")).body();
        String set = new RawSoap(soapUrl).post(RawSoap.call(session, "shipstream.set_config",
                RawSoap.stringArgs("warehouse_api_url", "https://wh.example.com/?m={{method}}"))).body();

        assertThat(info).contains("magento_edition");
        assertThat(set).contains("<callReturn xsi:type=\"xsd:boolean\">true</callReturn>");
        assertThat(jdbc.sql("SELECT flag_data FROM mage_core_flag WHERE flag_code = 'ShipStream_Sync/warehouse_api_url'")
                .query(String.class).single()).isEqualTo("s:36:\"https://wh.example.com/?m={{method}}\";");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mage_sales_order_status WHERE status IN ('ready_to_ship', 'failed_to_submit', 'submitted')")
                .query(Integer.class).single()).isEqualTo(3);
        sessionActivity.flush();
        assertThat(jdbc.sql("SELECT lognum FROM mage_api_user WHERE username = 'prefixed'").query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void theDemoUserOfThePrefixedStoreWorksThroughPhp() {
        long role = accounts.createRole("prefixed-php", List.of("all"));
        accounts.createUser("prefixed_php", ApiKeyHash.create("Prefix-Key-2"), true, role);

        List<Result> results = PhpSoapClient.forWsdl("http://127.0.0.1:" + port + "/api/soap/?wsdl=1").login("prefixed_php", "Prefix-Key-2")
                .call("shipstream.info", List.of()).op("resources").op("endSession").run();

        assertThat(results).noneMatch(Result::isFault);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mage_api_session s JOIN mage_api_user u ON u.user_id = s.user_id"
                + " WHERE u.username = 'prefixed_php'").query(Integer.class).single()).isZero();
    }
}
