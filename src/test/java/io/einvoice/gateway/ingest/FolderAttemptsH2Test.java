package io.einvoice.gateway.ingest;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class FolderAttemptsH2Test extends FolderAttemptsContract {

    @Override
    TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
