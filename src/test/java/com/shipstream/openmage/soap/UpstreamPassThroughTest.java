package com.shipstream.openmage.soap;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipstream.openmage.auth.ApiAccounts;
import com.shipstream.openmage.auth.ApiKeyHash;
import com.shipstream.openmage.support.PhpSoapClient;
import com.shipstream.openmage.support.PhpSoapClient.Result;
import com.shipstream.openmage.support.RawSoap;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * API paths this service does not serve, forwarded to the store's own SOAP endpoint (a stub store
 * on loopback): the same request goes there and its answer comes back byte for byte; a store that
 * does not answer in time is a clear fault. Its own context, since the upstream is configuration.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"shipstream.embedded-db.data-dir=target/test-store-upstream", "shipstream.cdc.enabled=false",
                "shipstream.cdc.topic-prefix=upstream-test", "magento.upstream-timeout=1s"})
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class UpstreamPassThroughTest {
    private static final String ANSWER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SOAP-ENV:Envelope"
            + " xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"urn:Magento\""
            + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
            + " xmlns:SOAP-ENC=\"http://schemas.xmlsoap.org/soap/encoding/\" SOAP-ENV:encodingStyle="
            + "\"http://schemas.xmlsoap.org/soap/encoding/\"><SOAP-ENV:Body><ns1:callResponse>"
            + "<callReturn xsi:type=\"xsd:string\">from the store</callReturn></ns1:callResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>\n";
    private static final String FAULT = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SOAP-ENV:Envelope"
            + " xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\"><SOAP-ENV:Body><SOAP-ENV:Fault>"
            + "<faultcode>101</faultcode><faultstring>Product not exists.</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>\n";
    private static final HttpServer STORE;
    private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    private static final List<String> SOAP_ACTIONS = new CopyOnWriteArrayList<>();
    private static final AtomicLong DELAY_MILLIS = new AtomicLong();

    static {
        try {
            STORE = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        STORE.setExecutor(Executors.newCachedThreadPool());
        STORE.createContext("/index.php/api/soap/", exchange -> {
            RECEIVED.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            SOAP_ACTIONS.add(exchange.getRequestHeaders().getFirst("SOAPAction"));
            try {
                Thread.sleep(DELAY_MILLIS.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            boolean fault = RECEIVED.get(RECEIVED.size() - 1).contains("catalog_product.missing");
            byte[] body = (fault ? FAULT : ANSWER).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=UTF-8");
            exchange.getResponseHeaders().set("X-Store", "magento");
            exchange.sendResponseHeaders(fault ? 500 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        STORE.start();
    }

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("magento.upstream-url", () -> "http://127.0.0.1:" + STORE.getAddress().getPort() + "/index.php/api/soap/");
    }

    @AfterAll
    static void stopStore() {
        STORE.stop(0);
    }

    @LocalServerPort
    int port;
    @Autowired
    ApiAccounts accounts;

    private String soapUrl() {
        return "http://127.0.0.1:" + port + "/api/soap/";
    }

    private static final String KEY = "Upstream-Key-1";
    private static final AtomicInteger USERS = new AtomicInteger();

    /** A new API user allowed everything; its key is {@link #KEY}. */
    private String user() {
        String name = "upstream" + USERS.incrementAndGet();
        accounts.createUser(name, ApiKeyHash.create(KEY), true, accounts.createRole(name, List.of("all")));
        return name;
    }

    private String session() {
        return new RawSoap(soapUrl()).sessionFor(user(), KEY);
    }

    @BeforeEach
    void reset() {
        RECEIVED.clear();
        SOAP_ACTIONS.clear();
        DELAY_MILLIS.set(0);
    }

    @Test
    void aPathThisServiceDoesNotServeGoesToTheStoreAndItsAnswerComesBackUnchanged() {
        String session = session();
        String request = RawSoap.call(session, "catalog_product.info", RawSoap.args("SKU-1", Map.of("store", "default")));
        HttpResponse<String> response = new RawSoap(soapUrl()).post(request);
        assertThat(RECEIVED).containsExactly(request);
        assertThat(SOAP_ACTIONS).containsExactly("\"urn:Action\"");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(ANSWER);

        // a served path stays here; a bad session never leaves
        assertThat(RawSoap.faultCode(new RawSoap(soapUrl()).post(RawSoap.call(session, "shipstream.info", RawSoap.args())).body()))
                .isNull();
        String expired = new RawSoap(soapUrl()).post(RawSoap.call("0123456789abcdef0123456789abcdef", "catalog_product.info",
                RawSoap.args("SKU-1"))).body();
        assertThat(RawSoap.faultCode(expired)).isEqualTo("5");
        assertThat(RECEIVED).hasSize(1);
    }

    @Test
    void phpsSoapClientReadsTheStoresAnswer() {
        PhpSoapClient.requirePhp();
        List<Result> results = PhpSoapClient.forWsdl(soapUrl() + "?wsdl=1").login(user(), KEY)
                .call("customer.list", List.of()).run();
        assertThat(results.get(1).value().asText()).isEqualTo("from the store");
    }

    @Test
    void multiCallEntriesForUnservedPathsAreEachSentToTheStore() {
        PhpSoapClient.requirePhp();
        List<Result> results = PhpSoapClient.forWsdl(soapUrl() + "?wsdl=1").login(user(), KEY)
                .multiCall(List.of(List.of("shipstream.info", List.of()), List.of("customer.info", List.of(7)),
                        List.of("catalog_product.missing", List.of("SKU-X"))), null)
                .run();
        String session = results.get(0).value().asText();
        var entries = results.get(1).value();
        assertThat(entries.get(0).has("shipstream_sync_version")).isTrue();
        assertThat(entries.get(1).asText()).isEqualTo("from the store");
        assertThat(entries.get(2).get("isFault").asBoolean()).isTrue();
        assertThat(entries.get(2).get("faultCode").asText()).isEqualTo("101");
        assertThat(entries.get(2).get("faultMessage").asText()).isEqualTo("Product not exists.");
        // each forwarded entry is a call of its own on the caller's session
        assertThat(RECEIVED).hasSize(2);
        assertThat(RECEIVED.get(0)).contains(":call>").contains(session).contains(">customer.info<").contains(">7<");
    }

    @Test
    void aStoreThatDoesNotAnswerInTimeIsAClearFault() {
        DELAY_MILLIS.set(3000);
        String body = new RawSoap(soapUrl()).post(RawSoap.call(session(), "catalog_category.tree", RawSoap.args())).body();
        assertThat(RawSoap.faultCode(body)).isEqualTo("1");
        assertThat(RawSoap.faultString(body)).contains("catalog_category.tree").contains("did not answer within 1 s");
    }
}
