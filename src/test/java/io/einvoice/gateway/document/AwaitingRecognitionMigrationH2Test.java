package io.einvoice.gateway.document;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class AwaitingRecognitionMigrationH2Test extends AwaitingRecognitionMigrationContract {

    @Override
    TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
