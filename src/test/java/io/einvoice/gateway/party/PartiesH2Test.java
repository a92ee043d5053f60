package io.einvoice.gateway.party;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class PartiesH2Test extends PartiesContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
