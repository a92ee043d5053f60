package io.einvoice.gateway.connector;

import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.outbound.OutboundGuard;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.einvoice.gateway.connector.ConnectorFixture.invoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SFTP connectors against a local Apache MINA SSHD SFTP server started by the test (camel-ftp and JSch on the client
 * side, real sockets): each file fetched once (path, size and mtime), only the new ones after, files moved aside when
 * asked, the pinned host key enforced, a wrong password or key stopping the connector, the guard keeping it off
 * loopback unless allowed, and the settings checked field by field.
 */
abstract class SftpRunsContract extends ConnectorContract {

    static final String USER = "edi-telecom";
    static final String PASSWORD = "mot-de-passe-sftp";

    private SshServer server;
    private Path root;
    private KeyPair hostKey;
    private KeyPair clientKey;
    private final AtomicInteger logins = new AtomicInteger();

    @BeforeEach
    void open() throws Exception {
        root = Files.createDirectories(home.resolve("sftp-root"));
        Files.createDirectories(root.resolve("factures"));
        hostKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        clientKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_RSA, 2048);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator((user, password, session) -> {
            boolean ok = USER.equals(user) && PASSWORD.equals(password);
            logins.addAndGet(ok ? 1 : 0);
            return ok;
        });
        server.setPublickeyAuthenticator((user, key, session) ->
                USER.equals(user) && KeyUtils.compareKeys(key, clientKey.getPublic()));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.start();
        // the server listens on this machine: allowed by address, as an operator would allow it
        f.build(OutboundGuard.strict(InetAddress::getAllByName).allowing("127.0.0.1"), this::sources);
    }

    private List<InvoiceSource> sources(SupplierHttp http) {
        return List.of(new SftpSource(OutboundGuard.strict(InetAddress::getAllByName).allowing("127.0.0.1"),
                () -> f.camel, Duration.ofSeconds(10)));
    }

    @AfterEach
    void close() throws Exception {
        server.stop(true);
    }

    private SftpSettings settings(SftpSettings.Auth auth, String pinned, SftpSettings.AfterFetch after, String moveTo) {
        return new SftpSettings("127.0.0.1", server.getPort(), USER, auth, "/factures", null, pinned, after, moveTo);
    }

    private String pinned() {
        return PublicKeyEntry.toString(hostKey.getPublic());
    }

    private Connector create(String password) {
        return f.service.create(f.dossier, new ConnectorRequest("EDI Télécom", ConnectorKind.SFTP, 60, password,
                settings(SftpSettings.Auth.PASSWORD, pinned(), null, null)));
    }

    private Path deposit(String name, byte[] content, long epochSecond) throws Exception {
        return ConnectorFixture.deposit(root.resolve("factures"), name, content, epochSecond);
    }

    @Test
    void fetchesEachMatchingFileOnceThenOnlyTheNewOnes() throws Exception {
        byte[] first = invoice("EDI-001");
        deposit("EDI-001.pdf", first, 1_767_225_600L);
        deposit("EDI-002.pdf", invoice("EDI-002"), 1_767_312_000L);
        deposit("lisez-moi.txt", "pas une facture".getBytes(), 1_767_312_000L);
        Connector c = create(PASSWORD);

        ConnectorRuns.Report report = f.runs.runNow(c);

        assertThat(report.run().outcome()).isEqualTo(ConnectorOutcome.OK);
        assertThat(report.run().listed()).as("the text file does not match the pattern").isEqualTo(2);
        assertThat(report.documents()).hasSize(2);
        String transport = "connector:" + c.id() + ":/factures/EDI-001.pdf:" + first.length + ":1767225600";
        assertThat(f.documents.findByTransport(f.dossier.id(), Channel.CONNECTOR, transport)).get()
                .satisfies(d -> assertThat(d.status()).isEqualTo(DocumentStatus.RECOGNIZED));
        assertThat(Files.exists(root.resolve("factures/EDI-001.pdf"))).as("left where it was").isTrue();

        ConnectorRuns.Report again = f.runs.runNow(f.reload(c));
        assertThat(again.run().listed()).isEqualTo(2);
        assertThat(again.documents()).isEmpty();

        deposit("EDI-003.pdf", invoice("EDI-003"), 1_767_398_400L);
        assertThat(f.runs.runNow(f.reload(c)).documents()).hasSize(1);
        assertThat(f.connectorDocuments()).isEqualTo(3);
    }

    @Test
    void aDryRunListsTheFilesAndFetchesNothing() throws Exception {
        deposit("EDI-001.pdf", invoice("EDI-001"), 1_767_225_600L);
        Connector c = create(PASSWORD);

        ConnectorRuns.Report dry = f.runs.dryRun(c);

        assertThat(dry.wouldFetch()).singleElement().satisfies(r -> assertThat(r.downloadUrl())
                .isEqualTo("sftp://127.0.0.1:" + server.getPort() + "/factures/EDI-001.pdf"));
        assertThat(f.connectorDocuments()).isZero();
    }

    @Test
    void storedFilesAreMovedAsideWhenAsked() throws Exception {
        Files.createDirectories(root.resolve("factures/traitees"));
        deposit("EDI-001.pdf", invoice("EDI-001"), 1_767_225_600L);
        Connector c = f.service.create(f.dossier, new ConnectorRequest("EDI", ConnectorKind.SFTP, 60, PASSWORD,
                settings(SftpSettings.Auth.PASSWORD, pinned(), SftpSettings.AfterFetch.MOVE, "/factures/traitees")));

        assertThat(f.runs.runNow(c).documents()).hasSize(1);

        assertThat(Files.exists(root.resolve("factures/EDI-001.pdf"))).isFalse();
        assertThat(Files.exists(root.resolve("factures/traitees/EDI-001.pdf"))).isTrue();
        assertThat(f.runs.runNow(f.reload(c)).run().listed()).isZero();
    }

    @Test
    void aHostKeyOtherThanThePinnedOneStopsTheConnector() throws Exception {
        deposit("EDI-001.pdf", invoice("EDI-001"), 1_767_225_600L);
        String other = PublicKeyEntry.toString(KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256)
                .getPublic());
        Connector c = f.service.create(f.dossier, new ConnectorRequest("EDI", ConnectorKind.SFTP, 60, PASSWORD,
                settings(SftpSettings.Auth.PASSWORD, other, null, null)));

        f.runs.scheduled(c.id());

        Connector after = f.reload(c);
        assertThat(after.lastOutcome()).isEqualTo(ConnectorOutcome.STOPPED);
        assertThat(after.paused()).isTrue();
        assertThat(after.lastProblem()).contains("did not show the pinned host key").contains("sftp.hostKey");
        assertThat(logins.get()).as("no password sent to a server not recognised").isZero();
        assertThat(f.connectorDocuments()).isZero();
    }

    @Test
    void aWrongPasswordStopsTheConnector() throws Exception {
        deposit("EDI-001.pdf", invoice("EDI-001"), 1_767_225_600L);

        f.assertRefusedPasswordStops(create("mauvais"), USER);
    }

    @Test
    void aPrivateKeyLogsIn() throws Exception {
        deposit("EDI-001.pdf", invoice("EDI-001"), 1_767_225_600L);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(clientKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Connector c = f.service.create(f.dossier, new ConnectorRequest("EDI", ConnectorKind.SFTP, 60, pem,
                settings(SftpSettings.Auth.KEY, pinned(), null, null)));

        ConnectorRuns.Report report = f.runs.runNow(c);

        assertThat(report.run().problem()).isNull();
        assertThat(report.documents()).hasSize(1);
        String stored = f.database.jdbc().queryForObject("SELECT secret FROM connector WHERE id = ?", String.class,
                c.id());
        assertThat(stored).doesNotContain("PRIVATE KEY");
    }

    @Test
    void aCorruptedFileIsQuarantinedAndAnOversizedOneLeftUnread() throws Exception {
        deposit("EDI-BAD.pdf", Arrays.copyOf(invoice("EDI-BAD"), 700), 1_767_225_600L);
        deposit("EDI-BIG.pdf", new byte[ConnectorFixture.MAX_FILE_BYTES + 1], 1_767_225_601L);
        Connector c = create(PASSWORD);

        ConnectorRuns.Report report = f.runs.runNow(c);

        assertThat(report.run().outcome()).isEqualTo(ConnectorOutcome.PARTIAL);
        assertThat(report.run().quarantined()).isEqualTo(1);
        assertThat(report.run().problem()).contains("EDI-BIG.pdf is larger than 5,242,880 bytes");
        assertThat(f.connectorDocuments()).isEqualTo(1);
    }

    @Test
    void theGuardRefusesALoopbackHostUnlessAllowed() {
        f.assertLoopbackRefused(this::sources, () -> create(PASSWORD), "(sftp.host)");
        assertThat(logins.get()).isZero();
    }

    @Test
    void badSftpSettingsAreRefusedFieldByField() {
        String key = pinned();
        assertThatThrownBy(() -> f.service.create(f.dossier, new ConnectorRequest("X", ConnectorKind.SFTP, 60, PASSWORD,
                new SftpSettings("127.0.0.1", 22, USER, null, "/factures", null, null, null, null))))
                .hasMessageStartingWith("sftp.hostKey is required");
        assertThatThrownBy(() -> f.service.create(f.dossier, new ConnectorRequest("X", ConnectorKind.SFTP, 60, PASSWORD,
                new SftpSettings("127.0.0.1", 22, USER, null, "/factures", null, "AAAA", null, null))))
                .hasMessageStartingWith("sftp.hostKey must be a public key as in a known_hosts line");
        assertThatThrownBy(() -> f.service.create(f.dossier, new ConnectorRequest("X", ConnectorKind.SFTP, 60, PASSWORD,
                new SftpSettings("127.0.0.1", 70000, USER, null, "/factures", null, key, null, null))))
                .hasMessageStartingWith("sftp.port must be between 1 and 65535");
        assertThatThrownBy(() -> f.service.create(f.dossier, new ConnectorRequest("X", ConnectorKind.SFTP, 60, PASSWORD,
                new SftpSettings("user@host:22", 22, USER, null, "/factures", null, key, null, null))))
                .hasMessageStartingWith("sftp.host must be a host name or an IP address");
        assertThatThrownBy(() -> f.service.create(f.dossier, new ConnectorRequest("X", ConnectorKind.SFTP, 60, PASSWORD,
                new SftpSettings("127.0.0.1", 22, USER, null, "/factures/../etc", null, key, null, null))))
                .hasMessageStartingWith("sftp.remoteDir must be a folder path");
        assertThatThrownBy(() -> f.service.create(f.dossier, new ConnectorRequest("X", ConnectorKind.SFTP, 60, PASSWORD,
                new SftpSettings("127.0.0.1", 22, USER, null, "/factures", null, key, SftpSettings.AfterFetch.MOVE,
                        null)))).hasMessageStartingWith("sftp.moveTo is required");
        assertThatThrownBy(() -> f.service.create(f.dossier, new ConnectorRequest("X", ConnectorKind.SFTP, 60,
                "not a key", new SftpSettings("127.0.0.1", 22, USER, SftpSettings.Auth.KEY, "/factures", null, key,
                null, null)))).hasMessageStartingWith("secret must be the private key");
        assertThatThrownBy(() -> f.service.create(f.dossier, new ConnectorRequest("X", ConnectorKind.SFTP, 60, null,
                PASSWORD, new PortalSettings("http://127.0.0.1/", "u", null, null, "http://127.0.0.1/", "pdf"), null)))
                .hasMessageStartingWith("portal is for a PORTAL connector; this one is SFTP: send the settings under sftp");
        assertThat(f.connectors.ofDossier(f.dossier.id())).isEmpty();
    }
}
