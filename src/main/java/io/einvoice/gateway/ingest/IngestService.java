package io.einvoice.gateway.ingest;

import io.einvoice.gateway.archive.BlobRef;
import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.document.AccountingStatus;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.document.PaymentStatus;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.facturx.StructuredInvoice;
import io.einvoice.gateway.facturx.UnreadableInvoiceException;
import io.einvoice.gateway.invoice.Money;
import io.einvoice.gateway.recognition.DocumentRecognizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The first step of every channel: store the bytes, read what can be read, and commit one document — recognised,
 * or quarantined with the reason. Returns only after the blob is on disk and the row committed, so the channel may
 * then acknowledge its source. It hands nothing on: the channel's route sends what it returns (its
 * {@link IngestResult#next()}) to {@code direct:ingest-committed} (routes/ingest.camel.yaml), which names the next stage.
 */
public class IngestService {

    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    /** What the history says of a document without structured data, which waits as AWAITING_RECOGNITION. */
    private static final String TO_RECOGNIZE = "no structured invoice data: its text is read next (PDF text or OCR)";

    private final DossierRepository dossiers;
    private final DocumentRepository documents;
    private final BlobStore blobs;
    private final InvoiceReader reader;
    private final TransactionTemplate transactions;
    private final long maxFileBytes;
    /** Whether PDFs without XML and images are handed to recognition; without, they are quarantined as unreadable. */
    private final boolean recognises;
    /** Without a recognition step: PDFs without XML and images are quarantined as unreadable. */
    public IngestService(DossierRepository dossiers, DocumentRepository documents, BlobStore blobs, InvoiceReader reader,
                         TransactionTemplate transactions, long maxFileBytes) {
        this(dossiers, documents, blobs, reader, transactions, maxFileBytes, false);
    }

    public IngestService(DossierRepository dossiers, DocumentRepository documents, BlobStore blobs, InvoiceReader reader,
                         TransactionTemplate transactions, long maxFileBytes, boolean recognises) {
        this.recognises = recognises;
        this.dossiers = dossiers;
        this.documents = documents;
        this.blobs = blobs;
        this.reader = reader;
        this.transactions = transactions;
        this.maxFileBytes = maxFileBytes;
    }

    public IngestResult receive(IncomingFile file, InputStream content) throws IOException, UnknownDossierException {
        Dossier dossier = dossierOf(file);
        Optional<IngestResult> delivered = alreadyDelivered(dossier, file);
        if (delivered.isPresent()) {
            return delivered.get();
        }
        BlobRef blob = blobs.put(content);
        Prepared prepared = prepare(dossier, file, blob, readOrHold(dossier, blob), null, firstWithContent(dossier, blob));
        transactions.executeWithoutResult(tx -> commit(prepared));
        log(dossier, prepared.document());
        return prepared.result();
    }

    /**
     * Stores bytes already in the blob store as a new document, as if they had just arrived ({@link ReplayService}):
     * {@code alsoInTransaction} gets the new document's id inside the transaction that commits it, and may refuse by
     * throwing, which commits nothing.
     */
    IngestResult again(Dossier dossier, IncomingFile file, String sha256, String duplicateOf, String origin,
                       Consumer<String> alsoInTransaction) throws IOException {
        BlobRef blob;
        try (InputStream in = blobs.open(sha256)) {
            blob = blobs.put(in);
        }
        Prepared prepared = prepare(dossier, file, blob, readOrHold(dossier, blob), origin, duplicateOf);
        transactions.executeWithoutResult(tx -> {
            commit(prepared);
            alsoInTransaction.accept(prepared.document().id());
        });
        log(dossier, prepared.document());
        return prepared.result();
    }

    private String firstWithContent(Dossier dossier, BlobRef blob) {
        return documents.firstWithContent(dossier.id(), blob.sha256()).orElse(null);
    }

    /**
     * Several files of one delivery (a mail's attachments, possibly for several dossiers): every blob is stored
     * first, then all documents are committed in one transaction together with {@code alsoInTransaction} (the
     * channel's own ledger), so the delivery is stored entirely or not at all. Parts already delivered (same dossier,
     * channel and transport id) are not stored again; their existing document is returned.
     */
    public List<IngestResult> receiveAll(List<IncomingPart> parts, Runnable alsoInTransaction)
            throws IOException, UnknownDossierException {
        List<IngestResult> results = new ArrayList<>();
        List<Prepared> fresh = new ArrayList<>();
        for (IncomingPart part : parts) {
            Dossier dossier = dossierOf(part.file());
            Optional<IngestResult> delivered = alreadyDelivered(dossier, part.file());
            if (delivered.isPresent()) {
                results.add(delivered.get());
                continue;
            }
            BlobRef blob = blobs.put(part.content());
            Reading reading = part.quarantineReason() == null ? readOrHold(dossier, blob)
                    : Reading.failed(part.quarantineReason(), mediaType(part.content()));
            Prepared prepared = prepare(dossier, part.file(), blob, reading, part.origin(), firstWithContent(dossier, blob));
            fresh.add(prepared);
            results.add(prepared.result());
        }
        transactions.executeWithoutResult(tx -> {
            fresh.forEach(this::commit);
            alsoInTransaction.run();
        });
        fresh.forEach(p -> log(p.dossier(), p.document()));
        return results;
    }

    private Dossier dossierOf(IncomingFile file) throws UnknownDossierException {
        return dossiers.findBySiren(file.dossierSiren()).orElseThrow(() -> new UnknownDossierException(file.dossierSiren()));
    }

    private Optional<IngestResult> alreadyDelivered(Dossier dossier, IncomingFile file) {
        if (file.transportId() == null) {
            return Optional.empty();
        }
        return documents.findByTransport(dossier.id(), file.channel(), file.transportId()).map(d -> {
            LOG.info("ingest dossier={} document={} already stored from {} ({}), not stored again",
                    dossier.siren(), d.id(), file.transportId(), d.status());
            return new IngestResult(d.id(), d.status(), d.statusReason(), d.duplicateOf(), true, null);
        });
    }

    private Prepared prepare(Dossier dossier, IncomingFile file, BlobRef blob, Reading reading, String origin,
                             String duplicateOf) {
        String id = UUID.randomUUID().toString();
        String fileName = FileNames.sanitize(file.fileName());
        StructuredInvoice parsed = reading.invoice();
        DocumentStatus status = reading.held() ? DocumentStatus.HELD : parsed != null ? DocumentStatus.RECOGNIZED
                : reading.awaitingRecognition() ? DocumentStatus.AWAITING_RECOGNITION : DocumentStatus.QUARANTINED;
        Document document = new Document(id, dossier.id(), file.direction(), file.channel(), file.transportId(), fileName,
                blob.sha256(), parsed == null ? null : parsed.format().name(), parsed == null ? null : parsed.profile(),
                parsed == null ? null : parsed.invoice(), parsed == null ? null : parsed.invoice().lines().size(),
                status, reading.problem(), PaymentStatus.UNPAID, AccountingStatus.TO_EXPORT, duplicateOf,
                OffsetDateTime.now());
        return new Prepared(dossier, document, file, blob, reading, origin,
                new IngestResult(id, status, reading.problem(), duplicateOf, false, reading.next()));
    }

    private void commit(Prepared p) {
        documents.recordBlob(p.blob().sha256(), p.blob().size(), p.reading().mediaType());
        documents.insert(p.document());
        if (p.origin() != null) {
            documents.appendEvent(p.document().id(), new DocumentEvent(OffsetDateTime.now(),
                    "ingest:" + p.file().channel().name().toLowerCase(Locale.ROOT), "ORIGIN", null, null, p.origin()));
        }
        appendEvents(p.document(), p.file(), p.blob(), p.reading().invoice());
    }

    /**
     * The dossier has been activated: each document held for it is read now, oldest first, and goes on through the
     * pipeline as if it had just arrived (same id, its arrival time kept). One that cannot be read is quarantined,
     * like any other.
     * @return the documents released, for the caller to hand on to {@code direct:ingest-committed} like new ones
     */
    public List<IngestResult> release(Dossier dossier) {
        List<IngestResult> released = new ArrayList<>();
        for (String id : documents.idsOfDossierIn(dossier.id(), DocumentStatus.HELD)) {
            Document held = documents.findById(id).orElse(null);
            if (held == null) {
                continue;
            }
            Reading reading;
            try {
                reading = read(new BlobRef(held.originalSha256(), java.nio.file.Files.size(blobs.pathOf(held.originalSha256()))));
            } catch (IOException e) {
                // the blob is there (it was stored before the document); a disk that fails now leaves it HELD for later
                LOG.error("ingest dossier={} document={}: held document could not be read, left HELD", dossier.siren(), id, e);
                continue;
            }
            StructuredInvoice parsed = reading.invoice();
            DocumentStatus status = parsed != null ? DocumentStatus.RECOGNIZED
                    : reading.awaitingRecognition() ? DocumentStatus.AWAITING_RECOGNITION : DocumentStatus.QUARANTINED;
            String details = parsed == null ? (reading.awaitingRecognition() ? TO_RECOGNIZE : reading.problem())
                    : parsed.format() + (parsed.profile() == null ? "" : " " + parsed.profile()) + ", number " + parsed.invoice().number();
            boolean moved = Boolean.TRUE.equals(transactions.execute(tx -> {
                if (parsed != null) {
                    documents.recordInvoice(id, parsed.format().name(), parsed.invoice());
                    documents.recordProfile(id, parsed.profile());
                }
                return documents.transition(id, DocumentStatus.HELD, status, reading.problem(), new DocumentEvent(
                        OffsetDateTime.now(), "ingest:activation", status.name(), DocumentStatus.HELD, status,
                        "dossier activated; " + details));
            }));
            if (moved) {
                released.add(new IngestResult(id, status, reading.problem(), held.duplicateOf(), false, reading.next()));
            }
        }
        LOG.info("ingest dossier={} activated: {} held documents released", dossier.siren(), released.size());
        return released;
    }

    /**
     * Releases the held documents of every activated dossier whose activation did not finish (the gateway stopped in
     * it, or a document was committed while it ran): the route ingest-release-held runs it at a start.
     * @return the documents released
     */
    public List<IngestResult> releaseHeld() {
        return dossiers.withHeldDocuments().stream().flatMap(d -> release(d).stream()).toList();
    }

    /** What arrives for a dossier that is not activated is stored, not read: it waits, HELD, for the activation. */
    private Reading readOrHold(Dossier dossier, BlobRef blob) throws IOException {
        if (io.einvoice.gateway.dossier.DossierStatus.of(dossier.status()).receives()) {
            return read(blob);
        }
        byte[] head;
        try (InputStream in = blobs.open(blob.sha256())) {
            head = in.readNBytes(4096);
        }
        return new Reading(null, "held: dossier " + dossier.siren() + " is " + dossier.status()
                + ", not activated; kept, and read once it is activated", mediaType(head), false, true);
    }

    private Reading read(BlobRef blob) throws IOException {
        if (blob.size() > maxFileBytes) {
            return Reading.failed(String.format(Locale.ROOT, "file too large: %,d bytes, the limit is %,d bytes (GATEWAY_MAX_FILE_BYTES)",
                    blob.size(), maxFileBytes), "application/octet-stream");
        }
        byte[] bytes;
        try (InputStream in = blobs.open(blob.sha256())) {
            bytes = in.readAllBytes();
        }
        String mediaType = mediaType(bytes);
        try {
            return new Reading(reader.readStored(blob.sha256(), bytes), null, mediaType);
        } catch (UnreadableInvoiceException e) {
            if (recognises && recognizable(bytes, e)) {
                return new Reading(null, null, mediaType, true);
            }
            return Reading.failed(e.getMessage(), mediaType);
        } catch (RuntimeException e) {
            // a reader bug on one odd file must not block the channel: the bytes are stored, the document says why
            LOG.error("ingest: the invoice reader failed on blob {}", blob.sha256(), e);
            return Reading.failed("the file could not be read because of an internal error (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + "); the original is kept, report this document to the gateway's maintainers",
                    mediaType);
        } catch (OutOfMemoryError e) {
            // What the reader allocated for this one file is garbage once the error has left it, so the gateway can go
            // on; left to the channel, the error would fail the delivery and the same file would come back at the next
            // poll, again and again. Compressed data the inflation limit cannot see (PDFBox unpacks a PDF's
            // cross-reference and object streams while opening it) ends here.
            LOG.error("ingest: reading blob {} ({} bytes) ran out of memory; quarantined", blob.sha256(), blob.size());
            return Reading.failed(String.format(Locale.ROOT, "the file needs more memory to read than the gateway has"
                    + " (%,d bytes received; probably a decompression bomb); it was not read, the original is kept",
                    blob.size()), mediaType);
        }
    }

    /** A PDF without usable XML, or a PNG/JPEG/TIFF image: recognition reads its text instead. */
    private static boolean recognizable(byte[] bytes, UnreadableInvoiceException e) {
        boolean pdfWithoutXml = e.getMessage().startsWith("no structured invoice data");
        boolean image = mediaType(bytes).startsWith("image/");
        return pdfWithoutXml || image;
    }

    private void appendEvents(Document document, IncomingFile file, BlobRef blob, StructuredInvoice parsed) {
        OffsetDateTime now = OffsetDateTime.now();
        String actor = "ingest:" + file.channel().name().toLowerCase();
        List<DocumentEvent> events = new ArrayList<>();
        events.add(new DocumentEvent(now, actor, "RECEIVED", null, DocumentStatus.RECEIVED,
                String.format(Locale.ROOT, "%s via %s, %,d bytes, sha256 %s", document.fileName(), file.channel(), blob.size(), blob.sha256())));
        if (document.duplicateOf() != null) {
            events.add(new DocumentEvent(now, actor, "DUPLICATE", null, null, "same bytes as document " + document.duplicateOf()));
        }
        String details = parsed == null
                ? (document.status() == DocumentStatus.AWAITING_RECOGNITION ? TO_RECOGNIZE : document.statusReason())
                : parsed.format() + (parsed.profile() == null ? "" : " " + parsed.profile()) + ", number " + parsed.invoice().number();
        events.add(new DocumentEvent(now, actor, document.status().name(), DocumentStatus.RECEIVED, document.status(), details));
        documents.appendEvents(document.id(), events);
    }

    private static void log(Dossier dossier, Document document) {
        MDC.put("dossier", dossier.siren());
        MDC.put("document", document.id());
        try {
            if (document.status() == DocumentStatus.AWAITING_RECOGNITION || document.status() == DocumentStatus.HELD) {
                LOG.info("ingest dossier={} document={} file={} channel={} {}, {}{}", dossier.siren(), document.id(),
                        document.fileName(), document.channel(), document.status(), document.statusReason(),
                        document.duplicateOf() == null ? "" : " duplicateOf=" + document.duplicateOf());
            } else if (document.status() == DocumentStatus.QUARANTINED) {
                LOG.warn("ingest dossier={} document={} file={} channel={} QUARANTINED: {}", dossier.siren(), document.id(),
                        document.fileName(), document.channel(), document.statusReason());
            } else {
                LOG.info("ingest dossier={} document={} file={} channel={} {} format={} number={} totalInclVat={}{}",
                        dossier.siren(), document.id(), document.fileName(), document.channel(), document.status(),
                        document.format(), document.invoice().number(),
                        document.invoice().totals() == null ? null : Money.format(document.invoice().totals().inclVat()),
                        document.duplicateOf() == null ? "" : " duplicateOf=" + document.duplicateOf());
            }
        } finally {
            MDC.remove("dossier");
            MDC.remove("document");
        }
    }

    static String mediaType(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 64), java.nio.charset.StandardCharsets.ISO_8859_1).stripLeading();
        if (head.startsWith("%PDF")) {
            return "application/pdf";
        }
        if (head.startsWith("<") || head.startsWith("\u00EF\u00BB\u00BF<")) {
            return "application/xml";
        }
        String image = DocumentRecognizer.imageMediaType(bytes);
        return image != null ? image : "application/octet-stream";
    }

    private record Prepared(Dossier dossier, Document document, IncomingFile file, BlobRef blob, Reading reading,
                            String origin, IngestResult result) {
    }

    private record Reading(StructuredInvoice invoice, String problem, String mediaType, boolean awaitingRecognition,
                           boolean held) {
        Reading(StructuredInvoice invoice, String problem, String mediaType) {
            this(invoice, problem, mediaType, false, false);
        }

        Reading(StructuredInvoice invoice, String problem, String mediaType, boolean awaitingRecognition) {
            this(invoice, problem, mediaType, awaitingRecognition, false);
        }

        static Reading failed(String problem, String mediaType) {
            return new Reading(null, problem, mediaType);
        }

        /** The stage the document goes on to once committed: see {@link IngestResult#next()}. */
        String next() {
            return held ? null : awaitingRecognition ? IngestResult.RECOGNITION : invoice != null ? IngestResult.VALIDATION : null;
        }
    }
}
