package io.einvoice.gateway.ingest;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class FolderIngestRouteH2Test extends FolderIngestRouteContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
