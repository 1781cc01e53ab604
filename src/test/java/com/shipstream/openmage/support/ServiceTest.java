package com.shipstream.openmage.support;

import com.shipstream.openmage.auth.ApiAccounts;
import com.shipstream.openmage.auth.SessionActivity;
import com.shipstream.openmage.magento.MagentoProperties;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the tests that run the whole service: the real embedded MariaDB holding the Magento
 * schema, the real routes from {@code routes/}, and the HTTP endpoint on a random port. Every such
 * test shares one application context (and so one database), so each test makes its own users.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class ServiceTest {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected ApiAccounts accounts;
    @Autowired
    protected MagentoProperties magento;
    @Autowired
    protected SessionActivity sessionActivity;

    protected String soapUrl() {
        return "http://127.0.0.1:" + port + "/api/soap/";
    }

    protected String wsdlUrl() {
        return soapUrl() + "?wsdl=1";
    }

    protected PhpSoapClient php() {
        return PhpSoapClient.forWsdl(wsdlUrl());
    }

    /** A new, unique user name. */
    protected static String uniqueName(String base) {
        return base + "_" + SEQUENCE.incrementAndGet() + "_" + System.nanoTime() % 100000;
    }

    /** An active API user with the ShipStream role; returns its user name (the key is {@link #KEY}). */
    protected String shipstreamUser() {
        String name = uniqueName("ss");
        long role = accounts.createRole(uniqueName("role"), ApiAccounts.SHIPSTREAM_RESOURCES);
        accounts.createUser(name, com.shipstream.openmage.auth.ApiKeyHash.create(KEY), true, role);
        return name;
    }

    protected String userWithResources(List<String> allowed) {
        String name = uniqueName("user");
        long role = accounts.createRole(uniqueName("role"), allowed);
        accounts.createUser(name, com.shipstream.openmage.auth.ApiKeyHash.create(KEY), true, role);
        return name;
    }

    protected long userId(String username) {
        return jdbc.sql("SELECT user_id FROM " + magento.table("api_user") + " WHERE username = :u").param("u", username)
                .query(Long.class).single();
    }

    /** The user's lognum once the pending per-call activity is written. */
    protected long lognum(String username) {
        sessionActivity.flush();
        return jdbc.sql("SELECT lognum FROM " + magento.table("api_user") + " WHERE username = :u").param("u", username)
                .query(Long.class).single();
    }

    protected int sessionRows(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM " + magento.table("api_session") + " s JOIN " + magento.table("api_user")
                + " u ON u.user_id = s.user_id WHERE u.username = :u").param("u", username).query(Integer.class).single();
    }

    /** The stored flag_data of {@code ShipStream_Sync/<path>}, or null. */
    protected String flagData(String path) {
        return jdbc.sql("SELECT flag_data FROM " + magento.table("core_flag") + " WHERE flag_code = :c ORDER BY flag_id LIMIT 1")
                .param("c", "ShipStream_Sync/" + path).query(String.class).optional().orElse(null);
    }

    protected int flagRows(String path) {
        return jdbc.sql("SELECT COUNT(*) FROM " + magento.table("core_flag") + " WHERE flag_code = :c")
                .param("c", "ShipStream_Sync/" + path).query(Integer.class).single();
    }

    protected static final String KEY = "Secret-Key-123";
}
