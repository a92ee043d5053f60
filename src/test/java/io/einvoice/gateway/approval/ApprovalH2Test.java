package io.einvoice.gateway.approval;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class ApprovalH2Test extends ApprovalContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
