package com.shipstream.openmage.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipstream.openmage.auth.ApiAccounts;
import com.shipstream.openmage.auth.ApiKeyHash;
import com.shipstream.openmage.embedded.EmbeddedMariaDb;
import com.shipstream.openmage.magento.MagentoProperties;
import com.shipstream.openmage.support.RawSoap;
import com.shipstream.openmage.support.ShipStreamStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Parts failing under a running service, in its own context (the last step stops its database):
 * a route file saved with a mistake while reload is on, ShipStream unreachable, the capture route
 * stopped, the database gone. Each shows in health as the operator needs it, and the rest keeps
 * working as long as it can.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "shipstream.embedded-db.data-dir=target/test-store-failing", "shipstream.cdc.data-dir=target/test-store-failing/cdc",
        "shipstream.cdc.topic-prefix=failing-test", "shipstream.routes.reload=true",
        "camel.main.routes-include-pattern=file:target/failing-routes/*.camel.yaml,classpath:test-routes/*.camel.yaml",
        "camel.main.routes-reload-directory=target/failing-routes", "spring.datasource.hikari.connection-timeout=2000"})
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailingPartsTest {
    private static final Path ROUTES = Path.of("target/failing-routes");
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // a copy of routes/ that the test may break
        try {
            Files.createDirectories(ROUTES);
            try (Stream<Path> old = Files.list(ROUTES)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
            try (Stream<Path> files = Files.list(Path.of("routes"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, ROUTES.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MagentoProperties magento;
    @Autowired
    ApiAccounts accounts;
    @Autowired
    EmbeddedMariaDb database;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString("operator:test-operator-secret".getBytes(StandardCharsets.UTF_8)))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode health(String part) throws IOException {
        return JSON.readTree(get("/actuator/health").body()).get("components").get(part);
    }

    private String soapUrl() {
        return "http://127.0.0.1:" + port + "/api/soap/";
    }

    private String session() {
        String name = "failing" + System.nanoTime() % 100000;
        accounts.createUser(name, ApiKeyHash.create("Failing-Key-1"), true, accounts.createRole(name, ApiAccounts.SHIPSTREAM_RESOURCES));
        return new RawSoap(soapUrl()).sessionFor(name, "Failing-Key-1");
    }

    private static String probeRoute(String body) {
        return """
                - route:
                    id: reload-probe
                    from:
                      uri: direct:reload-probe
                      steps:
                        - setBody:
                            constant: "%s"
                """.formatted(body);
    }

    @Test
    @Order(1)
    void aRouteFileSavedWithAMistakeLeavesTheRunningRoutesAsTheyWere() throws IOException {
        Path probe = ROUTES.resolve("probe.camel.yaml");
        Files.writeString(probe, probeRoute("v1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> camel.getRoute("reload-probe") != null);
        assertThat(producer.requestBody("direct:reload-probe", "", String.class)).isEqualTo("v1");
        Files.writeString(probe, probeRoute("v2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "v2".equals(producer.requestBody("direct:reload-probe", "", String.class)));

        // a misspelt step in the probe file, and a broken copy of the file that holds shipstream.info
        Files.writeString(probe, probeRoute("v3").replace("setBody:", "setBdoy:"));
        Path shipstream = ROUTES.resolve("shipstream.camel.yaml");
        Files.writeString(shipstream, Files.readString(shipstream).replace("- route:", "- route:\n    idd: oops"));
        await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertThat(producer.requestBody("direct:reload-probe", "", String.class)).isEqualTo("v2");
        String info = new RawSoap(soapUrl()).post(RawSoap.call(session(), "shipstream.info", "")).body();
        assertThat(RawSoap.faultCode(info)).as(info).isNull();
        assertThat(camel.getRoute("shipstream.info")).isNotNull();
    }

    @Test
    @Order(2)
    void shipStreamUnreachableShowsInTheSyncAndShipStreamParts() throws IOException {
        ShipStreamStub stub = new ShipStreamStub();
        stub.registerIn(jdbc, magento);
        stub.close();
        String answer = new RawSoap(soapUrl()).post(RawSoap.call(session(), "shipstream.sync_inventory", "")).body();
        assertThat(answer).contains("inventoryWithLock");
        assertThat(health("inventorySync").get("status").asText()).isEqualTo("WARN");
        assertThat(health("inventorySync").get("details").get("lastRunMessage").asText()).contains("inventoryWithLock");
        assertThat(health("shipstream").get("status").asText()).isEqualTo("WARN");
        assertThat(health("shipstream").get("details").get("lastCall").asText()).isEqualTo("inventoryWithLock");
        HttpResponse<String> overall = get("/actuator/health");
        assertThat(overall.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(overall.body()).get("status").asText()).isEqualTo("WARN");
        ShipStreamStub.unregisterFrom(jdbc, magento);
    }

    @Test
    @Order(3)
    void aStoppedCaptureIsDownButTheServiceStaysReady() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> "UP".equals(health("cdc").get("status").asText()));
        camel.getRouteController().stopRoute("order-sync-capture");
        JsonNode cdc = health("cdc");
        assertThat(cdc.get("status").asText()).isEqualTo("DOWN");
        assertThat(cdc.get("details").get("route").asText()).isEqualTo("Stopped");
        assertThat(get("/actuator/health").statusCode()).isEqualTo(503);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void aLostDatabaseMakesTheServiceNotReadyButAlive() throws Exception {
        database.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health/readiness").statusCode() == 503);
        String overall = get("/actuator/health").body();
        assertThat(JSON.readTree(overall).path("components").path("db").path("status").asText()).as(overall).isEqualTo("DOWN");
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        // a SOAP call now is a fault, not a hang
        HttpResponse<String> call = http.send(HttpRequest.newBuilder(URI.create(soapUrl())).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(RawSoap.login("nobody", "x"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(RawSoap.faultCode(call.body())).isNotNull();
        assertThat(List.of(500)).contains(call.statusCode());
    }
}
