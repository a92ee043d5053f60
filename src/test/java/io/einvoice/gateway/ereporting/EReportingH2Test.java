package io.einvoice.gateway.ereporting;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class EReportingH2Test extends EReportingContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
