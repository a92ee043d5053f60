package io.einvoice.gateway.recognition;

import io.einvoice.gateway.archive.BlobRef;
import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.facturx.ConversionException;
import io.einvoice.gateway.facturx.FacturXResult;
import io.einvoice.gateway.facturx.FacturXWriter;
import io.einvoice.gateway.facturx.Profile;
import io.einvoice.gateway.invoice.Invoice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * Writes the Factur-X of a recognised document (text PDF, scan, photo) and records it on the document: the XML from
 * the fields recognition read (as corrected since), profile EN 16931 when lines were read and BASIC WL otherwise, the
 * original as the visual part ({@link VisualPdf}). The facturx stage calls it (routes/facturx.camel.yaml), then hands the
 * document to validation, which validates the Factur-X recorded; a Factur-X written from fields a person corrected
 * meanwhile is not recorded (that correction queued the document again).
 */
public class RecognisedFacturX {

    private static final Logger LOG = LoggerFactory.getLogger(RecognisedFacturX.class);
    /**
     * The check reason of a document none could be written for, until validation turns it into the document's
     * (invalid) verdict.
     */
    public static final String FAILED = "no Factur-X could be written from the recognised fields: ";
    /** The formats recognition records: the invoice was read from its pages, not from data. */
    public static final Set<String> FORMATS = Set.of("PDF_TEXT", "OCR");

    private final RecognitionRepository recognitions;
    private final DossierRepository dossiers;
    private final DocumentRepository documents;
    private final BlobStore blobs;
    private final FacturXWriter writer;
    private final RecognitionLimits limits;
    private final TransactionTemplate transactions;

    public RecognisedFacturX(RecognitionRepository recognitions, DossierRepository dossiers, DocumentRepository documents,
                             BlobStore blobs, FacturXWriter writer, RecognitionLimits limits, TransactionTemplate transactions) {
        this.recognitions = recognitions;
        this.dossiers = dossiers;
        this.documents = documents;
        this.blobs = blobs;
        this.writer = writer;
        this.limits = limits;
        this.transactions = transactions;
    }

    /** Whether the document was read from its pages, so its Factur-X is written here rather than from its data. */
    public boolean concerns(String documentId) {
        return documents.findById(documentId).map(d -> FORMATS.contains(d.format())).orElse(false);
    }

    /**
     * The facturx stage's step for a recognised document. A hand-off may come twice (redelivered, or queued again at
     * a start): a document that has its Factur-X is handed on without a second one.
     *
     * @return whether validation has something to judge: false when the document is unknown, has its verdict already,
     * or its fields were corrected while this was written (the correction queued it again)
     */
    public boolean write(String documentId) throws IOException {
        DocumentRepository.Checked read = documents.findChecked(documentId).orElse(null);
        if (read == null || read.checks().valid() != null) {
            return false;
        }
        if (read.checks().facturxSha256() != null) {
            return true;
        }
        Document document = read.document();
        byte[] original;
        try (InputStream in = blobs.open(document.originalSha256())) {
            original = in.readAllBytes();
        }
        try {
            generate(document, original);
        } catch (Exception e) {
            LOG.error("facturx dossier={} document={}: no Factur-X could be written from the recognised fields",
                    dossiers.sirenForLogs(document.dossierId()), documentId, e);
            // validation records it as the verdict, so the document is never approved automatically
            documents.addCheckReason(documentId, (FAILED + e.getMessage()).replace('\n', ' '));
            return true;
        }
        return documents.checks(documentId).facturxSha256() != null;
    }

    /**
     * @return the Factur-X PDF, already recorded as the document's
     * @throws IllegalStateException   when the document has no recognised fields (it was never recognised)
     * @throws UnrecognizableException when the original cannot be turned into pages again
     * @throws ConversionException     when Mustang cannot write the Factur-X
     */
    public byte[] generate(Document document, byte[] original) throws UnrecognizableException, ConversionException, IOException {
        ExtractedInvoice extracted = recognitions.find(document.id()).orElseThrow(() -> new IllegalStateException(
                "document " + document.id() + " has no recognised fields"));
        Dossier dossier = dossiers.findById(document.dossierId()).orElseThrow();
        Invoice invoice = FacturXInvoice.of(extracted, dossier, LegalMentions.of(recognitions.lines(document.id())));
        VisualPdf.Result visual = VisualPdf.of(original, limits, recognitions.rotations(document.id()));
        FacturXResult result = writer.toFacturX(visual.pdf(), invoice, invoice.lines().isEmpty() ? Profile.BASIC_WL : Profile.EN16931);
        BlobRef stored = blobs.put(result.pdf());
        String details = "generated from the recognised fields (" + extracted.source() + "), profile " + result.profile() + ", "
                + (result.originalKept() ? visual.how() : "page rendered from the data: " + String.join("; ", result.originalProblems()));
        String used = RecognitionRepository.json(extracted);
        boolean current = Boolean.TRUE.equals(transactions.execute(tx -> {
            // a person may have corrected the fields while this was written: that correction queued a new run. Without
            // the lock, a correction committing between the read below and the record would have its clearing of the
            // Factur-X overwritten by this stale one, whose verdict would then stand (seen on PostgreSQL in CI)
            documents.lock(document.id());
            if (!recognitions.find(document.id()).map(RecognitionRepository::json).orElse("").equals(used)) {
                return false;
            }
            documents.recordBlob(stored.sha256(), stored.size(), "application/pdf");
            documents.recordFacturX(document.id(), stored.sha256());
            documents.appendEvent(document.id(), new DocumentEvent(OffsetDateTime.now(), "facturx", "FACTURX_GENERATED",
                    null, null, details));
            return true;
        }));
        LOG.info("facturx dossier={} document={} Factur-X {}: {}", dossier.siren(), document.id(), stored.sha256(),
                current ? details : "not recorded, the fields were corrected meanwhile (written again from them next)");
        return result.pdf();
    }
}
