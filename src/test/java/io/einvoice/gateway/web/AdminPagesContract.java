package io.einvoice.gateway.web;

import org.junit.jupiter.api.BeforeAll;

/**
 * What the page contracts walked through by the firm's admin start from: the contract's own data put in place through
 * the API ({@link #seed}), then the admin logged in in the class's browser ({@link BrowserContract#loginAsAdmin}).
 */
abstract class AdminPagesContract extends BrowserContract {

    /** What the pages need before the admin opens them, made through the API: run once, before the admin logs in. */
    abstract void seed() throws Exception;

    @BeforeAll
    final void seedThenLogInAsAdmin() throws Exception {
        seed();
        loginAsAdmin();
    }
}
