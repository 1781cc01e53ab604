package com.shipstream.openmage.embedded;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults of the embedded demo run (no {@code spring.datasource.url}): route files reload when
 * they are saved, so an engineer trying the bundle sees a change at once. They sit below every
 * other property source, so any explicit setting wins.
 */
public class DemoRunDefaults implements EnvironmentPostProcessor {
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("spring.datasource.url", "");
        if (url.isBlank()) {
            environment.getPropertySources().addLast(new MapPropertySource("embeddedDemoDefaults",
                    Map.of("shipstream.routes.reload", "true")));
        }
    }
}
