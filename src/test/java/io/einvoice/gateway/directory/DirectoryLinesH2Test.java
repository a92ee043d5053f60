package io.einvoice.gateway.directory;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class DirectoryLinesH2Test extends DirectoryLinesContract {

    @Override
    TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
