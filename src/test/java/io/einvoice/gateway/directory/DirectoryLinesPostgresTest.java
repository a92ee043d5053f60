package io.einvoice.gateway.directory;

import io.einvoice.gateway.system.TestDatabase;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.nio.file.Path;

@EnabledIfEnvironmentVariable(named = TestDatabase.PG_URL_VARIABLE, matches = ".+")
class DirectoryLinesPostgresTest extends DirectoryLinesContract {

    @Override
    TestDatabase database(Path home) throws Exception {
        return TestDatabase.postgres();
    }
}
