package io.einvoice.gateway.web;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class SettingsAndAdminPagesH2Test extends SettingsAndAdminPagesContract {

    @Override
    TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }

    @Override
    String kind() {
        return "h2";
    }
}
