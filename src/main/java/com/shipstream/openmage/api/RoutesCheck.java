package com.shipstream.openmage.api;

import java.nio.file.Path;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Stops the start when the YAML routes were not found: they are read from the file system
 * ({@code camel.main.routes-include-pattern}, relative to the working directory), and a service
 * started elsewhere would otherwise run without its SOAP endpoint and answer nothing.
 */
@Component
public class RoutesCheck implements CamelContextConfiguration {
    /** Routes the service cannot work without. */
    static final List<String> REQUIRED = List.of("soap-api", "shipstream.info");

    private final String pattern;

    public RoutesCheck(@Value("${camel.main.routes-include-pattern:}") String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        verify(camelContext, pattern);
    }

    static void verify(CamelContext camelContext, String pattern) {
        List<String> missing = REQUIRED.stream().filter(id -> camelContext.getRoute(id) == null).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Routes " + missing + " were not loaded from '" + pattern + "' (working directory "
                    + Path.of("").toAbsolutePath() + "). Start the service from the project folder, or point "
                    + "camel.main.routes-include-pattern at the routes folder, e.g. file:/opt/shipstream/routes/*.camel.yaml");
        }
    }
}
