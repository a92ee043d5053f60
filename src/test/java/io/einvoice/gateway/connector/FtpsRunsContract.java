package io.einvoice.gateway.connector;

import io.einvoice.gateway.archive.Sha256;
import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.outbound.OutboundGuard;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.apache.ftpserver.listener.Listener;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.einvoice.gateway.connector.ConnectorFixture.invoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * FTPS connectors against a local Apache FtpServer started by the test with a self-signed certificate made by the
 * JDK's keytool (camel-ftp and Commons Net on the client side, real sockets, explicit AUTH TLS and PROT P): each file
 * fetched once, only the new ones after, files moved aside when asked; names with a path and oversized files left
 * there; a wrong password, another certificate or a server without TLS stop the connector (the password never sent
 * in those two); the guard keeps it off loopback unless allowed; settings checked field by field.
 */
abstract class FtpsRunsContract extends ConnectorContract {

    static final String USER = "edi-telecom";
    static final String PASSWORD = "mot-de-passe-ftps";
    private static final String STORE_PASSWORD = "magasin-de-cles";

    @TempDir
    static Path keys;
    private static Path serverStore;
    private static String serverFingerprint;
    private static String otherFingerprint;

    private FtpServer server;
    private int port;
    private Path root;
    private final AtomicInteger passwordsSent = new AtomicInteger();

    @BeforeAll
    static void certificates() throws Exception {
        serverStore = keys.resolve("server.p12");
        serverFingerprint = selfSigned(serverStore);
        otherFingerprint = selfSigned(keys.resolve("other.p12"));
    }

