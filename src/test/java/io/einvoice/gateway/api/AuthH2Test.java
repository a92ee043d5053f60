package io.einvoice.gateway.api;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class AuthH2Test extends AuthContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
