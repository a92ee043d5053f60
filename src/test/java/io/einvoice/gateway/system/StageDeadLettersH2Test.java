package io.einvoice.gateway.system;

import java.nio.file.Path;

/** In-process stages (SEDA): the error policy hands what it gave up on to the quarantine route itself. */
class StageDeadLettersH2Test extends StageDeadLettersContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