    /** A self-signed certificate for 127.0.0.1 by keytool, in a PKCS#12 store; its SHA-256 fingerprint. */
    private static String selfSigned(Path store) throws Exception {
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "ftps", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, STORE_PASSWORD.toCharArray());
        }
        return Sha256.of(keyStore.getCertificate("ftps").getEncoded());
    }

    @BeforeEach
    void open() throws Exception {
        root = Files.createDirectories(home.resolve("ftp-root"));
        Files.createDirectories(root.resolve("factures"));
        server = server(true);
        server.start();
        port = ((org.apache.ftpserver.impl.DefaultFtpServer) server).getListener("default").getPort();
        // the server listens on this machine: allowed by address, as an operator would allow it
        f.build(OutboundGuard.strict(InetAddress::getAllByName).allowing("127.0.0.1"), this::sources);
    }

    private FtpServer server(boolean tls) throws FtpException {
        FtpServerFactory factory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        if (tls) {
            SslConfigurationFactory ssl = new SslConfigurationFactory();
            ssl.setKeystoreFile(serverStore.toFile());
            ssl.setKeystoreType("PKCS12");
            ssl.setKeystorePassword(STORE_PASSWORD);
            ssl.setKeyPassword(STORE_PASSWORD);
            listener.setSslConfiguration(ssl.createSslConfiguration());
            listener.setImplicitSsl(false);
        }
        Listener made = listener.createListener();
        factory.addListener("default", made);
        var users = new PropertiesUserManagerFactory().createUserManager();
        BaseUser user = new BaseUser();
        user.setName(USER);
        user.setPassword(PASSWORD);
        user.setHomeDirectory(root.toString());
        user.setAuthorities(List.of(new WritePermission()));
        users.save(user);
        factory.setUserManager(users);
        factory.setFtplets(new java.util.HashMap<>(Map.of("count", new DefaultFtplet() {
            @Override
            public FtpletResult beforeCommand(FtpSession session, FtpRequest request) throws FtpException, IOException {
                if (request.getCommand().equalsIgnoreCase("PASS")) {
                    passwordsSent.incrementAndGet();
                }
                return super.beforeCommand(session, request);
            }
        })));
        return factory.createServer();
    }

    private List<InvoiceSource> sources(SupplierHttp http) {
        return List.of(new FtpsSource(OutboundGuard.strict(InetAddress::getAllByName).allowing("127.0.0.1"),
                () -> f.camel, Duration.ofSeconds(20)));
    }

    @AfterEach
    void close() throws Exception {
        server.stop();
    }

    private FtpsSettings settings(int port, String fingerprint, SftpSettings.AfterFetch after, String moveTo) {
        return new FtpsSettings("127.0.0.1", port, USER, false, "/factures", null, fingerprint, after, moveTo);
    }

    private Connector create(String password, String fingerprint) {
        return f.service.create(f.dossier, new ConnectorRequest("EDI Télécom", ConnectorKind.FTPS, 60, password,
                settings(port, fingerprint, null, null)));
    }

    private Path deposit(String name, byte[] content, long epochSecond) throws Exception {
        return ConnectorFixture.deposit(root.resolve("factures"), name, content, epochSecond);
    }

    @Test
    void fetchesEachMatchingFileOnceThenOnlyTheNewOnes() throws Exception {
        deposit("EDI-001.pdf", invoice("EDI-001"), 1_767_225_600L);
        deposit("EDI-002.pdf", invoice("EDI-002"), 1_767_312_000L);
        deposit("lisez-moi.txt", "pas une facture".getBytes(), 1_767_312_000L);
        Connector c = create(PASSWORD, serverFingerprint);

        ConnectorRuns.Report report = f.runs.runNow(c);

        assertThat(report.run().problem()).isNull();
        assertThat(report.run().outcome()).isEqualTo(ConnectorOutcome.OK);
        assertThat(report.run().listed()).as("the text file does not match the pattern").isEqualTo(2);
        assertThat(report.documents()).hasSize(2);
        assertThat(f.documents.findByTransport(f.dossier.id(), Channel.CONNECTOR, "connector:" + c.id()
                + ":/factures/EDI-001.pdf:" + Files.size(root.resolve("factures/EDI-001.pdf")) + ":1767225600")).get()
                .satisfies(d -> assertThat(d.status()).isEqualTo(DocumentStatus.RECOGNIZED));

        assertThat(f.runs.runNow(f.reload(c)).documents()).isEmpty();
        deposit("EDI-003.pdf", invoice("EDI-003"), 1_767_398_400L);
        assertThat(f.runs.runNow(f.reload(c)).documents()).hasSize(1);
        assertThat(f.connectorDocuments()).isEqualTo(3);
    }

    @Test
    void storedFilesAreMovedAsideWhenAsked() throws Exception {
        Files.createDirectories(root.resolve("factures/traitees"));
        deposit("EDI-001.pdf", invoice("EDI-001"), 1_767_225_600L);
        Connector c = f.service.create(f.dossier, new ConnectorRequest("EDI", ConnectorKind.FTPS, 60, PASSWORD,
                settings(port, serverFingerprint, SftpSettings.AfterFetch.MOVE, "/factures/traitees")));

        assertThat(f.runs.runNow(c).documents()).hasSize(1);

        assertThat(Files.exists(root.resolve("factures/EDI-001.pdf"))).isFalse();
        assertThat(Files.exists(root.resolve("factures/traitees/EDI-001.pdf"))).isTrue();
    }

    @Test
    void namesWithAPathAndOversizedFilesAreLeftThere() throws Exception {
        // Apache FtpServer does not list a name with backslashes; one with a control character it does
        deposit("..\\..\\evil.pdf", invoice("EDI-666"), 1_767_225_600L);
        deposit("facture\u0007.pdf", invoice("EDI-667"), 1_767_225_600L);
        deposit("gros.pdf", new byte[ConnectorFixture.MAX_FILE_BYTES + 1], 1_767_225_600L);
        deposit("EDI-001.pdf", invoice("EDI-001"), 1_767_225_600L);
        Connector c = create(PASSWORD, serverFingerprint);

        ConnectorRuns.Report report = f.runs.runNow(c);

        assertThat(report.run().outcome()).isEqualTo(ConnectorOutcome.PARTIAL);
        assertThat(report.run().problem()).contains("names a path or has control characters; left there").contains("gros.pdf is larger than 5,242,880 bytes");
        assertThat(report.documents()).hasSize(1);
        assertThat(Files.exists(root.resolve("factures/gros.pdf"))).isTrue();
    }

    @Test
    void aWrongPasswordStopsTheConnector() throws Exception {
        deposit("EDI-001.pdf", invoice("EDI-001"), 1_767_225_600L);

        f.assertRefusedPasswordStops(create("mauvais", serverFingerprint), USER);
    }

    @Test
    void anotherCertificateStopsTheConnectorBeforeThePasswordIsSent() throws Exception {
        deposit("EDI-001.pdf", invoice("EDI-001"), 1_767_225_600L);
        Connector c = create(PASSWORD, otherFingerprint.replaceAll("(..)(?!$)", "$1:").toUpperCase());

        f.runs.scheduled(c.id());

        Connector after = f.reload(c);
        assertThat(after.lastOutcome()).isEqualTo(ConnectorOutcome.STOPPED);
        assertThat(after.lastProblem()).contains("showed a certificate other than the pinned one")
                .contains(serverFingerprint).contains("ftps.certificateSha256");
        assertThat(passwordsSent.get()).isZero();
        assertThat(f.connectorDocuments()).isZero();
    }

    @Test
    void aServerWithoutTlsStopsTheConnectorBeforeThePasswordIsSent() throws Exception {
        FtpServer plain = server(false);
        plain.start();
        try {
            int plainPort = ((org.apache.ftpserver.impl.DefaultFtpServer) plain).getListener("default").getPort();
            Connector c = f.service.create(f.dossier, new ConnectorRequest("EDI", ConnectorKind.FTPS, 60, PASSWORD,
                    settings(plainPort, serverFingerprint, null, null)));

            f.runs.scheduled(c.id());

            Connector after = f.reload(c);
            assertThat(after.lastOutcome()).isEqualTo(ConnectorOutcome.STOPPED);
            assertThat(after.lastProblem()).contains("no TLS with the FTPS server");
            assertThat(passwordsSent.get()).isZero();
        } finally {
            plain.stop();
        }
    }

    @Test
    void theGuardRefusesALoopbackHostUnlessAllowed() throws Exception {
        f.assertLoopbackRefused(this::sources, () -> create(PASSWORD, serverFingerprint), "(ftps.host)");

        // saved while allowed, then the gateway's guard no longer allows it: the run stops, nothing is sent
        f.build(OutboundGuard.strict(InetAddress::getAllByName).allowing("127.0.0.1"),
                http -> List.of(new FtpsSource(OutboundGuard.strict(InetAddress::getAllByName), () -> f.camel,
                        Duration.ofSeconds(20))));
        Connector c = create(PASSWORD, serverFingerprint);
        f.runs.scheduled(c.id());
        assertThat(f.reload(c).lastOutcome()).isEqualTo(ConnectorOutcome.STOPPED);
        assertThat(f.reload(c).lastProblem()).contains("(ftps.host)");
        assertThat(passwordsSent.get()).isZero();
    }

    @Test
    void settingsAreCheckedFieldByField() {
        assertThatThrownBy(() -> create(PASSWORD, "abcd"))
                .hasMessageContaining("ftps.certificateSha256 is required");
        assertThatThrownBy(() -> f.service.create(f.dossier, new ConnectorRequest("EDI", ConnectorKind.FTPS, 60, PASSWORD,
                new FtpsSettings("127.0.0.1", port, USER, false, "/factures/../etc", null, serverFingerprint, null, null))))
                .hasMessageContaining("ftps.remoteDir must be a folder path");
        assertThatThrownBy(() -> f.service.create(f.dossier, new ConnectorRequest("EDI", ConnectorKind.FTPS, 60, PASSWORD,
                new FtpsSettings("user@127.0.0.1", port, USER, false, "/factures", null, serverFingerprint, null, null))))
                .hasMessageContaining("ftps.host must be a host name or an IP address");
        assertThatThrownBy(() -> f.service.create(f.dossier, new ConnectorRequest("EDI", ConnectorKind.FTPS, 60, PASSWORD,
                new FtpsSettings("127.0.0.1", 70000, USER, false, "/factures", null, serverFingerprint, null, null))))
                .hasMessageContaining("ftps.port must be between 1 and 65535");
        assertThatThrownBy(() -> f.service.create(f.dossier, new ConnectorRequest("EDI", ConnectorKind.FTPS, 60, PASSWORD,
                settings(port, serverFingerprint, SftpSettings.AfterFetch.MOVE, "/factures/"))))
                .hasMessageContaining("ftps.moveTo must be another folder");
        assertThatThrownBy(() -> f.service.create(f.dossier, new ConnectorRequest("EDI", ConnectorKind.FTPS, 60, null,
                settings(port, serverFingerprint, null, null))))
                .hasMessageContaining("secret is required");
    }
}
