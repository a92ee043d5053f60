package io.einvoice.gateway.ingest.mail;

import io.einvoice.gateway.system.TestDatabase;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.nio.file.Path;

@EnabledIfEnvironmentVariable(named = TestDatabase.PG_URL_VARIABLE, matches = ".+")
class MailKillRestartPostgresTest extends MailKillRestartContract {

    @Override
    protected TestDatabase database(Path home) throws Exception {
        return TestDatabase.postgres();
    }
}
