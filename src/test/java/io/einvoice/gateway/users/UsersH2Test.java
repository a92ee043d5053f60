package io.einvoice.gateway.users;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class UsersH2Test extends UsersContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
