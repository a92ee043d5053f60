package io.einvoice.gateway.system;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline reads in routes/: read as written (placeholders unresolved), the route files alone name every hand-off
 * from one stage to the next, and no Java code sends to a stage endpoint behind their back.
 */
class PipelineRoutesTest {

    private static final String RECOGNITION = "{{gateway.stage.recognition}}";
    private static final String FACTURX = "{{gateway.stage.facturx}}";
    private static final String VALIDATION = "{{gateway.stage.validation}}";
    private static final String ARCHIVE = "{{gateway.stage.archive}}";
    private static final String DISPATCH = "{{gateway.stage.dispatch}}";
    private static final String INGEST_COMMITTED = "direct:ingest-committed";

    /** route id: where it consumes from, and every endpoint it sends to, however deep in choices, filters and splits */
    private static final Map<String, Route> ROUTES = new TreeMap<>();

    record Route(String from, Set<String> to) {
    }

    @BeforeAll
    static void readRoutes() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext(); Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".camel.yaml")).toList()) {
                PluginHelper.getRoutesLoader(camel)
                        .loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "file:" + file.toAbsolutePath()));
            }
            for (RouteDefinition route : camel.getRouteDefinitions()) {
                Set<String> to = new TreeSet<>();
                collect(route.getOutputs(), to);
                ROUTES.put(route.getRouteId(), new Route(route.getInput().getEndpointUri(), to));
            }
            // the per-mailbox and per-connector routes, by their template's id
            for (RouteTemplateDefinition template : camel.getRouteTemplateDefinitions()) {
                Set<String> to = new TreeSet<>();
                collect(template.getRoute().getOutputs(), to);
                ROUTES.put(template.getId(), new Route(template.getRoute().getInput().getEndpointUri(), to));
            }
        }
    }

    @Test
    void everyChannelEntersThroughIngestCommittedWhichNamesRecognitionAndValidation() {
        assertThat(ROUTES.get("ingest-committed")).isEqualTo(new Route("direct:ingest-committed", Set.of(RECOGNITION, VALIDATION)));
    }

    @Test
    void eachChannelRouteHandsWhatItsIngestBeanCommittedToIngestCommitted() {
        for (String channel : List.of("ingest-folder", "mail-mailbox", "api-documents-upload", "api-sales-upload",
                "api-documents-replay", "connector-poll", "connector-api-run", "pa-follow-round", "pa-webhook",
                "dispatch-send", "dossiers-status", "ingest-release-held")) {
            assertThat(ROUTES.get(channel).to()).as(channel).contains(INGEST_COMMITTED);
        }
    }

    @Test
    void onlyTheWiringOfTheChannelsThatAreNotRoutesNamesThePipelineEntryInJava() throws IOException {
        // the web pages, which are not routes (see Gateway.wire)
        assertThat(javaNaming("\"" + INGEST_COMMITTED + "\"")).containsExactly("Gateway.java");
    }

    @Test
    void aCorrectionThroughTheApiIsHandedOnInItsRouteAndOnlyTheWebPagesEnterFromJava() throws IOException {
        assertThat(ROUTES.get("api-documents-correct").to()).contains("direct:recognition-corrected");
        // the document page, which is not a route (see Gateway.wire)
        assertThat(javaNaming("\"direct:recognition-corrected\"")).containsExactly("Gateway.java");
    }

    @Test
    void eachStageRouteHandsItsDocumentToTheNextStageEndpoint() {
        assertThat(ROUTES.get("recognition-run")).isEqualTo(new Route(RECOGNITION, Set.of(FACTURX)));
        assertThat(ROUTES.get("recognition-corrected")).isEqualTo(new Route("direct:recognition-corrected", Set.of(FACTURX)));
        assertThat(ROUTES.get("facturx-document")).isEqualTo(new Route(FACTURX, Set.of(VALIDATION)));
        // a document checked as received that is not a valid Factur-X gets one before its verdict
        // ... and a valid sales invoice from billing software goes to dispatch
        assertThat(ROUTES.get("validation-document")).isEqualTo(new Route(VALIDATION, Set.of(FACTURX, DISPATCH)));
        assertThat(ROUTES.get("dispatch-due").to()).containsExactly(DISPATCH);
        // ... and an invoice delivered to another dossier of the platform enters that dossier's pipeline
        assertThat(ROUTES.get("dispatch-send")).isEqualTo(new Route(DISPATCH, Set.of(INGEST_COMMITTED, ARCHIVE)));
        assertThat(ROUTES.get("archive-queue")).isEqualTo(new Route(ARCHIVE, Set.of("direct:archive-document")));
    }

    @Test
    void whatAStopLeftInMemoryIsQueuedAgainByARouteThatRunsOnceAtStart() {
        assertThat(ROUTES.get("recognition-resume")).isEqualTo(new Route("timer:recognition-resume?delay=0&repeatCount=1",
                Set.of(RECOGNITION)));
        assertThat(ROUTES.get("validation-resume")).isEqualTo(new Route("timer:validation-resume?delay=0&repeatCount=1",
                Set.of(VALIDATION)));
        assertThat(ROUTES.get("facturx-resume")).isEqualTo(new Route("timer:facturx-resume?delay=0&repeatCount=1",
                Set.of(FACTURX)));
        assertThat(ROUTES.get("archive-resume")).isEqualTo(new Route("timer:archive-resume?delay=0&repeatCount=1",
                Set.of(ARCHIVE)));
        assertThat(ROUTES.get("dispatch-resume").to()).containsExactly(DISPATCH);
    }

    @Test
    void everyStageEndpointARouteConsumesIsFedByAnotherRoute() {
        Set<String> consumed = new TreeSet<>();
        Set<String> fed = new TreeSet<>();
        ROUTES.values().forEach(r -> {
            if (r.from().startsWith("{{gateway.stage.")) {
                consumed.add(r.from());
            }
            fed.addAll(r.to());
        });
        assertThat(consumed).containsExactlyInAnyOrder(RECOGNITION, FACTURX, VALIDATION, ARCHIVE, DISPATCH);
        assertThat(fed).containsAll(consumed);
    }

    @Test
    void noJavaCodeSendsToAStageEndpoint() throws IOException {
        assertThat(javaNaming("{{gateway.stage.")).as("Java that names a stage endpoint for the routes to use; hand-offs"
                + " belong in routes/").isEmpty();
    }

    private static List<String> javaNaming(String endpoint) throws IOException {
        List<String> senders = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (Files.readString(source).contains(endpoint)) {
                    senders.add(source.getFileName().toString());
                }
            }
        }
        return senders;
    }

    private static void collect(List<ProcessorDefinition<?>> outputs, Set<String> to) {
        for (ProcessorDefinition<?> step : outputs) {
            if (step instanceof SendDefinition<?> send) {
                to.add(send.getEndpointUri());
            }
            if (step instanceof ChoiceDefinition choice) {
                choice.getWhenClauses().forEach(when -> collect(when.getOutputs(), to));
                if (choice.getOtherwise() != null) {
                    collect(choice.getOtherwise().getOutputs(), to);
                }
            }
            collect(step.getOutputs(), to);
        }
    }
}
