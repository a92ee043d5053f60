package io.einvoice.gateway.ingest.mail;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class MailboxProblemH2Test extends MailboxProblemContract {

    @Override
    TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
