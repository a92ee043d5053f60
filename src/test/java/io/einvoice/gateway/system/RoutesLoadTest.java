package io.einvoice.gateway.system;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every file of routes/ loads, and its route ids are named {@code <feature>-<step>} after the file. */
class RoutesLoadTest {

    @Test
    void everyRouteFileLoadsAndNamesItsRoutesAfterItsFeature() throws Exception {
        List<Path> files = routeFiles();
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("error-handling.camel.yaml", "ingest.camel.yaml", "api.camel.yaml", "validation.camel.yaml");

        for (Path file : files) {
            String feature = file.getFileName().toString().replace(".camel.yaml", "");
            try (DefaultCamelContext camel = new DefaultCamelContext()) {
                PluginHelper.getRoutesLoader(camel)
                        .loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "file:" + file.toAbsolutePath()));
                List<String> ids = camel.getRouteDefinitions().stream().map(RouteDefinition::getRouteId).toList();
                if (feature.equals("error-handling")) {
                    assertThat(ids).isEmpty();
                    assertThat(camel.getRouteConfigurationDefinitions()).extracting(RouteConfigurationDefinition::getId)
                            .containsExactlyInAnyOrder("transient", "api", "background", "courtesy", "stage");
                } else {
                    assertThat(ids).as(file.getFileName() + " defines routes").isNotEmpty()
                            .allSatisfy(id -> assertThat(id).startsWith(feature + "-"));
                    // the routes the REST DSL generates only forward to direct: routes, which carry the policy
                    assertThat(camel.getRouteDefinitions()).as("every route picks an error policy")
                            .filteredOn(r -> !r.getRouteId().startsWith(feature + "-rest-"))
                            .allSatisfy(r -> assertThat(r.getRouteConfigurationId()).isIn("transient", "api", "background", "courtesy", "stage"));
                }
            }
        }
    }

    private static List<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            return files.filter(p -> p.toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }
}
