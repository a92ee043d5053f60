package io.einvoice.gateway.ingest.mail;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class MailKillRestartH2Test extends MailKillRestartContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
