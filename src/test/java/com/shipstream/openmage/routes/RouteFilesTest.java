package com.shipstream.openmage.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipstream.openmage.api.ApiCatalog;
import com.shipstream.openmage.api.ApiCatalog.ApiResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/**
 * Every file in {@code routes/} as an integration engineer leaves it: it parses with Camel's YAML
 * DSL, every route has an id (ids are how Hawtio, metrics and the API dispatcher name routes), no id
 * is used twice, and every API method of the catalog has its route. A mistake is reported with its
 * file and line. No service is started: run it alone with {@code mvn test -Dtest=RouteFilesTest}.
 */
class RouteFilesTest {
    private static final Path ROUTES = Path.of("routes");

    /** Route id → "file:line" of every route in every file; fails listing every problem found. */
    static Map<String, String> check(Path folder) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, String> ids = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
        for (Path file : files) {
            List<Integer> routeLines = routeLines(file);
            List<RouteDefinition> routes;
            try (DefaultCamelContext camel = new DefaultCamelContext()) {
                routes = new ArrayList<>();
                for (RoutesBuilder builder : PluginHelper.getRoutesLoader(camel)
                        .findRoutesBuilders(ResourceHelper.resolveResource(camel, "file:" + file))) {
                    routes.addAll(((RouteBuilder) builder).configureRoutes(camel).getRoutes());
                }
            } catch (Exception e) {
                problems.add(file + ": " + rootMessage(e));
                continue;
            }
            for (int i = 0; i < routes.size(); i++) {
                RouteDefinition route = routes.get(i);
                String where = file + ":" + (i < routeLines.size() ? routeLines.get(i) : "?");
                if (!route.hasCustomIdAssigned()) {
                    problems.add(where + ": route without an id");
                } else if (ids.containsKey(route.getRouteId())) {
                    problems.add(where + ": route id '" + route.getRouteId() + "' is already used at " + ids.get(route.getRouteId()));
                } else {
                    ids.put(route.getRouteId(), where);
                }
            }
        }
        assertThat(problems).as("problems in %s", folder).isEmpty();
        return ids;
    }

    /** The line of each "- route:" in the file, in order (Camel keeps the routes in file order). */
    private static List<Integer> routeLines(Path file) throws IOException {
        List<Integer> lines = new ArrayList<>();
        List<String> text = Files.readAllLines(file);
        for (int i = 0; i < text.size(); i++) {
            if (text.get(i).strip().startsWith("- route:")) {
                lines.add(i + 1);
            }
        }
        return lines;
    }

    private static String rootMessage(Throwable e) {
        StringBuilder message = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !message.toString().contains(t.getMessage())) {
                message.append(message.isEmpty() ? "" : " <- ").append(t.getMessage());
            }
        }
        return message.toString();
    }

    @Test
    void everyRouteFileLoadsAndEveryRouteHasAUniqueId() throws IOException {
        Map<String, String> ids = check(ROUTES);
        assertThat(ids).containsKeys("soap-api", "order-sync-capture", "inventory-sync-schedule", "shipment-email");
    }

    @Test
    void everyApiMethodOfTheCatalogHasItsRoute() throws IOException {
        Map<String, String> ids = check(ROUTES);
        List<String> missing = new ArrayList<>();
        for (ApiResource resource : new ApiCatalog().resources().values()) {
            resource.methods().values().forEach(m -> {
                if (!ids.containsKey(m.path())) {
                    missing.add(m.path());
                }
            });
        }
        missing.remove("test_echo.echo"); // served by the test routes
        assertThat(missing).as("API methods without a route in routes/").isEmpty();
    }

    @Test
    void aBrokenFileIsReportedWithItsFileAndLine(@org.junit.jupiter.api.io.TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("ok.camel.yaml"), """
                - route:
                    id: fine
                    from:
                      uri: direct:fine
                      steps:
                        - log: ok
                """);
        Files.writeString(folder.resolve("no-id.camel.yaml"), """
                # a comment

                - route:
                    from:
                      uri: direct:anonymous
                      steps:
                        - log: no id
                """);
        Files.writeString(folder.resolve("typo.camel.yaml"), """
                - route:
                    id: typo
                    from:
                      uri: direct:typo
                      steps:
                        - lgo: misspelt step
                """);
        AssertionError failure = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> check(folder));
        assertThat(failure.getMessage()).contains(folder.resolve("no-id.camel.yaml") + ":3: route without an id")
                .contains(folder.resolve("typo.camel.yaml").toString()).contains("lgo").containsPattern("line 6");
    }
}
