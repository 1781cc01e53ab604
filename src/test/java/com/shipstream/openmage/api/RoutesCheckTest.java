package com.shipstream.openmage.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class RoutesCheckTest {
    @Test
    void aServiceWithoutItsRoutesRefusesToStartAndSaysWhy() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            assertThatThrownBy(() -> RoutesCheck.verify(camel, "file:routes/*.camel.yaml"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("soap-api")
                    .hasMessageContaining("file:routes/*.camel.yaml")
                    .hasMessageContaining("camel.main.routes-include-pattern");
        }
    }
}
