package com.shipstream.openmage.soap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipstream.openmage.auth.ApiKeyHash;
import com.shipstream.openmage.support.PhpSoapClient;
import com.shipstream.openmage.support.PhpSoapClient.Result;
import com.shipstream.openmage.support.ServiceTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The wire contract, driven by PHP's own SoapClient in WSDL mode with ShipStream's options: what
 * ShipStream's unmodified client sends and expects. Each test checks the database rows too.
 */
class SoapWireContractTest extends ServiceTest {

    @Test
    void wsdlAdvertisesTheAddressItWasFetchedFrom() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/api/soap/?wsdl=1", "/api/soap/index/?wsdl", "/index.php/api/soap/?wsdl=1")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
            String advertised = "http://127.0.0.1:" + port + path.substring(0, path.indexOf('?'));
            assertThat(response.body())
                    .contains("<soap:address location=\"" + advertised + "\" />")
                    .contains("targetNamespace=\"urn:OpenMage\"")
                    .contains("<service name=\"OpenMageService\">")
                    .contains("soapAction=\"urn:Action\"")
                    .contains("use=\"encoded\"");
        }
    }

    @Test
    void loginStoresASessionAsMagentoDoes() {
        String user = shipstreamUser();
        long lognumBefore = lognum(user);

        Result login = php().login(user, KEY).run().get(0);

        String sessionId = login.value().asText();
        assertThat(sessionId).matches("[0-9a-f]{32}"); // api_session.sessid is varchar(40) in this schema
        Map<String, Object> row = jdbc.sql("SELECT user_id, sessid, TIMESTAMPDIFF(SECOND, logdate, UTC_TIMESTAMP()) AS age FROM "
                + magento.table("api_session") + " WHERE sessid = :s").param("s", sessionId).query().singleRow();
        assertThat(((Number) row.get("user_id")).longValue()).isEqualTo(userId(user));
        assertThat(((Number) row.get("age")).longValue()).isBetween(-5L, 60L);
        assertThat(lognum(user)).isEqualTo(lognumBefore + 1);
    }

    @Test
    void theIndexPhpAddressServesTheSameApi() {
        List<Result> results = PhpSoapClient.forWsdl("http://127.0.0.1:" + port + "/index.php/api/soap/index/?wsdl=1")
                .login(shipstreamUser(), KEY).call("shipstream.info", List.of()).op("endSession").run();

        assertThat(results).noneMatch(Result::isFault);
        assertThat(results.get(1).value().get("magento_edition").asText()).isEqualTo("Community");
    }

    @Test
    void sessionIdsFillAWiderColumn() {
        // OpenMage 20.18 widened api_session.sessid to 64 characters and writes 64 hex characters there
        String table = magento.table("api_session");
        jdbc.sql("ALTER TABLE " + table + " MODIFY sessid varchar(64) NOT NULL").update();
        try {
            String sessionId = php().login(shipstreamUser(), KEY).run().get(0).value().asText();
            assertThat(sessionId).matches("[0-9a-f]{64}");
        } finally {
            jdbc.sql("ALTER TABLE " + table + " MODIFY sessid varchar(40) DEFAULT NULL").update();
        }
    }

    @Test
    void refusedLoginsAreFaultTwoAndWriteNothing() {
        String good = shipstreamUser();
        String inactive = uniqueName("inactive");
        accounts.createUser(inactive, ApiKeyHash.create(KEY), false, accounts.createRole(uniqueName("r"), List.of("all")));
        String roleless = uniqueName("roleless");
        accounts.createUser(roleless, ApiKeyHash.create(KEY), true, null);

        List<Result> results = php().login(good, "wrong-key").login(inactive, KEY).login(roleless, KEY)
                .login("nobody-" + good, KEY).run();

        for (Result result : results) {
            assertThat(result.faultCode()).isEqualTo("2");
            assertThat(result.faultString()).isEqualTo("Access denied.");
        }
        for (String user : List.of(good, inactive, roleless)) {
            assertThat(sessionRows(user)).isZero();
            assertThat(lognum(user)).isZero();
        }
    }

    @Test
    void everyStoredKeyFormLogsIn() throws Exception {
        String salt = "AbCdEfGhIjKlMnOpQrStUvWxYz012345";
        List<String> forms = new ArrayList<>(List.of(
                ApiKeyHash.sha256Form(KEY, salt),                       // OpenMage, Magento 1.9.4.5
                ApiKeyHash.hex("SHA-512", salt + KEY) + ":" + salt,      // Magento 1.9.4.3-4 without password_hash
                ApiKeyHash.hex("MD5", salt + KEY) + ":" + salt,          // Magento <= 1.9.4.2
                ApiKeyHash.hex("MD5", KEY),                              // unsalted md5
                ApiKeyHash.hex("SHA-256", KEY)));                        // unsalted sha256
        forms.add(phpPasswordHash(KEY));                                 // bcrypt from PHP's password_hash
        // a sha512 form (161 characters) needs OpenMage's wider api_key column (Mage_Api upgrade 1.6.0.2);
        // this schema is Magento 1.9.1.1's varchar(100)
        jdbc.sql("ALTER TABLE " + magento.table("api_user") + " MODIFY api_key varchar(255) DEFAULT NULL").update();
        PhpSoapClient client = php();
        List<String> users = new ArrayList<>();
        for (String form : forms) {
            String user = uniqueName("hash");
            accounts.createUser(user, form, true, accounts.createRole(uniqueName("r"), List.of("shipstream")));
            users.add(user);
            client.login(user, KEY).call("shipstream.info", List.of()).login(user, KEY + "x");
        }

        List<Result> results = client.run();

        for (int i = 0; i < forms.size(); i++) {
            assertThat(results.get(3 * i).value().asText()).as(forms.get(i)).matches("[0-9a-f]{32}");
            assertThat(results.get(3 * i + 1).value().get("magento_edition").asText()).isEqualTo("Community");
            assertThat(results.get(3 * i + 2).faultCode()).as("wrong key for " + forms.get(i)).isEqualTo("2");
            assertThat(sessionRows(users.get(i))).isEqualTo(1);
        }
    }

    @Test
    void infoReturnsTheFourKeysAsAnArray() {
        List<Result> results = php().login(shipstreamUser(), KEY).call("shipstream.info", List.of()).run();

        Result info = results.get(1);
        assertThat(info.phpType()).isEqualTo("array");
        assertThat(info.hasObject()).isFalse();
        List<String> keys = new ArrayList<>();
        info.value().fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("magento_edition", "magento_version", "openmage_version", "shipstream_sync_version");
        assertThat(info.value().get("magento_version").asText()).isEqualTo("1.9.4.5");
        assertThat(info.value().get("openmage_version").asText()).isEqualTo("20.18.0");
        assertThat(info.value().get("shipstream_sync_version").asText()).isEqualTo("1.0.0");
    }

    @Test
    void setConfigStoresPhpSerializedFlagsAndUpdatesInPlace() {
        String url = "https://mw.example.com/callback.php?plugin=ShipStream_Magento1&method=%7B%7Bmethod%7D%7D&secret_key=abc";
        String path = uniqueName("warehouse_api_url");

        List<Result> results = php().login(shipstreamUser(), KEY)
                .call("shipstream.set_config", List.of(path, url))
                .call("shipstream.set_config", List.of(path, "https://second.example.com/?m={{method}}"))
                .call("shipstream.set_config", java.util.Arrays.asList(path, null))
                .run();

        assertThat(results.subList(1, 4)).allSatisfy(r -> {
            assertThat(r.phpType()).isEqualTo("boolean");
            assertThat(r.value().asBoolean()).isTrue();
        });
        assertThat(flagRows(path)).isEqualTo(1);
        assertThat(flagData(path)).isEqualTo("N;");
        String first = php().login(shipstreamUser(), KEY).call("shipstream.set_config", List.of(path + "_x", url)).run().get(1)
                .value().asText();
        assertThat(first).isEqualTo("true");
        assertThat(flagData(path + "_x")).isEqualTo("s:103:\"" + url + "\";");
        Map<String, Object> row = jdbc.sql("SELECT state, TIMESTAMPDIFF(SECOND, last_update, UTC_TIMESTAMP()) AS age FROM "
                + magento.table("core_flag") + " WHERE flag_code = :c").param("c", "ShipStream_Sync/" + path + "_x").query().singleRow();
        assertThat(((Number) row.get("state")).intValue()).isZero();
        assertThat(((Number) row.get("age")).longValue()).isBetween(-5L, 60L);
    }

    @Test
    void unknownAndExpiredSessionsAreFaultFiveAndARelogSucceeds() {
        String user = shipstreamUser();
        String expired = php().login(user, KEY).run().get(0).value().asText();
        jdbc.sql("UPDATE " + magento.table("api_session") + " SET logdate = DATE_SUB(logdate, INTERVAL 3601 SECOND) WHERE sessid = :s")
                .param("s", expired).update();
        long lognumBefore = lognum(user);

        List<Result> results = php()
                .callWithSession(HexFormat.of().formatHex(new byte[16]), "shipstream.info", List.of())
                .callWithSession(expired, "shipstream.info", List.of())
                .login(user, KEY)
                .call("shipstream.info", List.of())
                .run();

        assertThat(results.get(0).faultCode()).isEqualTo("5");
        assertThat(results.get(0).faultString()).isEqualTo("Session expired. Try to relogin.");
        assertThat(results.get(1).faultCode()).isEqualTo("5");
        assertThat(results.get(3).value().has("magento_edition")).isTrue();
        // the expired row went at the next login of the same user; the new one remains
        assertThat(jdbc.sql("SELECT COUNT(*) FROM " + magento.table("api_session") + " WHERE sessid = :s").param("s", expired)
                .query(Integer.class).single()).isZero();
        assertThat(sessionRows(user)).isEqualTo(1);
        assertThat(lognum(user)).isEqualTo(lognumBefore + 2); // login + one successful call
    }

    @Test
    void aSessionSlidesAndCountsEveryCall() {
        String user = shipstreamUser();
        String sessionId = php().login(user, KEY).run().get(0).value().asText();
        jdbc.sql("UPDATE " + magento.table("api_session") + " SET logdate = DATE_SUB(logdate, INTERVAL 3000 SECOND) WHERE sessid = :s")
                .param("s", sessionId).update();
        long before = lognum(user);

        List<Result> results = php().callWithSession(sessionId, "shipstream.info", List.of())
                .callWithSession(sessionId, "shipstream.info", List.of()).run();

        assertThat(results).noneMatch(Result::isFault);
        assertThat(lognum(user)).isEqualTo(before + 2);
        long age = jdbc.sql("SELECT TIMESTAMPDIFF(SECOND, logdate, UTC_TIMESTAMP()) FROM " + magento.table("api_session")
                + " WHERE sessid = :s").param("s", sessionId).query(Long.class).single();
        assertThat(age).isLessThan(60);
    }

    @Test
    void invalidPathsAreFaultThreeAndTheAclIsFaultTwo() {
        String salesOnly = userWithResources(List.of("sales", "sales/order", "sales/order/info"));

        List<Result> results = php().login(shipstreamUser(), KEY)
                .call("shipstream.nope", List.of())
                .call("nope.info", List.of())
                .call("shipstream", List.of())
                .call("shipstream.", List.of())
                .login(salesOnly, KEY)
                .call("shipstream.info", List.of())
                .call("shipstream.set_config", List.of("acl_probe", "x"))
                .run();

        for (Result r : results.subList(1, 5)) {
            assertThat(r.faultCode()).isEqualTo("3");
            assertThat(r.faultString()).isEqualTo("Invalid api path.");
        }
        assertThat(results.get(6).faultCode()).isEqualTo("2");
        assertThat(results.get(6).faultString()).isEqualTo("Access denied.");
        assertThat(results.get(7).faultCode()).isEqualTo("2");
        assertThat(flagRows("acl_probe")).isZero();
    }

    @Test
    void aclFollowsTheNearestRuleAndAllowAll() {
        String all = userWithResources(List.of("all"));
        String parentOnly = uniqueName("denied");
        long role = accounts.createRole(uniqueName("r"), List.of("sales"));
        jdbc.sql("INSERT INTO " + magento.table("api_rule") + " (role_id, resource_id, api_privileges, assert_id, role_type, api_permission)"
                + " VALUES (:r, 'shipstream', NULL, 0, 'G', 'deny')").param("r", role).update();
        accounts.createUser(parentOnly, ApiKeyHash.create(KEY), true, role);

        List<Result> results = php().login(all, KEY).call("shipstream.info", List.of())
                .login(parentOnly, KEY).call("shipstream.info", List.of()).run();

        assertThat(results.get(1).value().has("magento_edition")).isTrue();
        assertThat(results.get(3).faultCode()).isEqualTo("2");
    }

    @Test
    void multiCallReportsFaultsInPlaceAndBreakStopsThere() {
        String path = uniqueName("multi");
        List<Object> calls = List.of(
                List.of("shipstream.info", List.of()),
                List.of("shipstream.nope", List.of()),
                List.of("shipstream.set_config", List.of(path, "after-the-fault")));

        List<Result> results = php().login(shipstreamUser(), KEY)
                .multiCall(calls, Map.of())
                .multiCall(calls, Map.of("break", 1))
                .run();

        JsonNode all = results.get(1).value();
        assertThat(all).hasSize(3);
        assertThat(all.get(0).get("magento_edition").asText()).isEqualTo("Community");
        assertThat(all.get(1).get("isFault").asBoolean()).isTrue();
        assertThat(all.get(1).get("faultCode").asText()).isEqualTo("3");
        assertThat(all.get(1).get("faultMessage").asText()).isEqualTo("Invalid api path.");
        assertThat(all.get(2).asBoolean()).isTrue();
        JsonNode stopped = results.get(2).value();
        assertThat(stopped).hasSize(2);
        assertThat(stopped.get(1).get("faultCode").asText()).isEqualTo("3");
        assertThat(flagData(path)).isEqualTo("s:15:\"after-the-fault\";");
    }

    @Test
    void endSessionRemovesTheSession() {
        String user = shipstreamUser();

        // the first call puts the session in the service's short-lived session cache; endSession must end it there too
        List<Result> results = php().login(user, KEY).call("shipstream.info", List.of()).op("endSession")
                .call("shipstream.info", List.of()).run();

        assertThat(results.get(1).value().has("magento_edition")).isTrue();
        assertThat(results.get(2).value().asBoolean()).isTrue();
        assertThat(results.get(3).faultCode()).isEqualTo("5");
        assertThat(sessionRows(user)).isZero();
        // endSession of an unknown id is still true
        assertThat(php().callWithSession("feedfacefeedfacefeedfacefeedface", "shipstream.info", List.of()).op("endSession")
                .run().get(1).value().asBoolean()).isTrue();
    }

    @Test
    void resourcesListsWhatTheAclAllows() {
        List<Result> results = php().login(shipstreamUser(), KEY).op("resources")
                .login(userWithResources(List.of("sales")), KEY).op("resources").run();

        JsonNode resources = results.get(1).value();
        assertThat(results.get(1).hasObject()).isFalse();
        JsonNode shipstream = null;
        for (JsonNode r : resources) {
            if (r.get("name").asText().equals("shipstream")) {
                shipstream = r;
            }
        }
        assertThat(shipstream).isNotNull();
        assertThat(shipstream.get("title").asText()).isEqualTo("ShipStream Sync");
        assertThat(shipstream.get("aliases")).isEmpty();
        List<String> paths = new ArrayList<>();
        shipstream.get("methods").forEach(m -> paths.add(m.get("path").asText()));
        assertThat(paths).contains("shipstream.info", "shipstream.set_config");
        // "sales" reaches Magento's order resource (its ACL paths sit below sales/), nothing of ShipStream's
        JsonNode salesOnly = results.get(3).value();
        assertThat(salesOnly).hasSize(1);
        assertThat(salesOnly.get(0).get("name").asText()).isEqualTo("sales_order");
        assertThat(salesOnly.get(0).get("aliases").get(0).asText()).isEqualTo("order");
    }

    @Test
    void faultListsAndStartSession() {
        List<Result> results = php().op("globalFaults").login(shipstreamUser(), KEY).resourceFaults("shipstream")
                .resourceFaults("nope").op("startSession").run();

        JsonNode global = results.get(0).value();
        assertThat(global).hasSize(7);
        assertThat(global.get(5).get("code").asText()).isEqualTo("5");
        assertThat(global.get(5).get("message").asText()).isEqualTo("Session expired. Try to relogin.");
        assertThat(results.get(2).value()).isEmpty();
        assertThat(results.get(3).faultCode()).isEqualTo("3");
        assertThat(results.get(4).value().asText()).matches("[0-9a-f]{32}");
    }

    @Test
    void httpBasicCredentialsLogInACallWithoutSession() {
        String user = shipstreamUser();

        List<Result> results = php().basicAuth(user, KEY).callWithSession(null, "shipstream.info", List.of()).run();

        assertThat(results.get(0).value().get("magento_edition").asText()).isEqualTo("Community");
        assertThat(sessionRows(user)).isZero();
        List<Result> wrong = php().basicAuth(user, "nope").callWithSession(null, "shipstream.info", List.of()).run();
        assertThat(wrong.get(0).faultCode()).isEqualTo("2");
    }

    @Test
    void everyValueTypeRoundTripsExactly() {
        List<Result> results = php().login(shipstreamUser(), KEY).op("roundTrip").run();

        JsonNode report = results.get(1).value();
        assertThat(report.size()).isGreaterThan(20);
        report.fields().forEachRemaining(sample -> {
            JsonNode r = sample.getValue();
            assertThat(r.get("same").asBoolean()).as(sample.getKey() + ": sent " + r.get("sent") + " got " + r.get("got")).isTrue();
            assertThat(r.get("setConfigReturned").asBoolean()).isTrue();
            // byte-compatible with the PHP extension: the stored row is PHP's own serialize()
            assertThat(flagData("roundtrip/" + sample.getKey())).as(sample.getKey()).isEqualTo(r.get("serialized").asText());
        });
    }

    @Test
    void theShipStreamClientSequenceWorks() {
        // S1 activate, S3 diagnostics, S2 deactivate: login, calls, endSession, as the plugin runs them
        String user = shipstreamUser();
        String url = "https://mw.example.com/callback.php?plugin=ShipStream_Magento1&method=%7B%7Bmethod%7D%7D&secret_key=s3";

        List<Result> results = php().login(user, KEY)
                .call("shipstream.set_config", List.of("warehouse_api_url", url))
                .call("shipstream.info", List.of())
                .op("endSession").run();

        assertThat(results).noneMatch(Result::isFault);
        assertThat(flagData("warehouse_api_url")).isEqualTo("s:" + url.getBytes(StandardCharsets.UTF_8).length + ":\"" + url + "\";");
        assertThat(sessionRows(user)).isZero();
    }

    private static String phpPasswordHash(String key) throws Exception {
        PhpSoapClient.requirePhp();
        Process p = new ProcessBuilder("php", "-r", "echo password_hash($argv[1], PASSWORD_BCRYPT);", "--", key).start();
        String hash = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        assertThat(hash).startsWith("$2y$");
        return hash;
    }
}
