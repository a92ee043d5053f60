package io.einvoice.gateway.connector;

import io.einvoice.gateway.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The setup the connector contracts share: a fresh {@link ConnectorFixture} per test on the database the H2 or
 * PostgreSQL subclass gives. A contract's own {@code @BeforeEach} (its supplier's server, then {@code f.build}) runs
 * after the fixture is made, its {@code @AfterEach} (the server stopped) before the fixture closes.
 */
abstract class ConnectorContract {

    @TempDir
    Path home;

    ConnectorFixture f;

    abstract TestDatabase database(Path home) throws Exception;

    @BeforeEach
    final void openFixture() throws Exception {
        f = new ConnectorFixture(database(home), home);
    }

    @AfterEach
    final void closeFixture() throws Exception {
        if (f != null) {
            f.close();
        }
    }
}
