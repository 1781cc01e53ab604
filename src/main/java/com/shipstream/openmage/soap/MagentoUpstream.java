package com.shipstream.openmage.soap;

import com.shipstream.openmage.api.ApiCatalog;
import com.shipstream.openmage.magento.MagentoProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The pass-through to the store's own SOAP API ({@code magento.upstream-url}): a call to an API path
 * this service does not serve is sent there as the very same request, and the store's answer
 * (status, content type, body) goes back unchanged. Sessions live in the shared {@code api_session}
 * table, so the caller's session id is valid on both sides. Without an upstream the call is fault 3,
 * as on a store that lacks the method. A {@code multiCall} entry for such a path is sent on its own
 * as a {@code call} ({@link #call}).
 */
@Component("magentoUpstream")
public class MagentoUpstream {
    private static final Logger log = LoggerFactory.getLogger(MagentoUpstream.class);

    private final MagentoProperties magento;
    private final ApiCatalog catalog;
    private final SoapGateway gateway;
    private final SoapEnvelopeWriter writer;
    private final SoapEnvelopeReader reader;
    private final HttpClient http;

    public MagentoUpstream(MagentoProperties magento, ApiCatalog catalog, SoapGateway gateway, SoapEnvelopeWriter writer,
                           SoapEnvelopeReader reader) {
        this.magento = magento;
        this.catalog = catalog;
        this.gateway = gateway;
        this.writer = writer;
        this.reader = reader;
        this.http = HttpClient.newBuilder().connectTimeout(magento.upstreamTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).version(HttpClient.Version.HTTP_1_1).build();
    }

    public boolean isConfigured() {
        return !magento.upstreamUrl().isBlank();
    }

    /** The front route's handler for {@link UnservedApiPath}: forwards the request, or answers fault 3. */
    public void forward(Exchange exchange) {
        UnservedApiPath unserved = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, UnservedApiPath.class);
        if (!isConfigured()) {
            gateway.encodeFault(exchange);
            return;
        }
        byte[] request = exchange.getVariable("soapRequestBytes", byte[].class);
        // CXF hands the header over without its quotes; SOAP 1.1 sends it quoted
        String soapAction = exchange.getIn().getHeader("SOAPAction", "urn:Action", String.class);
        soapAction = soapAction.startsWith("\"") ? soapAction : "\"" + soapAction + "\"";
        String contentType = exchange.getIn().getHeader(Exchange.CONTENT_TYPE, "text/xml; charset=utf-8", String.class);
        String path = unserved == null ? "call" : unserved.path();
        try {
            HttpResponse<byte[]> answer = send(request, contentType, soapAction, path);
            SoapGateway.reply(exchange.getIn(), answer.body(), answer.statusCode(),
                    answer.headers().firstValue("Content-Type").orElse("text/xml; charset=utf-8"));
        } catch (SoapFault failed) {
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failed);
            gateway.encodeFault(exchange);
        }
    }

    /**
     * One entry of a {@code multiCall} for a path this service does not serve: sent to the store as
     * a {@code call} on the same session, its answer decoded. The store's fault comes back as that
     * fault, so the entry becomes a fault entry as it would on the store.
     */
    public Object call(String namespace, String sessionId, String path, Object args) {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("sessionId", sessionId);
        parts.put("resourcePath", path);
        parts.put("args", args);
        byte[] request = writer.request(namespace, "call", parts).getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> answer = send(request, "text/xml; charset=utf-8", "\"urn:Action\"", path);
        SoapRequest decoded = reader.read(new ByteArrayInputStream(answer.body()));
        if (decoded.operation().equals("Fault")) {
            throw new SoapFault(decoded.stringPart("faultcode", 0), decoded.stringPart("faultstring", 1));
        }
        return decoded.part("callReturn", 0);
    }

    /** Posts a request to the store; a store that cannot be reached or does not answer in time is fault 1 saying so. */
    private HttpResponse<byte[]> send(byte[] request, String contentType, String soapAction, String path) {
        try {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(magento.upstreamUrl()))
                    .timeout(magento.upstreamTimeout())
                    .header("Content-Type", contentType)
                    .header("SOAPAction", soapAction)
                    .header("User-Agent", "ShipStream OpenMage bridge (pass-through)")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
            log.debug("{} forwarded to the store: HTTP {}", path, answer.statusCode());
            return answer;
        } catch (HttpTimeoutException e) {
            throw failure(path, "the store's API at " + magento.upstreamUrl() + " did not answer within "
                    + magento.upstreamTimeout().toSeconds() + " s");
        } catch (IOException e) {
            throw failure(path, "the store's API at " + magento.upstreamUrl() + " cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(path, "interrupted while waiting for the store's API");
        }
    }

    private SoapFault failure(String path, String why) {
        log.warn("Pass-through of {} failed: {}", path, why);
        return catalog.fault("internal", "Pass-through of " + path + " failed: " + why);
    }
}
