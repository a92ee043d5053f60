package io.einvoice.gateway.ingest.mail;

import io.einvoice.gateway.system.GatewayContract;
import io.einvoice.gateway.system.TestGateway;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;

/**
 * What the mail contracts start from: the contract's gateway, a mail server of their own (GreenMail) with the
 * mailboxes they name, all opened by {@link #PASSWORD} and closed after the gateway, and the admin's session that
 * configures them through the API.
 */
abstract class MailboxesContract extends GatewayContract {

    static final String PASSWORD = "s3cret-mail-pw";
    static final Duration PATIENCE = Duration.ofSeconds(40);

    MailServer mail;
    String adminToken;

    /** The addresses of the mailboxes on {@link #mail}. */
    abstract String[] mailboxes();

    @BeforeAll
    void openMailboxes() throws Exception {
        mail = closedAfterGateway(MailServer.withMailboxes(PASSWORD, mailboxes()));
        adminToken = gw.login(TestGateway.ADMIN_EMAIL);
    }
}
