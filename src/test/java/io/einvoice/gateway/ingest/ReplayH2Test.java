package io.einvoice.gateway.ingest;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class ReplayH2Test extends ReplayContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
