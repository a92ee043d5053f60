package io.einvoice.gateway.users;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class CreateFirmH2Test extends CreateFirmContract {

    @Override
    TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
