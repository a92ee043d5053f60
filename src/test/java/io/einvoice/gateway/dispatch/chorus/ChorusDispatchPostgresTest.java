package io.einvoice.gateway.dispatch.chorus;

import io.einvoice.gateway.system.TestDatabase;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

@EnabledIfEnvironmentVariable(named = TestDatabase.PG_URL_VARIABLE, matches = ".+")
class ChorusDispatchPostgresTest extends ChorusDispatchContract {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.postgres();
    }
}
