package com.shipstream.openmage.soap;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The SOAP v1 endpoint's settings.
 *
 * @param wsdlName        {@code OpenMage} (namespace {@code urn:OpenMage}, OpenMage 19.4.17+/20.0.15+) or
 *                        {@code Magento} ({@code urn:Magento}, older OpenMage and Magento CE 1.x); both are accepted on input
 * @param maxRequestSize  requests with a larger body are refused before they are parsed
 * @param maxDepth        deepest element nesting accepted in a request
 * @param maxElements     most elements accepted in one request
 * @param sessionCache    how long a checked session is trusted from memory before it is read again
 *                        (0 reads {@code api_session} on every call)
 * @param sessionWriteInterval how often the per-call {@code lognum} / {@code logdate} updates are written
 */
@ConfigurationProperties("shipstream.soap")
public record SoapProperties(String wsdlName, DataSize maxRequestSize, Integer maxDepth, Integer maxElements,
                             Duration sessionCache, Duration sessionWriteInterval) {
    public SoapProperties {
        wsdlName = wsdlName == null || wsdlName.isBlank() ? "OpenMage" : wsdlName.strip();
        if (!wsdlName.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("shipstream.soap.wsdl-name must be a plain name such as OpenMage or Magento");
        }
        maxRequestSize = maxRequestSize == null ? DataSize.ofMegabytes(16) : maxRequestSize;
        maxDepth = maxDepth == null ? 64 : maxDepth;
        maxElements = maxElements == null ? 500_000 : maxElements;
        sessionCache = sessionCache == null ? Duration.ofSeconds(1) : sessionCache;
        sessionWriteInterval = sessionWriteInterval == null || sessionWriteInterval.isZero()
                ? Duration.ofMillis(250) : sessionWriteInterval;
    }

    public String namespace() {
        return "urn:" + wsdlName;
    }
}
