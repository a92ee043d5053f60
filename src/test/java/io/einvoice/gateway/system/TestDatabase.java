package io.einvoice.gateway.system;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of its own for one test class: an H2 file under the test's folder, or a fresh database on the
 * PostgreSQL server named by GATEWAY_TEST_PG_URL (created here, dropped on close).
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

    public static TestDatabase postgres() throws SQLException {
        String adminUrl = System.getenv(PG_URL_VARIABLE);
        if (adminUrl == null || adminUrl.isBlank()) {
            throw new IllegalStateException(PG_URL_VARIABLE + " is not set: the PostgreSQL tests need a server");
        }
        String user = System.getenv().getOrDefault("GATEWAY_TEST_PG_USER", "postgres");
        String password = System.getenv().getOrDefault("GATEWAY_TEST_PG_PASSWORD", "");
        String name = "gateway_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(adminUrl, user, password, "CREATE DATABASE " + name);
        String url = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
        return new TestDatabase("PostgreSQL", url, user, password, () -> {
            try {
                execute(adminUrl, user, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop test database " + name, e);
            }
        });
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
