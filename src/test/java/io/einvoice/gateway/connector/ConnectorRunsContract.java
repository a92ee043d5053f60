package io.einvoice.gateway.connector;

import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.connector.simulator.MockSupplierPortal;
import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.SecretCipher;
import io.einvoice.gateway.dossier.TestDossiers;
import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.ingest.IngestService;
import io.einvoice.gateway.outbound.OutboundGuard;
import io.einvoice.gateway.system.DatabaseOfEachTest;
import io.einvoice.gateway.system.TestDatabase;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Connector runs against the mock supplier portal over real HTTP (camel-http), with a real database, blob store and
 * ingest step: what is fetched, what is not fetched twice, how a busy, refusing, broken or oversized source ends a
 * run, and that the outbound guard keeps connectors off loopback addresses unless the operator allows them.
 */
abstract class ConnectorRunsContract {

    static final String SIREN = "123456782";
    static final String SECRET = "s3cret-client";
    static final int MAX_FILE_BYTES = 5 * 1024 * 1024;

    @TempDir
    Path home;

    private DefaultCamelContext camel;
    private MockSupplierPortal portal;
    private DocumentRepository documents;
    private ConnectorRepository connectors;
    private ConnectorService service;
    private ConnectorRuns runs;
    private Dossier dossier;
    private SecretCipher secrets;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    abstract TestDatabase database(Path home) throws Exception;

    @RegisterExtension
    final DatabaseOfEachTest database = new DatabaseOfEachTest(this::database);

    @BeforeEach
    void open() throws Exception {
        DossierRepository dossiers = new DossierRepository(database.jdbc());
        dossier = TestDossiers.firmWithDossier(dossiers, SIREN);
        documents = new DocumentRepository(database.jdbc());
        IngestService ingest = new IngestService(dossiers, documents, new BlobStore(home.resolve("blobs")),
                new InvoiceReader(), database.transactions(), MAX_FILE_BYTES);
        camel = new DefaultCamelContext();
        camel.start();
        portal = MockSupplierPortal.start(0, SECRET, 2);
        secrets = SecretCipher.of("connector test key");
        connectors = new ConnectorRepository(database.jdbc());
        // the portal listens on this machine: allowed by address, as an operator would allow it
        build(OutboundGuard.strict(InetAddress::getAllByName).allowing("127.0.0.1"), MAX_FILE_BYTES, dossiers, ingest);
    }

    private void build(OutboundGuard guard, int maxFileBytes, DossierRepository dossiers, IngestService ingest) {
        SupplierHttp http = new SupplierHttp(guard, () -> camel, d -> {
            waits.add(d);
            Thread.sleep(d.toMillis());
        }, Duration.ofSeconds(10));
        runs = new ConnectorRuns(connectors, dossiers, documents, ingest, List.of(new RestJsonSource(http)), secrets,
                maxFileBytes, Clock.systemUTC());
        service = new ConnectorService(connectors, secrets, http, () -> { }, Clock.systemUTC());
    }

    @AfterEach
    void close() throws Exception {
        portal.close();
        camel.close();
    }

    private Connector create(String listPath, String secret) {
        return service.create(dossier, request(portal.baseUrl() + listPath, secret));
    }

    private ConnectorRequest request(String listUrl, String secret) {
        return new ConnectorRequest("Fournisseur Télécom", ConnectorKind.REST_JSON, 60,
                new RestSettings(listUrl, "page", null, "/data/invoices", "/ref", "/issued", "/links/pdf",
                        RestAuth.OAUTH2, null, null, portal.baseUrl() + MockSupplierPortal.TOKEN_PATH,
                        MockSupplierPortal.CLIENT_ID), secret);
    }

    private Connector reload(Connector c) {
        return connectors.find(c.id()).orElseThrow();
    }

    private int connectorDocuments() {
        Integer n = database.jdbc().queryForObject("SELECT COUNT(*) FROM document WHERE dossier_id = ? AND channel = ?",
                Integer.class, dossier.id(), Channel.CONNECTOR.name());
        return n == null ? 0 : n;
    }

    private static byte[] invoice(String number) {
        return SampleInvoices.facturXPdf(number, SampleInvoices.Seller.of("Fournisseur Télécom", "552100554"));
    }

