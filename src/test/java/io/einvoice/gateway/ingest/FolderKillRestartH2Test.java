package io.einvoice.gateway.ingest;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class FolderKillRestartH2Test extends FolderKillRestartContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
