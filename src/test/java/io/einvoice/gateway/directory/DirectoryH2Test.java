package io.einvoice.gateway.directory;

import io.einvoice.gateway.system.TestDatabase;
import java.nio.file.Path;

class DirectoryH2Test extends DirectoryContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
