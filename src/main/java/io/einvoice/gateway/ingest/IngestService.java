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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The first step of every channel: store the bytes, read what can be read, and commit one document — recognised,
 * or quarantined with the reason. Returns only after the blob is on disk and the row committed, so the channel may
 * then acknowledge its source.
 */
public class IngestService {

    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    private final DossierRepository dossiers;
    private final DocumentRepository documents;
    private final BlobStore blobs;
    private final InvoiceReader reader;
    private final TransactionTemplate transactions;
    private final long maxFileBytes;
    private volatile Consumer<IngestResult> afterCommit = result -> {
    };

    public IngestService(DossierRepository dossiers, DocumentRepository documents, BlobStore blobs, InvoiceReader reader,
                         TransactionTemplate transactions, long maxFileBytes) {
        this.dossiers = dossiers;
        this.documents = documents;
        this.blobs = blobs;
        this.reader = reader;
        this.transactions = transactions;
        this.maxFileBytes = maxFileBytes;
    }

    public IngestResult receive(IncomingFile file, InputStream content) throws IOException, UnknownDossierException {
        Dossier dossier = dossiers.findBySiren(file.dossierSiren())
                .orElseThrow(() -> new UnknownDossierException(file.dossierSiren()));
        if (file.transportId() != null) {
            Optional<Document> delivered = documents.findByTransport(dossier.id(), file.channel(), file.transportId());
            if (delivered.isPresent()) {
                Document d = delivered.get();
                LOG.info("ingest dossier={} document={} already stored from {} ({}), not stored again",
                        dossier.siren(), d.id(), file.transportId(), d.status());
                return new IngestResult(d.id(), d.status(), d.statusReason(), d.duplicateOf(), true);
            }
        }
        BlobRef blob = blobs.put(content);
        Reading reading = read(blob);
        String id = UUID.randomUUID().toString();
        String fileName = FileNames.sanitize(file.fileName());
        String duplicateOf = documents.firstWithContent(dossier.id(), blob.sha256()).orElse(null);
        StructuredInvoice parsed = reading.invoice();
        DocumentStatus status = parsed == null ? DocumentStatus.QUARANTINED : DocumentStatus.RECOGNIZED;
        Document document = new Document(id, dossier.id(), file.direction(), file.channel(), file.transportId(), fileName,
                blob.sha256(), parsed == null ? null : parsed.format().name(), parsed == null ? null : parsed.profile(),
                parsed == null ? null : parsed.invoice(), parsed == null ? null : parsed.invoice().lines().size(),
                status, reading.problem(), PaymentStatus.UNPAID, AccountingStatus.TO_EXPORT, duplicateOf,
                OffsetDateTime.now());
        transactions.executeWithoutResult(tx -> {
            documents.recordBlob(blob.sha256(), blob.size(), reading.mediaType());
            documents.insert(document);
            appendEvents(document, file, blob, parsed);
        });
        log(dossier, document);
        IngestResult result = new IngestResult(id, status, reading.problem(), duplicateOf, false);
        try {
            afterCommit.accept(result);
        } catch (RuntimeException e) {
            // the document is committed and the channel may acknowledge; the next steps find it again at start
            LOG.error("ingest dossier={} document={}: the next pipeline step could not be started", dossier.siren(), id, e);
        }
        return result;
    }

    /** The next pipeline steps: called after each new document is committed, before the channel acknowledges. */
    public void onCommitted(Consumer<IngestResult> next) {
        this.afterCommit = next;
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
            return new Reading(reader.read(bytes), null, mediaType);
        } catch (UnreadableInvoiceException e) {
            return Reading.failed(e.getMessage(), mediaType);
        } catch (RuntimeException e) {
            // a reader bug on one odd file must not block the channel: the bytes are stored, the document says why
            LOG.error("ingest: the invoice reader failed on blob {}", blob.sha256(), e);
            return Reading.failed("the file could not be read because of an internal error (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + "); the original is kept, report this document to the gateway's maintainers",
                    mediaType);
        }
    }

    private void appendEvents(Document document, IncomingFile file, BlobRef blob, StructuredInvoice parsed) {
        OffsetDateTime now = OffsetDateTime.now();
        String actor = "ingest:" + file.channel().name().toLowerCase();
        documents.appendEvent(document.id(), new DocumentEvent(now, actor, "RECEIVED", null, DocumentStatus.RECEIVED,
                String.format(Locale.ROOT, "%s via %s, %,d bytes, sha256 %s", document.fileName(), file.channel(), blob.size(), blob.sha256())));
        if (document.duplicateOf() != null) {
            documents.appendEvent(document.id(), new DocumentEvent(now, actor, "DUPLICATE", null, null,
                    "same bytes as document " + document.duplicateOf()));
        }
        String details = parsed == null ? document.statusReason()
                : parsed.format() + (parsed.profile() == null ? "" : " " + parsed.profile()) + ", number " + parsed.invoice().number();
        documents.appendEvent(document.id(), new DocumentEvent(now, actor, document.status().name(),
                DocumentStatus.RECEIVED, document.status(), details));
    }

    private static void log(Dossier dossier, Document document) {
        MDC.put("dossier", dossier.siren());
        MDC.put("document", document.id());
        try {
            if (document.status() == DocumentStatus.QUARANTINED) {
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

    private static String mediaType(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 64), java.nio.charset.StandardCharsets.ISO_8859_1).stripLeading();
        if (head.startsWith("%PDF")) {
            return "application/pdf";
        }
        if (head.startsWith("<") || head.startsWith("\u00EF\u00BB\u00BF<")) {
            return "application/xml";
        }
        return "application/octet-stream";
    }

    private record Reading(StructuredInvoice invoice, String problem, String mediaType) {
        static Reading failed(String problem, String mediaType) {
            return new Reading(null, problem, mediaType);
        }
    }
}
