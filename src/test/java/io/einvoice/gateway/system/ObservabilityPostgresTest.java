package io.einvoice.gateway.system;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.nio.file.Path;

@EnabledIfEnvironmentVariable(named = TestDatabase.PG_URL_VARIABLE, matches = ".+")
class ObservabilityPostgresTest extends ObservabilityContract {

    @Override
    protected TestDatabase database(Path home) throws Exception {
        return TestDatabase.postgres();
    }
}
