package io.einvoice.gateway.sales;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class SalesH2Test extends SalesContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
