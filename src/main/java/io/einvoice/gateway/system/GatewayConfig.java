package io.einvoice.gateway.system;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the gateway reads from its environment, resolved once at start. Names and defaults are part of the
 * stable surface (docs/contract.md) and listed in README.md.
 */
public record GatewayConfig(
        Path home,
        int httpPort,
        String dbUrl,
        String dbUser,
        String dbPassword,
        long maxFileBytes,
        Path routesDir,
        long folderPollMillis,
        Management management) {

    public static final long DEFAULT_MAX_FILE_BYTES = 20L * 1024 * 1024;

    /**
     * The operators' port: Prometheus metrics and the liveness and readiness probes, apart from the API so that they
     * can stay inside the operator's network.
     *
     * @param port 0: not served
     */
    public record Management(String host, int port) {
        public static final Management OFF = new Management("127.0.0.1", 0);

        public boolean enabled() {
            return port > 0;
        }
    }

    /** Without the management port (tests and tools that start a gateway of their own). */
    public GatewayConfig(Path home, int httpPort, String dbUrl, String dbUser, String dbPassword, long maxFileBytes,
                         Path routesDir, long folderPollMillis) {
        this(home, httpPort, dbUrl, dbUser, dbPassword, maxFileBytes, routesDir, folderPollMillis, Management.OFF);
    }

    public static GatewayConfig fromEnvironment(Map<String, String> env) {
        Path home = Path.of(env.getOrDefault("GATEWAY_HOME", "data")).toAbsolutePath().normalize();
        String dbUrl = env.get("GATEWAY_DB_URL");
        if (dbUrl == null || dbUrl.isBlank()) {
            dbUrl = h2Url(home);
        }
        return new GatewayConfig(
                home,
                intValue(env, "GATEWAY_HTTP_PORT", 8080),
                dbUrl,
                env.getOrDefault("GATEWAY_DB_USER", dbUrl.startsWith("jdbc:h2:") ? "sa" : "postgres"),
                env.getOrDefault("GATEWAY_DB_PASSWORD", ""),
                longValue(env, "GATEWAY_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES),
                Path.of(env.getOrDefault("GATEWAY_ROUTES_DIR", "routes")).toAbsolutePath().normalize(),
                longValue(env, "GATEWAY_FOLDER_POLL_MILLIS", 500),
                new Management(env.getOrDefault("GATEWAY_MANAGEMENT_HOST", "127.0.0.1"),
                        intValue(env, "GATEWAY_MANAGEMENT_PORT", 9876)));
    }

    /**
     * The embedded default: a file database under GATEWAY_HOME, in PostgreSQL mode so one set of migrations serves both.
     * WRITE_DELAY=0: H2 otherwise writes commits to its file up to 500 ms later, so a kill -9 loses commits whose source
     * (mail, dropped file) was already acknowledged — found by the mail kill check (MailKillRestartContract).
     * {@code retry:} (H2's FilePathRetryOnInterrupt): an interrupted thread closes a NIO file channel, and H2 then stops
     * writing and loses commits not yet on disk; Camel interrupts the threads still busy when a shutdown runs out of
     * time (a validation waiting for the schematrons), which lost a stored invoice (DemoSupplierConnectorTest).
     * The file is the same as with {@code file:}.
     */
    public static String h2Url(Path home) {
        return "jdbc:h2:retry:file:" + home.resolve("db").resolve("gateway")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
    }

    public Path inbox() {
        return home.resolve("inbox");
    }

    public Path blobs() {
        return home.resolve("blobs");
    }

    public GatewayConfig withHttpPort(int port) {
        return new GatewayConfig(home, port, dbUrl, dbUser, dbPassword, maxFileBytes, routesDir, folderPollMillis, management);
    }

    public GatewayConfig withManagement(Management other) {
        return new GatewayConfig(home, httpPort, dbUrl, dbUser, dbPassword, maxFileBytes, routesDir, folderPollMillis, other);
    }

    private static int intValue(Map<String, String> env, String name, int fallback) {
        return (int) longValue(env, name, fallback);
    }

    private static long longValue(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'", e);
        }
    }
}
