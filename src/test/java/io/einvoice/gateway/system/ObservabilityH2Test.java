package io.einvoice.gateway.system;

import java.nio.file.Path;

class ObservabilityH2Test extends ObservabilityContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
