package io.einvoice.gateway.validation;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class ValidationPipelineH2Test extends ValidationPipelineContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
