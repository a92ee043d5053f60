package io.einvoice.gateway.lifecycle;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class LifecycleH2Test extends LifecycleContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
