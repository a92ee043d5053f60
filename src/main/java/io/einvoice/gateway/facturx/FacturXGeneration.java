package io.einvoice.gateway.facturx;

import io.einvoice.gateway.archive.BlobRef;
import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentChecks;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.DossierRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;

/**
 * Gives a purchase document that did not arrive as a valid Factur-X (CII, UBL, ZUGFeRD 1, an invalid Factur-X) the
 * Factur-X the gateway keeps for it: read again from the stored original, written as PDF/A-3 EN 16931 (or the
 * invoice's own lineless profile, or EXTENDED when its content needs it), with the received PDF as the visual part when it can be made PDF/A-3.
 * The facturx stage calls it (routes/facturx.camel.yaml) once validation has checked the original and found it is not
 * a valid Factur-X to keep; validation records its verdict after it.
 */
public class FacturXGeneration {

    private static final Logger LOG = LoggerFactory.getLogger(FacturXGeneration.class);
    /** The check reason of a document none could be generated for; validation records its verdict all the same. */
    public static final String FAILED = "no Factur-X could be generated: ";

    private final InvoiceReader reader;
    private final FacturXWriter writer;
    private final BlobStore blobs;
    private final DocumentRepository documents;
    private final TransactionTemplate transactions;
    private final DossierRepository dossiers;

    public FacturXGeneration(InvoiceReader reader, FacturXWriter writer, BlobStore blobs, DocumentRepository documents,
                             DossierRepository dossiers, TransactionTemplate transactions) {
        this.dossiers = dossiers;
        this.reader = reader;
        this.writer = writer;
        this.blobs = blobs;
        this.documents = documents;
        this.transactions = transactions;
    }

    /**
     * The facturx stage's step for a document that arrived as structured data. A hand-off may come twice (redelivered,
     * or queued again at a start): a document that has its Factur-X is handed on without a second one.
     *
     * @return false when the document is unknown or has its verdict already: nothing to hand on to validation
     */
    public boolean write(String documentId) throws IOException {
        Document document = documents.findById(documentId).orElse(null);
        DocumentChecks checks = documents.checks(documentId);
        if (document == null || checks.valid() != null) {
            return false;
        }
        // one with its Factur-X goes on; one validation has not checked as received yet may arrive as a valid
        // Factur-X, to be kept as it is: validation checks it first
        if (checks.facturxSha256() != null || checks.validationReportSha256() == null) {
            return true;
        }
        byte[] original;
        try (InputStream in = blobs.open(document.originalSha256())) {
            original = in.readAllBytes();
        }
        try {
            generate(document, original);
        } catch (Exception e) {
            // a Factur-X that could not be generated is a visible problem of its own, not a reason to lose the verdict
            LOG.error("facturx dossier={} document={}: Factur-X generation failed", dossiers.sirenForLogs(document.dossierId()),
                    documentId, e);
            documents.addCheckReason(documentId, FAILED + e.getMessage());
        }
        return true;
    }

    /**
     * Writes and records the Factur-X, unless another run recorded one first (that one stays the document's).
     *
     * @throws UnreadableInvoiceException when the original cannot be read into the model
     * @throws ConversionException        when no Factur-X can be written from it (the reason is in the message)
     */
    public FacturXResult generate(Document document, byte[] original)
            throws UnreadableInvoiceException, ConversionException, IOException {
        StructuredInvoice read = reader.read(original);
        boolean pdf = FileSignature.pdfHeaderOffset(original) >= 0;
        FacturXResult result = writer.toFacturX(pdf ? original : null, read, Profile.EN16931);
        BlobRef stored = blobs.put(result.pdf());
        String details = "generated from " + read.format() + ", profile " + result.profile()
                + (result.originalKept() ? ", the received PDF is its visual part"
                : pdf ? ", page rendered from the data: " + String.join("; ", result.originalProblems())
                : ", page rendered from the data")
                + (result.notes().isEmpty() ? "" : "; " + String.join("; ", result.notes()));
        boolean first = Boolean.TRUE.equals(transactions.execute(tx -> {
            // two nodes given the same hand-off: the second waits here, then sees the first one's Factur-X
            if (documents.lockChecks(document.id()).facturxSha256() != null) {
                return false;
            }
            documents.recordBlob(stored.sha256(), stored.size(), "application/pdf");
            documents.recordFacturX(document.id(), stored.sha256());
            documents.appendEvent(document.id(), new DocumentEvent(OffsetDateTime.now(), "facturx", "FACTURX_GENERATED",
                    null, null, details));
            return true;
        }));
        LOG.info("facturx dossier={} document={} Factur-X {}: {}", dossiers.sirenForLogs(document.dossierId()),
                document.id(), stored.sha256(), first ? details : "not recorded, another run recorded its Factur-X first");
        return result;
    }
}
