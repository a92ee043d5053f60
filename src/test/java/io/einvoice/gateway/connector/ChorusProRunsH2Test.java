package io.einvoice.gateway.connector;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class ChorusProRunsH2Test extends ChorusProRunsContract {

    @Override
    TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
