package io.einvoice.gateway.dispatch.pa;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class PaApiH2Test extends PaApiContract {

    @Override
    TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
