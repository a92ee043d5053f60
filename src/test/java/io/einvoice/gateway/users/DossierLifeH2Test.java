package io.einvoice.gateway.users;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class DossierLifeH2Test extends DossierLifeContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
