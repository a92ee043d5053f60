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
import java.time.OffsetDateTime;

/**
 * Writes the Factur-X of a recognised document (text PDF, scan, photo) and records it on the document: the XML from
 * the fields recognition read (as corrected since), profile EN 16931 when lines were read and BASIC WL otherwise, the
 * original as the visual part ({@link VisualPdf}). The validation step calls it, then validates what it returns; a
 * Factur-X written from fields a person corrected meanwhile is not recorded (so its verdict is not either).
 */
public class RecognisedFacturX {

    private static final Logger LOG = LoggerFactory.getLogger(RecognisedFacturX.class);

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
