package io.einvoice.gateway.connector;

import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.SecretCipher;
import io.einvoice.gateway.ingest.IncomingFile;
import io.einvoice.gateway.ingest.IngestResult;
import io.einvoice.gateway.ingest.IngestService;
import io.einvoice.gateway.ingest.UnknownDossierException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs a connector: lists its source, fetches each invoice not stored before (same connector and remote id: same
 * transport id) and hands it to the ingest step, which stores it and commits the document — readable, or quarantined
 * with the reason — before the next one is fetched. Every run is recorded with its outcome. A dry run lists what would
 * be fetched and fetches nothing. One run at a time per connector.
 */
public class ConnectorRuns {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorRuns.class);

    /**
     * What a run did; for a dry run, {@code wouldFetch} lists the invoices a run would fetch now. {@code committed}: the
     * documents it stored, which the connector's route hands on (routes/connector.camel.yaml).
     */
    public record Report(ConnectorRun run, List<RemoteInvoice> wouldFetch, List<IngestResult> committed) {

        /** The ids of the documents the run stored. */
        public List<String> documents() {
            return committed.stream().map(IngestResult::documentId).toList();
        }
    }

    private final ConnectorRepository connectors;
    private final DossierRepository dossiers;
    private final DocumentRepository documents;
    private final IngestService ingest;
    private final Map<ConnectorKind, InvoiceSource> sources = new EnumMap<>(ConnectorKind.class);
    private final SecretCipher secrets;
    private final int maxFileBytes;
    private final Clock clock;
    private final Map<String, ReentrantLock> running = new ConcurrentHashMap<>();

    public ConnectorRuns(ConnectorRepository connectors, DossierRepository dossiers, DocumentRepository documents,
                         IngestService ingest, List<InvoiceSource> sources, SecretCipher secrets, long maxFileBytes, Clock clock) {
        this.connectors = connectors;
        this.dossiers = dossiers;
        this.documents = documents;
        this.ingest = ingest;
        sources.forEach(s -> this.sources.put(s.kind(), s));
        this.secrets = secrets;
        this.maxFileBytes = (int) Math.min(maxFileBytes, Integer.MAX_VALUE - 16);
        this.clock = clock;
    }

    /**
     * Called by the connector's route on its schedule; a paused (or stopped) connector is left alone.
     * @return the documents the run stored, for the route to hand on
     */
    public List<IngestResult> scheduled(String connectorId) {
        Optional<Connector> c = connectors.find(connectorId);
        if (c.isPresent() && !c.get().paused()) {
            try {
                return run(c.get(), ConnectorRun.Trigger.SCHEDULE).committed();
            } catch (ConnectorBusyException e) {
                LOG.info("connector {}: a run asked for by a person is under way, this scheduled one is skipped",
                        connectorId);
            }
        }
        return List.of();
    }

    /** A run now, paused or not (a person asked for it). */
    public Report runNow(Connector c) throws ConnectorBusyException {
        return run(c, ConnectorRun.Trigger.NOW);
    }

    public Report dryRun(Connector c) throws ConnectorBusyException {
        return run(c, ConnectorRun.Trigger.DRY_RUN);
    }

    private Report run(Connector c, ConnectorRun.Trigger trigger) throws ConnectorBusyException {
        ReentrantLock lock = running.computeIfAbsent(c.id(), id -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new ConnectorBusyException();
        }
        try {
            return locked(c, trigger);
        } finally {
            lock.unlock();
        }
    }

    private Report locked(Connector c, ConnectorRun.Trigger trigger) {
        OffsetDateTime started = OffsetDateTime.now(clock);
        Dossier dossier = dossiers.findById(c.dossierId()).orElseThrow(() ->
                new IllegalStateException("connector " + c.id() + " has no dossier"));
        List<RemoteInvoice> fresh = new ArrayList<>();
        List<IngestResult> stored = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int listed = 0;
        int quarantined = 0;
        String cursor = null;
        ConnectorOutcome outcome;
        try {
            String secret = secret(c);
            try {
                InvoiceSource.Listing listing = source(c).list(c, secret, c.cursor());
                listed = listing.invoices().size();
                problems.addAll(listing.skipped());
                for (RemoteInvoice invoice : listing.invoices()) {
                    String transportId = invoice.transportId(c.id());
                    if (documents.findByTransport(c.dossierId(), Channel.CONNECTOR, transportId).isEmpty()) {
                        fresh.add(invoice);
                    }
                }
                if (trigger != ConnectorRun.Trigger.DRY_RUN) {
                    for (RemoteInvoice invoice : fresh) {
                        try {
                            IngestResult result = fetch(c, dossier, secret, invoice);
                            stored.add(result);
                            quarantined += result.quarantined() ? 1 : 0;
                            cursor = newer(cursor, invoice.date());
                            // stored first: a file moved aside at the source is never one the gateway lacks
                            source(c).stored(c, invoice);
                        } catch (ConnectorException e) {
                            if (e.stops()) {
                                throw e;
                            }
                            problems.add(e.getMessage());
                            LOG.warn("connector dossier={} connector={} remote={} not fetched: {}", dossier.siren(), c.id(),
                                    invoice.remoteId(), e.getMessage());
                        }
                    }
                }
            } finally {
                InvoiceSource source = sources.get(c.kind());
                if (source != null) {
                    source.finished(c);
                }
            }
            outcome = problems.isEmpty() ? ConnectorOutcome.OK : ConnectorOutcome.PARTIAL;
        } catch (ConnectorException e) {
            outcome = e.stops() ? ConnectorOutcome.STOPPED : ConnectorOutcome.FAILED;
            problems.add(0, e.getMessage());
            if (e.stops()) {
                LOG.error("connector dossier={} connector={} stopped: {}", dossier.siren(), c.label(), e.getMessage());
            } else {
                LOG.warn("connector dossier={} connector={} run failed: {}", dossier.siren(), c.label(), e.getMessage());
            }
        } catch (IOException | UnknownDossierException e) {
            outcome = ConnectorOutcome.FAILED;
            problems.add(0, "the gateway could not store what it fetched (" + e.getClass().getSimpleName()
                    + "); nothing is lost at the source, the next run tries again");
            LOG.error("connector dossier={} connector={} could not store a fetched invoice", dossier.siren(), c.id(), e);
        }
        ConnectorRun run = new ConnectorRun(UUID.randomUUID().toString(), c.id(), trigger, started,
                OffsetDateTime.now(clock), outcome, listed, stored.size(), quarantined,
                problems.isEmpty() ? null : String.join("; ", problems));
        connectors.recordRun(run, cursor == null ? null : newer(c.cursor(), cursor));
        LOG.info("connector dossier={} connector={} {} {}: {} listed, {} new, {} fetched, {} quarantined", dossier.siren(),
                c.label(), trigger, outcome, listed, fresh.size(), stored.size(), quarantined);
        return new Report(run, trigger == ConnectorRun.Trigger.DRY_RUN ? List.copyOf(fresh) : List.of(), stored);
    }

    private IngestResult fetch(Connector c, Dossier dossier, String secret, RemoteInvoice invoice)
            throws ConnectorException, IOException, UnknownDossierException {
        byte[] bytes = source(c).download(c, secret, invoice, maxFileBytes);
        IngestResult result = ingest.receive(new IncomingFile(dossier.siren(), Direction.PURCHASE, Channel.CONNECTOR,
                fileName(invoice), invoice.transportId(c.id())), new ByteArrayInputStream(bytes));
        LOG.info("connector dossier={} document={} connector={} remote={} {}{}", dossier.siren(), result.documentId(),
                c.id(), invoice.remoteId(), result.status(), result.reason() == null ? "" : ": " + result.reason());
        return result;
    }

    private InvoiceSource source(Connector c) throws ConnectorException {
        InvoiceSource source = sources.get(c.kind());
        if (source == null) {
            throw ConnectorException.stopping("this gateway cannot read connectors of kind " + c.kind());
        }
        return source;
    }

    private String secret(Connector c) throws ConnectorException {
        if (c.sealedSecret() == null) {
            return null;
        }
        try {
            return secrets.decrypt(c.sealedSecret(), c.id());
        } catch (IllegalStateException e) {
            throw ConnectorException.stopping(e.getMessage());
        }
    }

    /** The last part of the download URL's path, or the remote id; the ingest step sanitises it. */
    static String fileName(RemoteInvoice invoice) {
        String path = URI.create(invoice.downloadUrl()).getRawPath();
        String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        String name = URLDecoder.decode(last, StandardCharsets.UTF_8);
        return name.isBlank() ? invoice.remoteId() : name;
    }

    /** ISO dates compare as text; a source's other spellings are kept as they come, the later text winning. */
    private static String newer(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }
}
