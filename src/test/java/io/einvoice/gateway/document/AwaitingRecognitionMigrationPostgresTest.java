package io.einvoice.gateway.document;

import io.einvoice.gateway.system.TestDatabase;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.nio.file.Path;

@EnabledIfEnvironmentVariable(named = TestDatabase.PG_URL_VARIABLE, matches = ".+")
class AwaitingRecognitionMigrationPostgresTest extends AwaitingRecognitionMigrationContract {

    @Override
    TestDatabase database(Path home) throws Exception {
        return TestDatabase.postgresEmpty();
    }
}
