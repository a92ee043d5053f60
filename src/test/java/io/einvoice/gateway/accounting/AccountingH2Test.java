package io.einvoice.gateway.accounting;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class AccountingH2Test extends AccountingContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
