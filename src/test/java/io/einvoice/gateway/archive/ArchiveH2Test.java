package io.einvoice.gateway.archive;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class ArchiveH2Test extends ArchiveContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
