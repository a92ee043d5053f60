package io.einvoice.gateway.system;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.nio.file.Path;

@EnabledIfEnvironmentVariable(named = TestBroker.URL_VARIABLE, matches = ".+")
class StageDeadLettersBrokerH2Test extends StageDeadLettersBrokerContract {

    @Override
    protected TestDatabase database(Path home) throws Exception {
        return TestDatabase.h2(home);
    }
}
