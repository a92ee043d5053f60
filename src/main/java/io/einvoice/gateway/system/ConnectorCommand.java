package io.einvoice.gateway.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.einvoice.gateway.api.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * {@code ./gateway connector list|run|test SIREN [ID]}: a dossier's supplier connectors through the running gateway's
 * API (docs/contract.md "Supplier connectors"), with the dossier's API key from {@code GATEWAY_API_KEY}; the gateway
 * is at {@code GATEWAY_URL} (default http://localhost:$GATEWAY_HTTP_PORT, 8080). Exit 0 done (a run OK), 1 a run that
 * did not end OK or the gateway's refusal, 2 usage or the gateway not reached.
 */
public final class ConnectorCommand {

    static final String USAGE = "usage: ./gateway connector list SIREN | run SIREN ID | test SIREN ID"
            + "   (GATEWAY_API_KEY: the dossier's API key; GATEWAY_URL: default http://localhost:8080)";
    private static final ObjectMapper JSON = Json.DATA;
    /** A run may wait for a 429's Retry-After (2 minutes) on top of its own calls. */
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);

    private final PrintStream out;
    private final PrintStream err;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public ConnectorCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String[] args, Map<String, String> env) {
        String action = args.length > 0 ? args[0] : "";
        boolean needsId = action.equals("run") || action.equals("test");
        if (!(action.equals("list") && args.length == 2 || needsId && args.length == 3)
                || !args[1].matches("\\d{9}") || needsId && !args[2].matches("[0-9a-fA-F-]{36}")) {
            err.println(USAGE);
            return 2;
        }
        String key = env.get("GATEWAY_API_KEY");
        if (key == null || key.isBlank()) {
            err.println("GATEWAY_API_KEY is not set: give the dossier's API key (the demo's are in"
                    + " data/demo-credentials.json)");
            return 2;
        }
        String base = env.getOrDefault("GATEWAY_URL", "http://localhost:" + env.getOrDefault("GATEWAY_HTTP_PORT", "8080"));
        try {
            return switch (action) {
                case "list" -> list(base, key, args[1]);
                default -> runOrTest(base, key, args[1], args[2], action);
            };
        } catch (IOException e) {
            err.println("the gateway at " + base + " did not answer (" + e.getClass().getSimpleName() + "): is it running?");
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private int list(String base, String key, String siren) throws IOException, InterruptedException {
        HttpResponse<String> r = call(base, key, "GET", "/api/dossiers/" + siren + "/connectors", Duration.ofSeconds(30));
        if (r.statusCode() != 200) {
            return refused(r);
        }
        JsonNode all = JSON.readTree(r.body());
        if (all.isEmpty()) {
            out.println("dossier " + siren + " has no connector");
        }
        for (JsonNode c : all) {
            out.printf("%s  %-9s %-8s %s  last run: %s%s%n", c.path("id").asText(), c.path("kind").asText(),
                    c.path("paused").asBoolean() ? "paused" : "running", c.path("name").asText(),
                    c.path("lastOutcome").isNull() ? "none" : c.path("lastOutcome").asText(),
                    c.path("lastProblem").isNull() ? "" : " (" + c.path("lastProblem").asText() + ")");
        }
        return 0;
    }

    private int runOrTest(String base, String key, String siren, String id, String action)
            throws IOException, InterruptedException {
        HttpResponse<String> found = call(base, key, "GET", "/api/connectors/" + id, Duration.ofSeconds(30));
        if (found.statusCode() != 200) {
            return refused(found);
        }
        if (!siren.equals(JSON.readTree(found.body()).path("dossier").asText())) {
            err.println("connector " + id + " is not one of dossier " + siren);
            return 1;
        }
        HttpResponse<String> r = call(base, key, "POST", "/api/connectors/" + id + "/" + action, RUN_TIMEOUT);
        if (r.statusCode() != 200) {
            return refused(r);
        }
        JsonNode answer = JSON.readTree(r.body());
        JsonNode run = answer.path("run");
        out.printf("%s %s: %d listed, %d fetched, %d quarantined%n", action.equals("test") ? "dry run" : "run",
                run.path("outcome").asText(), run.path("listed").asInt(), run.path("fetched").asInt(),
                run.path("quarantined").asInt());
        if (!run.path("problem").isNull() && !run.path("problem").asText().isEmpty()) {
            out.println("problem: " + run.path("problem").asText());
        }
        if (action.equals("test")) {
            for (JsonNode w : answer.path("wouldFetch")) {
                out.println("would fetch " + w.path("remoteId").asText() + "  " + w.path("downloadUrl").asText());
            }
        } else {
            for (JsonNode d : answer.path("documents")) {
                out.println("document " + d.asText());
            }
        }
        return "OK".equals(run.path("outcome").asText()) ? 0 : 1;
    }

    private int refused(HttpResponse<String> r) {
        String message;
        try {
            message = JSON.readTree(r.body()).path("message").asText("");
        } catch (IOException e) {
            message = "";
        }
        err.println("the gateway answered HTTP " + r.statusCode() + (message.isEmpty() ? "" : ": " + message));
        return 1;
    }

    private HttpResponse<String> call(String base, String key, String method, String path, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", "Bearer " + key).header("Accept", "application/json");
        request = method.equals("POST") ? request.POST(HttpRequest.BodyPublishers.noBody())
                : request.GET();
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
