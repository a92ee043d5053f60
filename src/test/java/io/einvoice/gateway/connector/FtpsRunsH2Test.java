package io.einvoice.gateway.connector;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class FtpsRunsH2Test extends FtpsRunsContract {

    @Override
    TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
