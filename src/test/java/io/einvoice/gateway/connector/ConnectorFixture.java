package io.einvoice.gateway.connector;

import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.SecretCipher;
import io.einvoice.gateway.dossier.TestDossiers;
import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.ingest.IngestService;
import io.einvoice.gateway.outbound.OutboundGuard;
import io.einvoice.gateway.system.Database;
import io.einvoice.gateway.system.TestDatabase;
import org.apache.camel.impl.DefaultCamelContext;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a connector kind's tests run on: a real database with one dossier, blob store, ingest step and Camel context,
 * and the connector service and runs made with a guard the test chooses. The waits asked by 429s are recorded.
 */
final class ConnectorFixture implements AutoCloseable {

    static final String SIREN = "123456782";
    static final int MAX_FILE_BYTES = 5 * 1024 * 1024;

    final TestDatabase testDatabase;
    final Database database;
    final DefaultCamelContext camel;
    final DocumentRepository documents;
    final ConnectorRepository connectors;
    final SecretCipher secrets = SecretCipher.of("connector test key");
    final Dossier dossier;
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final DossierRepository dossiers;
    private final IngestService ingest;
    ConnectorService service;
    ConnectorRuns runs;

    ConnectorFixture(TestDatabase testDatabase, Path home) {
        this.testDatabase = testDatabase;
        database = Database.open(testDatabase.url(), testDatabase.user(), testDatabase.password());
        dossiers = new DossierRepository(database.jdbc());
        dossier = TestDossiers.firmWithDossier(dossiers, SIREN);
        documents = new DocumentRepository(database.jdbc());
        ingest = new IngestService(dossiers, documents, new BlobStore(home.resolve("blobs")), new InvoiceReader(),
                database.transactions(), MAX_FILE_BYTES);
        camel = new DefaultCamelContext();
        camel.start();
        connectors = new ConnectorRepository(database.jdbc());
    }

    /** Service and runs with this guard and these sources (made from the guarded HTTP client). */
    void build(OutboundGuard guard, Function<SupplierHttp, List<InvoiceSource>> sources) {
        SupplierHttp http = new SupplierHttp(guard, () -> camel, d -> {
            waits.add(d);
            Thread.sleep(d.toMillis());
        }, Duration.ofSeconds(10));
        runs = new ConnectorRuns(connectors, dossiers, documents, ingest, sources.apply(http), secrets, MAX_FILE_BYTES,
                Clock.systemUTC());
        service = new ConnectorService(connectors, secrets, http, () -> { }, Clock.systemUTC());
    }

    Connector reload(Connector c) {
        return connectors.find(c.id()).orElseThrow();
    }

    int connectorDocuments() {
        Integer n = database.jdbc().queryForObject("SELECT COUNT(*) FROM document WHERE dossier_id = ? AND channel = ?",
                Integer.class, dossier.id(), Channel.CONNECTOR.name());
        return n == null ? 0 : n;
    }

    /** What a refused password does to a connector of any protocol: its run stops it, pauses it and names the user. */
    void assertRefusedPasswordStops(Connector c, String user) {
        runs.scheduled(c.id());

        Connector after = reload(c);
        assertThat(after.lastOutcome()).isEqualTo(ConnectorOutcome.STOPPED);
        assertThat(after.paused()).isTrue();
        assertThat(after.lastProblem()).contains("refused the username or password for " + user);
    }

    /**
     * What the gateway's strict guard (no private address allowed) does to a connector of any protocol whose server is
     * on this machine: with service and runs made with that guard and these sources, creating the connector is refused,
     * naming the setting, the loopback address and the variable that would allow it.
     */
    void assertLoopbackRefused(Function<SupplierHttp, List<InvoiceSource>> sources, ThrowingCallable create,
                               String setting) {
        build(OutboundGuard.strict(InetAddress::getAllByName), sources);

        assertThatThrownBy(create).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(setting)
                .hasMessageContaining("loopback").hasMessageContaining(OutboundGuard.ENV);
    }

    /** A file on a supplier's server, with the modification time the connector keys it by. */
    static Path deposit(Path folder, String name, byte[] content, long epochSecond) throws IOException {
        Path file = folder.resolve(name);
        Files.write(file, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(epochSecond)));
        return file;
    }

    static byte[] invoice(String number) {
        return SampleInvoices.facturXPdf(number, SampleInvoices.Seller.of("Fournisseur Télécom", "552100554"));
    }

    @Override
    public void close() throws Exception {
        camel.close();
        database.close();
        testDatabase.close();
    }
}
