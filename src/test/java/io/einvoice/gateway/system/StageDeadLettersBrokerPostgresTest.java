package io.einvoice.gateway.system;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.nio.file.Path;

@EnabledIfEnvironmentVariable(named = TestDatabase.PG_URL_VARIABLE, matches = ".+")
@EnabledIfEnvironmentVariable(named = TestBroker.URL_VARIABLE, matches = ".+")
class StageDeadLettersBrokerPostgresTest extends StageDeadLettersBrokerContract {

    @Override
    protected TestDatabase database(Path home) throws Exception {
        return TestDatabase.postgres();
    }
}
