package com.shipstream.openmage.shipstream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Calls to ShipStream's callback URL (the {@code warehouse_api_url} stored by {@code set_config}).
 *
 * @param connectTimeout how long to wait for the connection
 * @param readTimeout    how long to wait for the whole answer
 */
@ConfigurationProperties("shipstream.callback")
public record ShipStreamProperties(Duration connectTimeout, Duration readTimeout) {
    public ShipStreamProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(120) : readTimeout;
    }
}
