package com.shipstream.openmage.shipstream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipstream.openmage.magento.MagentoProperties;
import com.shipstream.openmage.magento.PhpSerializer;
import com.shipstream.openmage.ops.ServiceMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The outbound side: GET callbacks to ShipStream ({@code inventoryWithLock}, {@code unlockOrderImport},
 * {@code syncOrder}) on the URL the extension's {@code set_config} stored, built and judged as the
 * extension does (spec §5), but with connect and read timeouts.
 */
@Component
public class ShipStreamClient {
    static final String URL_FLAG = "ShipStream_Sync/warehouse_api_url";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;
    private final PhpSerializer php;
    private final ShipStreamProperties properties;
    private final HttpClient http;
    private final String flagSql;
    private final ServiceMetrics metrics;
    private volatile LastCall lastCall;

    public ShipStreamClient(JdbcClient jdbc, PhpSerializer php, ShipStreamProperties properties, MagentoProperties magento,
                            ServiceMetrics metrics) {
        this.metrics = metrics;
        this.jdbc = jdbc;
        this.php = php;
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        this.flagSql = "SELECT flag_data FROM " + magento.table("core_flag") + " WHERE flag_code = :code ORDER BY flag_id LIMIT 1";
    }

    /** The outcome of the latest callback, for the health endpoint. */
    public record LastCall(String method, Instant at, boolean ok, String error) {
    }

    /** The latest callback's outcome, or null before the first one. */
    public LastCall lastCall() {
        return lastCall;
    }

    /** Reads an answer's body; called only for HTTP 200/201. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(JsonParser json) throws IOException;
    }

    /** The stored warehouse URL, if it is set (a truthy value: not empty, not "0"). */
    public Optional<String> warehouseUrl() {
        Optional<String> stored = jdbc.sql(flagSql).param("code", URL_FLAG).query(String.class).optional();
        Object value;
        try {
            value = stored.map(php::unserialize).orElse(null);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (value == null || value instanceof Boolean b && !b) {
            return Optional.empty();
        }
        String url = value.toString();
        return url.isEmpty() || url.equals("0") ? Optional.empty() : Optional.of(url);
    }

    public boolean isConfigured() {
        return warehouseUrl().isPresent();
    }

    /** A callback whose answer is any JSON value. */
    public JsonNode call(String method, Map<String, String> query) {
        return call(method, query, JSON::readTree);
    }

    /** A callback whose answer is read by {@code reader} as it streams in (large answers are never held as text). */
    public <T> T call(String method, Map<String, String> query, BodyReader<T> reader) {
        try {
            T answer = send(method, query, reader);
            record(method, null);
            return answer;
        } catch (ShipStreamException e) {
            record(method, e.getMessage());
            throw e;
        }
    }

    private void record(String method, String error) {
        lastCall = new LastCall(method, Instant.now(), error == null, error);
        metrics.callback(method, error == null);
    }

    private <T> T send(String method, Map<String, String> query, BodyReader<T> reader) {
        URI uri = callbackUri(method, query);
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(properties.readTimeout())
                .header("Content-Type", "application/json").header("Accept", "application/json").build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new ShipStreamException("Response error code: \"28\". Error description: \"" + method + " timed out: " + e.getMessage() + "\".", e);
        } catch (IOException e) {
            throw new ShipStreamException("Response error code: \"7\". Error description: \"" + e + "\".", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShipStreamException("Interrupted while calling " + method, e);
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status != 200 && status != 201) {
                throw new ShipStreamException(httpError(status, new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8)));
            }
            try (JsonParser parser = JSON.getFactory().createParser(body)) {
                if (parser.nextToken() == null) {
                    throw new ShipStreamException("An error occurred while decoding JSON encoded string.");
                }
                return reader.read(parser);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new ShipStreamException("An error occurred while decoding JSON encoded string.", e);
            }
        } catch (HttpTimeoutException e) {
            throw new ShipStreamException("Response error code: \"28\". Error description: \"" + method + " timed out while reading\".", e);
        } catch (IOException e) {
            throw new ShipStreamException("Response error code: \"56\". Error description: \"" + e + "\".", e);
        }
    }

    /** The extension's wording: {@code Warehouse API Error (500).} plus ShipStream's errors or the body. */
    static String httpError(int status, String body) {
        StringBuilder message = new StringBuilder("Warehouse API Error (" + status + ").");
        JsonNode errors = null;
        try {
            JsonNode parsed = body.isBlank() ? null : JSON.readTree(body);
            errors = parsed == null ? null : parsed.get("errors");
        } catch (IOException e) {
            // not JSON: the body is quoted below
        }
        if (errors != null && !errors.isNull() && !(errors.isTextual() && errors.asText().isEmpty())) {
            if (errors.isArray()) {
                StringBuilder joined = new StringBuilder();
                errors.forEach(e -> joined.append(joined.length() == 0 ? "" : "; ").append('"').append(e.asText()).append('"'));
                message.append(": ").append(joined);
            } else {
                message.append(errors.asText());
            }
        } else if (!body.isBlank()) {
            message.append(" Response: \"").append(body.strip()).append('"');
        }
        return message.toString();
    }

    /** §5.1: the stored URL, PHP-urldecoded as a whole, {@code {{method}}} replaced, query appended. */
    URI callbackUri(String method, Map<String, String> query) {
        String stored = warehouseUrl().orElseThrow(() -> new ShipStreamException("The warehouse API URL is required."));
        String url;
        try {
            url = URLDecoder.decode(stored, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ShipStreamException("The warehouse API URL format is not valid.", e);
        }
        if (!url.contains("{{method}}")) {
            throw new ShipStreamException("The warehouse API URL format is not valid.");
        }
        StringBuilder full = new StringBuilder(url.replace("{{method}}", method));
        if (!query.isEmpty()) {
            full.append(url.contains("?") ? '&' : '?');
            String separator = "";
            for (Map.Entry<String, String> entry : query.entrySet()) {
                full.append(separator).append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
                separator = "&";
            }
        }
        try {
            return URI.create(full.toString());
        } catch (IllegalArgumentException e) {
            throw new ShipStreamException("The warehouse API URL format is not valid.", e);
        }
    }
}
