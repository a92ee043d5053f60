package io.einvoice.gateway.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.einvoice.gateway.outbound.OutboundGuard;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gateway as a child JVM ({@code GatewayApp run} on a class path: the packaged jar's or a test's), so the no-loss
 * checks ({@code bench-mail-kill}, {@code bench-kill}) can kill it for real with SIGKILL: no shutdown hook, no
 * graceful stop. Its output goes to {@code GATEWAY_HOME/gateway-run-<n>.log}.
 */
public final class ChildGateway implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;

    private ChildGateway(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static ChildGateway launch(GatewayConfig config, String classPath, int run) throws IOException {
        return launch(config, classPath, run, Map.of());
    }

    /** @param env more of the child's environment (a node of a cluster: GATEWAY_BROKER_URL...) */
    public static ChildGateway launch(GatewayConfig config, String classPath, int run, Map<String, String> env)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // the JVM options ./gateway run starts the gateway with, so a bench measures the nodes as they would run
        String javaOpts = System.getenv().getOrDefault("GATEWAY_JAVA_OPTS", "").trim();
        if (!javaOpts.isEmpty()) {
            command.addAll(List.of(javaOpts.split("\\s+")));
        }
        command.addAll(List.of("-cp", classPath, GatewayApp.class.getName(), "run"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("GATEWAY_HOME", config.home().toString());
        builder.environment().put("GATEWAY_HTTP_PORT", String.valueOf(config.httpPort()));
        builder.environment().put("GATEWAY_MANAGEMENT_PORT", "0"); // the checks run several children at once
        builder.environment().put("GATEWAY_DB_URL", config.dbUrl());
        builder.environment().put("GATEWAY_DB_USER", config.dbUser());
        builder.environment().put("GATEWAY_DB_PASSWORD", config.dbPassword());
        builder.environment().put("GATEWAY_ROUTES_DIR", config.routesDir().toString());
        builder.environment().put("GATEWAY_FOLDER_POLL_MILLIS", String.valueOf(config.folderPollMillis()));
        builder.environment().put(OutboundGuard.ENV, "127.0.0.1"); // the checks' own mail server runs on this machine
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(config.home().resolve("gateway-run-" + run + ".log").toFile());
        return new ChildGateway(builder.start(), config.httpPort());
    }

    /** A throw-away configuration under {@code home}: the embedded database unless GATEWAY_DB_URL is set. */
    public static GatewayConfig throwAwayConfig(Path home, int port) {
        GatewayConfig env = GatewayConfig.fromEnvironment(System.getenv());
        boolean embedded = System.getenv("GATEWAY_DB_URL") == null;
        return new GatewayConfig(home, port, embedded ? GatewayConfig.h2Url(home) : env.dbUrl(),
                embedded ? "sa" : env.dbUser(), embedded ? "" : env.dbPassword(), env.maxFileBytes(), env.routesDir(),
                env.folderPollMillis());
    }

    /** The CPU time the child has used so far (for the benchmarks' per-invoice figure). */
    long cpuNanos() {
        return BenchCpu.cpuNanos(process.toHandle());
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, then waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM: the gateway stops gracefully. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    /** Waits (up to ten minutes) until the dossier counts at least {@code atLeast} documents; returns the count. */
    public long awaitDocuments(String siren, String key, long atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway stopped with exit status " + process.exitValue()
                        + " while " + seen + " of " + atLeast + " documents were stored");
            }
            try {
                HttpResponse<String> r = get("/api/dossiers/" + siren, key);
                if (r.statusCode() == 200) {
                    seen = JSON.readTree(r.body()).get("documents").asLong();
                    if (seen >= atLeast) {
                        return seen;
                    }
                }
            } catch (IOException notUpYet) {
                // the gateway is still starting
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("only " + seen + " of " + atLeast + " documents after 10 minutes");
    }

    /** Waits (up to five minutes) until the gateway answers its health check. */
    public void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway stopped while starting, exit status " + process.exitValue());
            }
            try {
                if (get("/api/health", "").statusCode() == 200) {
                    return;
                }
            } catch (IOException notUpYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the gateway did not answer its health check within 5 minutes");
    }

    /** The file name of every document of the dossier, as the API lists them. */
    public List<String> fileNames(String siren, String key) throws Exception {
        List<String> names = new ArrayList<>();
        for (int offset = 0; ; offset += 500) {
            JsonNode page = JSON.readTree(get("/api/dossiers/" + siren + "/documents?limit=500&offset=" + offset, key)
                    .body());
            page.forEach(doc -> names.add(doc.get("fileName").asText()));
            if (page.size() < 500) {
                return names;
            }
        }
    }

    public HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
