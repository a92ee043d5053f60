package io.einvoice.gateway.approval;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class SupplierFraudH2Test extends SupplierFraudContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