    @Test
    void fetchesEveryPageOnceThenOnlyTheNewInvoices() throws Exception {
        portal.publish("TEL-001", "2026-01-31", invoice("TEL-001"));
        portal.publish("TEL-002", "2026-02-28", invoice("TEL-002"));
        portal.publish("TEL-003", "2026-03-31", invoice("TEL-003"));
        Connector c = create(MockSupplierPortal.LIST_PATH, SECRET);

        ConnectorRuns.Report first = runs.runNow(c);
        assertThat(first.run().outcome()).isEqualTo(ConnectorOutcome.OK);
        assertThat(first.run().listed()).isEqualTo(3);
        assertThat(first.documents()).hasSize(3);
        assertThat(connectorDocuments()).isEqualTo(3);
        assertThat(documents.findByTransport(dossier.id(), Channel.CONNECTOR, "connector:" + c.id() + ":TEL-002"))
                .get().satisfies(d -> assertThat(d.status()).isEqualTo(DocumentStatus.RECOGNIZED));
        assertThat(reload(c).cursor()).isEqualTo("2026-03-31");
        // tokens last two calls here: the run went on with new ones
        assertThat(portal.callsTo(MockSupplierPortal.TOKEN_PATH)).isGreaterThan(1);

        long downloads = portal.calls().stream().filter(call -> call.path().startsWith("/files/")).count();
        ConnectorRuns.Report second = runs.runNow(reload(c));
        assertThat(second.run().listed()).isEqualTo(3);
        assertThat(second.documents()).isEmpty();
        assertThat(portal.calls().stream().filter(call -> call.path().startsWith("/files/")).count())
                .as("nothing downloaded again").isEqualTo(downloads);

        portal.publish("TEL-004", "2026-04-30", invoice("TEL-004"));
        ConnectorRuns.Report third = runs.runNow(reload(c));
        assertThat(third.documents()).hasSize(1);
        assertThat(connectorDocuments()).isEqualTo(4);
        assertThat(portal.calls()).filteredOn(call -> call.path().equals("/files/TEL-004.pdf")).isNotEmpty();
        assertThat(portal.calls().stream().filter(call -> call.path().startsWith("/files/") && !call.path().contains("TEL-004"))
                .count()).isEqualTo(downloads);
        assertThat(connectors.runs(c.id(), 10)).hasSize(3).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(ConnectorOutcome.OK));
    }

    @Test
    void aDryRunListsWhatWouldBeFetchedAndFetchesNothing() throws Exception {
        portal.publish("TEL-001", "2026-01-31", invoice("TEL-001"));
        portal.publish("TEL-002", "2026-02-28", invoice("TEL-002"));
        Connector c = create(MockSupplierPortal.LIST_PATH, SECRET);

        ConnectorRuns.Report dry = runs.dryRun(c);

        assertThat(dry.wouldFetch()).extracting(RemoteInvoice::remoteId).containsExactly("TEL-001", "TEL-002");
        assertThat(dry.wouldFetch().get(0).downloadUrl()).isEqualTo(portal.baseUrl() + "/files/TEL-001.pdf");
        assertThat(connectorDocuments()).isZero();
        assertThat(portal.calls()).noneMatch(call -> call.path().startsWith("/files/"));
        assertThat(reload(c).lastRunAt()).as("a dry run is not the connector's last run").isNull();
        assertThat(connectors.runs(c.id(), 10)).singleElement()
                .satisfies(r -> assertThat(r.trigger()).isEqualTo(ConnectorRun.Trigger.DRY_RUN));
    }

    @Test
    void aTooManyRequestsAnswerIsAskedAgainAfterItsRetryAfter() throws Exception {
        portal.publish("TEL-001", "2026-01-31", invoice("TEL-001"));
        Connector c = create(MockSupplierPortal.LIST_PATH, SECRET);
        portal.throttle(1, 1);

        ConnectorRuns.Report report = runs.runNow(c);

        assertThat(waits).containsExactly(Duration.ofSeconds(1));
        assertThat(report.run().outcome()).isEqualTo(ConnectorOutcome.OK);
        assertThat(report.documents()).hasSize(1);
        List<MockSupplierPortal.Call> lists = portal.calls().stream()
                .filter(call -> call.path().equals(MockSupplierPortal.LIST_PATH)).toList();
        assertThat(Duration.ofNanos(lists.get(1).atNanos() - lists.get(0).atNanos())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRetryAfterLongerThanARunMayWaitFailsTheRunWithoutWaiting() throws Exception {
        Connector c = create(MockSupplierPortal.LIST_PATH, SECRET);
        portal.throttle(1, 3600);

        ConnectorRuns.Report report = runs.runNow(c);

        assertThat(waits).isEmpty();
        assertThat(report.run().outcome()).isEqualTo(ConnectorOutcome.FAILED);
        assertThat(reload(c).lastProblem()).contains("asked to wait").contains("next run tries again");
        assertThat(reload(c).paused()).isFalse();
    }

    @Test
    void aWrongClientSecretShowsItsProblemAndStopsTheConnector() throws Exception {
        portal.publish("TEL-001", "2026-01-31", invoice("TEL-001"));
        Connector c = create(MockSupplierPortal.LIST_PATH, "wrong secret");

        runs.scheduled(c.id());
        runs.scheduled(c.id());

        Connector after = reload(c);
        assertThat(after.lastOutcome()).isEqualTo(ConnectorOutcome.STOPPED);
        assertThat(after.paused()).isTrue();
        assertThat(after.lastProblem()).contains("refused the client id or secret (HTTP 401)")
                .contains("enter the right client secret").doesNotContain("invalid_client");
        assertThat(portal.callsTo(MockSupplierPortal.TOKEN_PATH)).as("no retry loop").isEqualTo(1);
        assertThat(connectors.runs(c.id(), 10)).hasSize(1);
        assertThat(connectorDocuments()).isZero();

        // the right secret saved: it runs again
        Connector fixed = service.update(after, request(portal.baseUrl() + MockSupplierPortal.LIST_PATH, SECRET));
        assertThat(fixed.paused()).isFalse();
        assertThat(runs.runNow(fixed).documents()).hasSize(1);
    }

    @Test
    void aCorruptedFileIsStoredQuarantinedWithItsReasonAndTheOthersGoOn() throws Exception {
        byte[] good = invoice("TEL-001");
        portal.publish("TEL-001", "2026-01-31", good);
        portal.publish("TEL-BAD", "2026-02-28", Arrays.copyOf(invoice("TEL-BAD"), 700));
        portal.publish("TEL-003", "2026-03-31", invoice("TEL-003"));
        Connector c = create(MockSupplierPortal.LIST_PATH, SECRET);

        ConnectorRuns.Report report = runs.runNow(c);

        assertThat(report.run().outcome()).isEqualTo(ConnectorOutcome.OK);
        assertThat(report.run().fetched()).isEqualTo(3);
        assertThat(report.run().quarantined()).isEqualTo(1);
        assertThat(documents.findByTransport(dossier.id(), Channel.CONNECTOR, "connector:" + c.id() + ":TEL-BAD"))
                .get().satisfies(d -> {
                    assertThat(d.status()).isEqualTo(DocumentStatus.QUARANTINED);
                    assertThat(d.statusReason()).isNotBlank();
                });
        // quarantined is stored: the next run does not fetch it again
        assertThat(runs.runNow(reload(c)).documents()).isEmpty();
    }

    @Test
    void aConnectorToALoopbackAddressIsRefusedByTheGuard() {
        build(OutboundGuard.strict(InetAddress::getAllByName), MAX_FILE_BYTES, new DossierRepository(database.jdbc()),
                new IngestService(new DossierRepository(database.jdbc()), documents, new BlobStore(home.resolve("blobs")),
                        new InvoiceReader(), database.transactions(), MAX_FILE_BYTES));

        assertThatThrownBy(() -> create(MockSupplierPortal.LIST_PATH, SECRET))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback")
                .hasMessageContaining(OutboundGuard.ENV);
        assertThat(portal.calls()).isEmpty();
    }

    @Test
    void aRedirectToAHostTheGuardRefusesStopsTheConnector() throws Exception {
        portal.publish("TEL-001", "2026-01-31", invoice("TEL-001"));
        Connector c = create(MockSupplierPortal.REDIRECT_PATH, SECRET);

        ConnectorRuns.Report report = runs.runNow(c);

        assertThat(report.run().outcome()).isEqualTo(ConnectorOutcome.STOPPED);
        assertThat(reload(c).lastProblem()).contains("169.254.169.254").contains("link-local").contains("redirected");
        assertThat(portal.callsTo(MockSupplierPortal.LIST_PATH)).isZero();
    }

    @Test
    void anOversizedListIsNotRead() throws Exception {
        portal.publish("TEL-001", "2026-01-31", invoice("TEL-001"));
        portal.padLists(RestJsonSource.MAX_LIST_BYTES + 1);
        Connector c = create(MockSupplierPortal.LIST_PATH, SECRET);

        ConnectorRuns.Report report = runs.runNow(c);

        assertThat(report.run().outcome()).isEqualTo(ConnectorOutcome.FAILED);
        assertThat(reload(c).lastProblem()).contains("larger than 4,194,304 bytes and was not read");
        assertThat(connectorDocuments()).isZero();
    }

    @Test
    void anOversizedInvoiceIsLeftAtTheSourceAndTheOthersAreFetched() throws Exception {
        build(OutboundGuard.strict(InetAddress::getAllByName).allowing("127.0.0.1"), 100_000,
                new DossierRepository(database.jdbc()), new IngestService(new DossierRepository(database.jdbc()), documents,
                        new BlobStore(home.resolve("blobs")), new InvoiceReader(), database.transactions(), MAX_FILE_BYTES));
        byte[] big = new byte[200_000];
        Arrays.fill(big, (byte) 'x');
        portal.publish("TEL-BIG", "2026-01-31", big);
        portal.publish("TEL-002", "2026-02-28", invoice("TEL-002"));
        Connector c = create(MockSupplierPortal.LIST_PATH, SECRET);

        ConnectorRuns.Report report = runs.runNow(c);

        assertThat(report.run().outcome()).isEqualTo(ConnectorOutcome.PARTIAL);
        assertThat(report.documents()).hasSize(1);
        assertThat(reload(c).lastProblem()).contains("invoice TEL-BIG").contains("larger than 100,000 bytes");
        assertThat(documents.findByTransport(dossier.id(), Channel.CONNECTOR, "connector:" + c.id() + ":TEL-BIG")).isEmpty();
    }

    @Test
    void theSecretIsStoredSealedForItsConnector() {
        Connector c = create(MockSupplierPortal.LIST_PATH, SECRET);

        String stored = database.jdbc().queryForObject("SELECT secret FROM connector WHERE id = ?", String.class, c.id());
        assertThat(stored).doesNotContain(SECRET).startsWith("v1:");
        assertThat(secrets.decrypt(stored, c.id())).isEqualTo(SECRET);
        assertThatThrownBy(() -> secrets.decrypt(stored, UUID.randomUUID().toString()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void badSettingsAreRefusedInOurWords() {
        String list = portal.baseUrl() + MockSupplierPortal.LIST_PATH;
        assertThatThrownBy(() -> service.create(dossier, new ConnectorRequest("X", ConnectorKind.REST_JSON, 60,
                new RestSettings("file:///etc/passwd", null, null, "/a", "/id", null, "/url", RestAuth.NONE, null, null,
                        null, null), null))).hasMessage("the address for rest.listUrl must be an http or https URL");
        assertThatThrownBy(() -> service.create(dossier, new ConnectorRequest("X", ConnectorKind.REST_JSON, 60,
                new RestSettings(list, null, null, "data", "/id", null, "/url", RestAuth.NONE, null, null, null, null),
                null))).hasMessageStartingWith("rest.itemsPointer must be a JSON pointer");
        assertThatThrownBy(() -> service.create(dossier, new ConnectorRequest("X", ConnectorKind.REST_JSON, 1,
                new RestSettings(list, null, null, "/a", "/id", null, "/url", RestAuth.NONE, null, null, null, null),
                null))).hasMessageStartingWith("pollMinutes must be between");
        assertThatThrownBy(() -> service.create(dossier, new ConnectorRequest("X", ConnectorKind.REST_JSON, 60,
                new RestSettings(list, null, null, "/a", "/id", null, "/url", RestAuth.API_KEY, "Bad Header:", null,
                        null, null), "k"))).hasMessageStartingWith("rest.apiKeyHeader must be");
        assertThatThrownBy(() -> service.create(dossier, new ConnectorRequest("X", ConnectorKind.REST_JSON, 60,
                new RestSettings(list, null, null, "/a", "/id", null, "/url", RestAuth.BEARER, null, null, null, null),
                null))).hasMessageStartingWith("secret is required");
        assertThatThrownBy(() -> service.create(dossier, new ConnectorRequest("X", ConnectorKind.REST_JSON, 60,
                new RestSettings(list, null, null, "/a", "/id", null, "/url", RestAuth.BEARER, null, null, null, null),
                "x".repeat(1001)))).hasMessageStartingWith("secret must have 1 to 1000 bytes");
        assertThat(connectors.ofDossier(dossier.id())).isEmpty();
    }
}
