package io.einvoice.gateway.web;

import io.einvoice.gateway.system.TestDatabase;

import java.nio.file.Path;

class SettingsAndAdminPagesH2Test extends SettingsAndAdminPagesContract {

    @Override
    protected TestDatabase database(Path home) {
        return TestDatabase.h2(home);
    }
}
