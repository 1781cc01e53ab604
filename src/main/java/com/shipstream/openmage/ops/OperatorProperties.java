package com.shipstream.openmage.ops;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's login for Hawtio, Jolokia and every actuator endpoint but health.
 *
 * @param username the operator's user name
 * @param password the operator's password; empty: one is generated at start and logged once
 */
@ConfigurationProperties("shipstream.operator")
public record OperatorProperties(String username, String password) {
    public OperatorProperties {
        username = username == null || username.isBlank() ? "operator" : username;
        password = password == null ? "" : password;
    }
}
