package io.einvoice.gateway.dispatch.pa;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class PaConnectorH2Test extends PaConnectorContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
