package io.einvoice.gateway.connector;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class ConnectorApiH2Test extends ConnectorApiContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
