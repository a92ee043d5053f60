package io.einvoice.gateway.dispatch.pa;

import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.connector.SupplierHttp;
import io.einvoice.gateway.dispatch.DispatchOutcome;
import io.einvoice.gateway.dispatch.DispatchRepository;
import io.einvoice.gateway.dispatch.OutboundTestBed;
import io.einvoice.gateway.dispatch.pa.simulator.PaSimulator;
import io.einvoice.gateway.dispatch.pa.simulator.SimulatedPa;
import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.SecretCipher;
import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.ingest.IncomingFile;
import io.einvoice.gateway.ingest.IngestService;
import io.einvoice.gateway.lifecycle.LifecycleEmission;
import io.einvoice.gateway.lifecycle.LifecycleRepository;
import io.einvoice.gateway.outbound.OutboundGuard;
import io.einvoice.gateway.system.Database;
import io.einvoice.gateway.system.MovableClock;
import io.einvoice.gateway.system.TestDatabase;
import org.apache.camel.CamelContext;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A PA simulator on a free port (its clock moved by the test), a migrated database with the seller dossier (the
 * samples' seller) and the buyer dossier (DEMONSTRATION), each with a PA account, and the connector talking real
 * HTTP (camel-http through the outbound guard) with a one-second timeout. Waits between retries are recorded, not slept.
 */
public final class PaTestBed implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(1);
    public static final String SELLER = SampleInvoices.SELLER_SIREN;
    public static final String BUYER = SampleInvoices.BUYER_SIREN;

    public final OutboundTestBed outbound;
    public final TestDatabase testDatabase;
    public final Database database;
    public final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T10:00:00Z"));
    public final PaSimulator simulator;
    public final CamelContext camel;
    public final List<Duration> waits = new CopyOnWriteArrayList<>();
    public final DossierRepository dossiers;
    public final DocumentRepository documents;
    public final DispatchRepository dispatch;
    public final LifecycleRepository lifecycle;
    public final BlobStore blobs;
    public final IngestService ingest;
    public final PaAccounts accounts;
    public final PaFlows flows;
    public final String sellerDossier;
    public final String buyerDossier;
    public PaApi api;
    public PaDispatcher dispatcher;
    public PaFollower follower;

    public PaTestBed(TestDatabase testDatabase, Path home) throws Exception {
        outbound = new OutboundTestBed(testDatabase);
        this.testDatabase = testDatabase;
        database = outbound.database;
        camel = outbound.camel;
        dossiers = outbound.dossiers;
        documents = new DocumentRepository(database.jdbc());
        dispatch = new DispatchRepository(database.jdbc());
        lifecycle = new LifecycleRepository(database.jdbc());
        blobs = new BlobStore(home.resolve("blobs"));
        ingest = new IngestService(dossiers, documents, blobs, new InvoiceReader(), database.transactions(), 50L * 1024 * 1024);
        sellerDossier = outbound.dossier(SELLER, null, "Fournitures Lumière");
        buyerDossier = outbound.dossier(BUYER, null, "DEMONSTRATION");
        SimulatedPa pa = new SimulatedPa(clock);
        simulator = outbound.simulator(PaSimulator.start(0, pa).addClient("seller-client", "seller-secret", Set.of(SELLER))
                .addClient("buyer-client", "buyer-secret", Set.of(BUYER)));
        accounts = new PaAccounts(database.jdbc(), SecretCipher.of("test secret key, long enough"));
        flows = new PaFlows(database.jdbc());
        account(sellerDossier, SELLER, "seller-client", "seller-secret", List.of(BUYER));
        account(buyerDossier, BUYER, "buyer-client", "buyer-secret", List.of());
        restart();
    }

    void account(String dossierId, String organization, String clientId, String secret, List<String> buyers) {
        database.transactions().executeWithoutResult(tx -> accounts.save(new PaAccount(dossierId, simulator.baseUrl(),
                simulator.tokenUrl(), clientId, organization, false, buyers, null, null, null), secret, null));
    }

    /** A new connector on the same database and PA, as after a restart of the gateway. */
    public void restart() {
        OutboundGuard guard = OutboundGuard.strict(InetAddress::getAllByName).allowing("127.0.0.1");
        SupplierHttp http = new SupplierHttp(guard, () -> camel, waits::add, TIMEOUT, "pa" + UUID.randomUUID().toString()
                .substring(0, 8));
        api = new PaApi(http, waits::add, Clock.systemUTC(), 4, Duration.ofMillis(100), 10 * 1024 * 1024);
        dispatcher = new PaDispatcher(api, accounts, flows, dossiers);
        follower = new PaFollower(api, accounts, flows, dispatcher, dossiers, documents, dispatch, lifecycle, blobs, ingest,
                database.transactions(), new PaWebhookSubscriptions(api, accounts, dossiers, "http://127.0.0.1:9"));
    }

    /** A sales invoice of the seller dossier, stored as the gateway stores one. */
    public String salesDocument(String number, byte[] facturX) throws Exception {
        return ingest.receive(new IncomingFile(SELLER, Direction.SALES, Channel.UPLOAD, number + ".pdf", "test:" + number),
                new ByteArrayInputStream(facturX)).documentId();
    }

    /** A sales invoice of the seller dossier: the stored document and the Factur-X PDF it was stored from. */
    public record SalesInvoice(String doc, byte[] pdf) {
    }

    /** The sample Factur-X invoice numbered {@code number}, stored as a sales invoice of the seller dossier. */
    public SalesInvoice salesInvoice(String number) throws Exception {
        byte[] pdf = SampleInvoices.facturXPdf(number);
        return new SalesInvoice(salesDocument(number, pdf), pdf);
    }

    /** The invoice sent from the seller dossier through the PA connector as {@code fileName}, as dispatch sends it. */
    public DispatchOutcome send(SalesInvoice invoice, String fileName) {
        return dispatcher.send(sellerDossier, invoice.doc(), fileName, invoice.pdf());
    }

    LifecycleEmission emission() {
        return new LifecycleEmission(lifecycle, documents, dossiers, blobs, database.transactions(), Clock.systemUTC());
    }

    public SimulatedPa pa() {
        return simulator.pa();
    }

    @Override
    public void close() {
        outbound.close();
    }
}
