package io.einvoice.gateway.system;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of its own for one test class: an H2 file under the test's folder, or a fresh database on the
 * PostgreSQL server named by GATEWAY_TEST_PG_URL (created here, migrated or empty, dropped on close).
 */
public final class TestDatabase implements AutoCloseable {

    public static final String PG_URL_VARIABLE = "GATEWAY_TEST_PG_URL";

    private final String kind;
    private final String url;
    private final String user;
    private final String password;
    private final Runnable drop;

    private TestDatabase(String kind, String url, String user, String password, Runnable drop) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
        this.drop = drop;
    }

    public static TestDatabase h2(Path home) {
        return new TestDatabase("H2", GatewayConfig.h2Url(home), "sa", "", () -> { });
    }

    /**
     * A database of its own on the PostgreSQL server, already migrated: a copy of this JVM's template database, which
     * Flyway migrated once. Creating and migrating an empty database took several seconds per test; a copy takes a
     * fraction of one, and the gateway's own Flyway run on it finds nothing left to apply.
     */
    public static TestDatabase postgres() throws SQLException {
        return postgres("TEMPLATE " + MigratedTemplate.name());
    }

    /** An empty database on the PostgreSQL server, for the tests of the migrations themselves. */
    public static TestDatabase postgresEmpty() throws SQLException {
        return postgres("");
    }

    private static TestDatabase postgres(String template) throws SQLException {
        Server server = Server.fromEnvironment();
        String name = "gateway_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        server.create(name, template);
        return new TestDatabase("PostgreSQL", server.url(name), server.user(), server.password(), () -> server.drop(name));
    }

    /** The PostgreSQL server GATEWAY_TEST_PG_URL names, reached as GATEWAY_TEST_PG_USER. */
    private record Server(String adminUrl, String user, String password) {

        static Server fromEnvironment() {
            String adminUrl = System.getenv(PG_URL_VARIABLE);
            if (adminUrl == null || adminUrl.isBlank()) {
                throw new IllegalStateException(PG_URL_VARIABLE + " is not set: the PostgreSQL tests need a server");
            }
            return new Server(adminUrl, System.getenv().getOrDefault("GATEWAY_TEST_PG_USER", "postgres"),
                    System.getenv().getOrDefault("GATEWAY_TEST_PG_PASSWORD", ""));
        }

        String url(String name) {
            return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
        }

        void create(String name, String template) throws SQLException {
            for (int attempt = 1; ; attempt++) {
                try {
                    execute(adminUrl, user, password, "CREATE DATABASE " + name + " " + template);
                    return;
                } catch (SQLException e) {
                    // 55006: a session on the template has not ended yet (the pool that migrated it closed a moment ago)
                    if (!"55006".equals(e.getSQLState()) || attempt == 50) {
                        throw e;
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }

        void drop(String name) {
            try {
                execute(adminUrl, user, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop test database " + name, e);
            }
        }
    }

    /** This JVM's migrated database that {@link #postgres()} copies: made on first use, dropped when the JVM ends. */
    private static final class MigratedTemplate {

        private static String name;

        static synchronized String name() throws SQLException {
            if (name == null) {
                Server server = Server.fromEnvironment();
                String template = "gateway_template_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                server.create(template, "");
                Database.open(server.url(template), server.user(), server.password()).close();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> server.drop(template)));
                name = template;
            }
            return name;
        }
    }

    private static void execute(String url, String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public String kind() {
        return kind;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() {
        drop.run();
    }
}
