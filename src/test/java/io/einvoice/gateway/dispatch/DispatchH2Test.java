package io.einvoice.gateway.dispatch;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class DispatchH2Test extends DispatchContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
