package io.einvoice.gateway.ingest.mail;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class MailRouteH2Test extends MailRouteContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
