package io.einvoice.gateway.ingest.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.Firm;
import io.einvoice.gateway.dossier.SecretCipher;
import io.einvoice.gateway.outbound.OutboundGuard;
import io.einvoice.gateway.system.Database;
import io.einvoice.gateway.system.TestDatabase;
import io.einvoice.gateway.system.TestGateway;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A mailbox that cannot be polled shows why in {@code problem} (our own sentence), with when its last poll failed and
 * how many failed in a row, and a poll that succeeds clears it; its host is checked by the guard when saved and at
 * each poll. The mailbox routes run in Camel against real sockets (GreenMail, a server that answers HTTP). Runs once
 * per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MailboxProblemContract {

    private static final String USER = "factures@mail.test";
    private static final String PASSWORD = "s3cret-mail-pw";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static final List<String> SIRENS = List.of("123456782", "552100554", "987654324", "404833048", "732829320");

    @TempDir
    static Path home;

    TestDatabase testDatabase;
    Database database;
    CamelContext camel;
    MailSettings settings;
    DossierRepository dossiers;
    Firm firm;
    Dossier dossier;
    int dossiersMade;
    /** What the hostile test zone answers for imap.rebind.test; 127.0.0.1 itself is allowed, as for a local relay. */
    final AtomicReference<byte[]> rebindAnswer = new AtomicReference<>(new byte[] {52, 97, 1, 1});

    abstract TestDatabase database(Path home) throws Exception;

    @BeforeAll
    void start() throws Exception {
        testDatabase = database(home);
        database = Database.open(testDatabase.url(), testDatabase.user(), testDatabase.password());
        dossiers = new DossierRepository(database.jdbc());
        firm = new Firm(UUID.randomUUID().toString(), "Cabinet", "443322110");
        dossiers.insertFirm(firm);
        MailboxRepository mailboxes = new MailboxRepository(database.jdbc());
        SecretCipher secrets = SecretCipher.of("test key for the mailbox secrets");
        OutboundGuard guard = OutboundGuard.strict(host -> host.endsWith(".test")
                ? new InetAddress[] {InetAddress.getByAddress(host, rebindAnswer.get())}
                : InetAddress.getAllByName(host)).allowing("127.0.0.1");
        MailboxRoutes routes = new MailboxRoutes(mailboxes, secrets, MailAuthenticators.MICROSOFT, guard);
        settings = new MailSettings(mailboxes, new InboundAddressRepository(database.jdbc()), secrets,
                database.transactions(), routes, false, guard);
        camel = MailboxCamel.start(home, new NoMail(), routes);
    }

    /** Each test its own dossier, so its mailbox is the only one. */
    @BeforeEach
    void newDossier() {
        rebindAnswer.set(new byte[] {52, 97, 1, 1});
        dossier = new Dossier(UUID.randomUUID().toString(), firm.id(), SIRENS.get(dossiersMade++), null, "A", null, 12,
                "ACTIVE", false);
        dossiers.insert(dossier);
    }

    @AfterAll
    void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        if (database != null) {
            database.close();
        }
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void aMailboxWhoseServerIsDownShowsWhyWhenAndHowOftenAndTheFirstGoodPollClearsIt() throws Exception {
        int port = TestGateway.freePort();
        settings.saveOwnMailbox(dossier, request("127.0.0.1", port));

        await().atMost(PATIENCE).until(() -> view().failures() >= 2);
        MailSettings.MailboxView failing = view();
        assertThat(failing.problem()).isEqualTo("the IMAP server at 127.0.0.1:" + port + " refused the connection");
        assertThat(Instant.parse(failing.lastFailureAt())).isBefore(Instant.now().plusSeconds(1));
        // as the API answers it (the gateway's mapper has no java.time module)
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(failing));
        assertThat(json.path("problem").asText()).isEqualTo(failing.problem());
        assertThat(json.path("failures").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(json.path("lastFailureAt").asText()).isEqualTo(failing.lastFailureAt());

        GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        mail.start();
        try {
            mail.setUser(USER, USER, PASSWORD);
            await().atMost(PATIENCE).until(() -> view().problem() == null);
            assertThat(view().failures()).isZero();
            assertThat(view().lastFailureAt()).isNull();
        } finally {
            mail.stop();
        }
    }

    @Test
    void aMailboxPointingAtAWebServerShowsOurSentenceNeverTheServersWords() throws Exception {
        try (ServerSocket web = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger answered = new AtomicInteger();
            Thread thread = new Thread(() -> {
                while (!web.isClosed()) {
                    try (Socket client = web.accept()) {
                        OutputStream out = client.getOutputStream();
                        out.write("HTTP/1.1 400 Bad Request\r\nServer: nginx\r\n\r\n<h1>nope</h1>".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        answered.incrementAndGet();
                    } catch (IOException ignored) {
                        // closed by the test
                    }
                }
            }, "web");
            thread.setDaemon(true);
            thread.start();
            settings.saveOwnMailbox(dossier, request("127.0.0.1", web.getLocalPort()));

            await().atMost(PATIENCE).until(() -> view().problem() != null);
            assertThat(answered.get()).isPositive();
            assertThat(view().problem()).isEqualTo("the IMAP server at 127.0.0.1:" + web.getLocalPort()
                    + " did not answer as an IMAP server");
        }
    }

    @Test
    void aMailboxHostThatResolvesToAPrivateAddressIsRefusedWhenSaved() {
        rebindAnswer.set(new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254});
        assertThatThrownBy(() -> settings.saveOwnMailbox(dossier, request("imap.rebind.test", 993)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mailbox.host: the host imap.rebind.test resolves to a link-local address, which the gateway"
                        + " does not connect to; the operator can allow it with GATEWAY_ALLOWED_PRIVATE_HOSTS");
        assertThat(settings.of(dossier).mailboxes()).isEmpty();
    }

    /** DNS rebinding: public when saved, private when polled. */
    @Test
    void aMailboxHostThatTurnsPrivateAfterItWasSavedIsRefusedAtEachPoll() throws Exception {
        settings.saveOwnMailbox(dossier, request("imap.rebind.test", 143));
        rebindAnswer.set(new byte[] {10, 0, 0, 7});

        await().atMost(PATIENCE).until(() -> view().failures() >= 1);
        assertThat(view().problem()).isEqualTo("the host imap.rebind.test resolves to a private address, which the"
                + " gateway does not connect to; the operator can allow it with GATEWAY_ALLOWED_PRIVATE_HOSTS");
    }

    private MailSettings.MailboxView view() {
        return settings.of(dossier).mailboxes().get(0);
    }

    private static MailSettings.MailboxRequest request(String host, int port) {
        return new MailSettings.MailboxRequest(null, "PURCHASE", "IMAP", host, port, USER, PASSWORD, "INBOX",
                "Processed", null, 200L, 10, true, null, null, null, null);
    }

    /** Stands for mailboxReader: these tests look at polls, not at mails. */
    public static final class NoMail {
        public java.util.List<Object> read(org.apache.camel.Exchange exchange, String mailboxId) {
            return java.util.List.of();
        }
    }
}
