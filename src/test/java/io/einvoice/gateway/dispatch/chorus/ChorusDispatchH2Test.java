package io.einvoice.gateway.dispatch.chorus;

import io.einvoice.gateway.system.TestDatabase;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class ChorusDispatchH2Test extends ChorusDispatchContract {

    @TempDir
    Path home;

    @Override
    TestDatabase database() {
        return TestDatabase.h2(home);
    }
}
