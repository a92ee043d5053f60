package io.einvoice.gateway.recognition;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class RecognitionPipelineH2Test extends RecognitionPipelineContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
