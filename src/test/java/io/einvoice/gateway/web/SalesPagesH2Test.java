package io.einvoice.gateway.web;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class SalesPagesH2Test extends SalesPagesContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
