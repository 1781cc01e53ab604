package com.shipstream.openmage.soap;

import com.shipstream.openmage.api.ApiCatalog;
import com.shipstream.openmage.magento.MagentoProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The pass-through to the store's own SOAP API ({@code magento.upstream-url}): a call to an API path
 * this service does not serve is sent there as the very same request, and the store's answer
 * (status, content type, body) goes back unchanged. Sessions live in the shared {@code api_session}
 * table, so the caller's session id is valid on both sides. Without an upstream the call is fault 3,
 * as on a store that lacks the method.
 */
@Component("magentoUpstream")
public class MagentoUpstream {
    private static final Logger log = LoggerFactory.getLogger(MagentoUpstream.class);

    private final MagentoProperties magento;
    private final ApiCatalog catalog;
    private final SoapGateway gateway;
    private final HttpClient http;

    public MagentoUpstream(MagentoProperties magento, ApiCatalog catalog, SoapGateway gateway) {
        this.magento = magento;
        this.catalog = catalog;
        this.gateway = gateway;
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
        try {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(magento.upstreamUrl()))
                    .timeout(magento.upstreamTimeout())
                    .header("Content-Type", contentType)
                    .header("SOAPAction", soapAction)
                    .header("User-Agent", "ShipStream OpenMage bridge (pass-through)")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
            log.debug("{} forwarded to the store: HTTP {}", unserved == null ? "call" : unserved.path(), answer.statusCode());
            SoapGateway.reply(exchange.getIn(), answer.body(), answer.statusCode(),
                    answer.headers().firstValue("Content-Type").orElse("text/xml; charset=utf-8"));
        } catch (HttpTimeoutException e) {
            fail(exchange, unserved, "the store's API at " + magento.upstreamUrl() + " did not answer within "
                    + magento.upstreamTimeout().toSeconds() + " s");
        } catch (IOException e) {
            fail(exchange, unserved, "the store's API at " + magento.upstreamUrl() + " cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(exchange, unserved, "interrupted while waiting for the store's API");
        }
    }

    private void fail(Exchange exchange, UnservedApiPath unserved, String why) {
        String path = unserved == null ? "" : unserved.path();
        log.warn("Pass-through of {} failed: {}", path, why);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, catalog.fault("internal", "Pass-through of " + path + " failed: " + why));
        gateway.encodeFault(exchange);
    }
}
