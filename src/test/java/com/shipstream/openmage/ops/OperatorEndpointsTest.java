package com.shipstream.openmage.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipstream.openmage.support.RawSoap;
import com.shipstream.openmage.support.ServiceTest;
import com.shipstream.openmage.support.TestCatalog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * What an operator meets: Hawtio, Jolokia and every actuator endpoint but health behind the
 * operator's login (never an MBean operation without it), health with its own parts, and the
 * Prometheus metrics after some traffic.
 */
class OperatorEndpointsTest extends ServiceTest {
    private static final String OPERATOR = "operator:test-operator-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String credentials) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String credentials) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json");
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutTheOperatorsLoginOnlyHealthAnswers() throws Exception {
        // a Jolokia operation that would stop the SOAP route if it ever ran
        String stopRoute = "{\"type\":\"exec\",\"mbean\":\"org.apache.camel:context=shipstream,type=routes,name=\\\"soap-api\\\"\","
                + "\"operation\":\"stop()\"}";
        for (String credentials : new String[] {null, "operator:wrong", "shipstream:" + KEY}) {
            for (String path : new String[] {"/actuator/hawtio/", "/actuator/jolokia/version", "/actuator/prometheus",
                    "/actuator/metrics", "/actuator/jolokia/exec/org.apache.camel:context=shipstream,type=routes,name=%22soap-api%22/stop()"}) {
                assertThat(get(path, credentials).statusCode()).as(path + " with " + credentials).isEqualTo(401);
            }
            assertThat(post("/actuator/jolokia", stopRoute, credentials).statusCode()).isEqualTo(401);
        }
        assertThat(RawSoap.faultCode(new RawSoap(soapUrl()).post(RawSoap.call(new RawSoap(soapUrl()).sessionFor(shipstreamUser(), KEY),
                "shipstream.info", "")).body())).as("the SOAP route still runs").isNull();

        HttpResponse<String> health = get("/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode status = JSON.readTree(health.body());
        assertThat(status.has("components")).as("no details without login").isFalse();
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theOperatorSeesHawtioJolokiaAndEveryHealthPart() throws Exception {
        HttpResponse<String> hawtio = get("/actuator/hawtio/", OPERATOR);
        assertThat(hawtio.statusCode()).isEqualTo(200);
        assertThat(hawtio.body()).containsIgnoringCase("hawtio");

        HttpResponse<String> routes = get("/actuator/jolokia/search/org.apache.camel:type=routes,*", OPERATOR);
        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(routes.body()).contains("soap-api").contains("shipstream_order_shipment.createWithTracking").contains("order-sync-capture");
        HttpResponse<String> exchanges = get("/actuator/jolokia/read/org.apache.camel:context=shipstream,type=routes,name=%22soap-api%22/ExchangesTotal",
                OPERATOR);
        assertThat(JSON.readTree(exchanges.body()).get("status").asInt()).isEqualTo(200);

        // what Hawtio's route diagram reads
        HttpResponse<String> diagram = post("/actuator/jolokia", "{\"type\":\"exec\",\"mbean\":"
                + "\"org.apache.camel:context=shipstream,type=context,name=\\\"shipstream\\\"\",\"operation\":\"dumpRoutesAsXml()\"}", OPERATOR);
        JsonNode dumped = JSON.readTree(diagram.body());
        assertThat(dumped.get("status").asInt()).as(diagram.body()).isEqualTo(200);
        assertThat(dumped.get("value").asText()).contains("id=\"soap-api\"").contains("id=\"order-sync-capture\"");

        JsonNode health = JSON.readTree(get("/actuator/health", OPERATOR).body());
        JsonNode parts = health.get("components");
        assertThat(parts.get("db").get("status").asText()).isEqualTo("UP");
        assertThat(parts.get("cdc").get("status").asText()).isEqualTo("UP");
        assertThat(parts.get("cdc").get("details").get("streaming").asBoolean()).isTrue();
        assertThat(parts.get("cdc").get("details").has("millisBehindBinlog")).isTrue();
        assertThat(parts.get("orderSyncOutbox").get("details").has("pending")).isTrue();
        assertThat(parts.get("orderSyncOutbox").get("details").has("failed")).isTrue();
        assertThat(parts.get("inventorySync").get("details").get("schedule").asText()).isEqualTo("0 0 * * * ?");
        assertThat(parts.get("scheduler").get("status").asText()).isEqualTo("UP");
        assertThat(parts.has("shipstream")).isTrue();
    }

    @Test
    void prometheusHasRouteAndDomainMetricsAfterTraffic() throws Exception {
        String user = shipstreamUser();
        RawSoap soap = new RawSoap(soapUrl());
        String session = soap.sessionFor(user, KEY);
        soap.post(RawSoap.call(session, "shipstream.info", ""));
        soap.post(RawSoap.call(session, "shipstream_stock_item.adjust", RawSoap.args("NO-SUCH-SKU-" + System.nanoTime(), 1.0)));
        String sku = TestCatalog.sku("PROM");
        new TestCatalog(jdbc, magento).product(sku, 10);
        soap.post(RawSoap.call(session, "shipstream_stock_item.adjust", RawSoap.args(sku, 1.0)));
        soap.post(RawSoap.login(user, "wrong-key"));

        String metrics = get("/actuator/prometheus", OPERATOR).body();
        assertThat(metrics)
                .contains("shipstream_api_calls_total{fault=\"none\",method=\"shipstream.info\"")
                .contains("shipstream_api_calls_total{fault=\"102\",method=\"shipstream_stock_item.adjust\"")
                .contains("shipstream_api_login_failures_total{reason=\"key\"")
                .contains("shipstream_adjust_lock_wait_seconds_count")
                .contains("shipstream_inventory_sync_duration_seconds")
                .contains("shipstream_inventory_sync_skus_total{result=\"updated\"")
                .contains("shipstream_inventory_sync_running")
                .contains("shipstream_inventory_sync_chunks_done")
                .contains("shipstream_cdc_lag_seconds")
                .contains("shipstream_callback_deliveries_total{result=\"retry\"")
                .contains("shipstream_shipment_emails_total{result=\"failed\"");
        // Camel's route metrics: every API method's route (the front route is left out: it would
        // count every call a second time)
        assertThat(metrics).containsPattern("camel_exchanges_total\\{[^}]*routeId=\"shipstream.info\"")
                .containsPattern("camel_exchanges_total\\{[^}]*routeId=\"shipstream_stock_item.adjust\"");
    }
}
