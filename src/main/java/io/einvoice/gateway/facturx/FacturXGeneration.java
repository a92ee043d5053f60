package io.einvoice.gateway.facturx;

import io.einvoice.gateway.archive.BlobRef;
import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.DossierRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.time.OffsetDateTime;

/**
 * Gives a purchase document that did not arrive as a valid Factur-X (CII, UBL, ZUGFeRD 1, an invalid Factur-X) the
 * Factur-X the gateway keeps for it: read again from the stored original, written as PDF/A-3 EN 16931 (or the
 * invoice's own lineless profile, or EXTENDED when its content needs it), with the received PDF as the visual part when it can be made PDF/A-3.
 */
public class FacturXGeneration {

    private static final Logger LOG = LoggerFactory.getLogger(FacturXGeneration.class);

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
        transactions.executeWithoutResult(tx -> {
            documents.recordBlob(stored.sha256(), stored.size(), "application/pdf");
            documents.recordFacturX(document.id(), stored.sha256());
            documents.appendEvent(document.id(), new DocumentEvent(OffsetDateTime.now(), "facturx", "FACTURX_GENERATED",
                    null, null, details));
        });
        LOG.info("facturx dossier={} document={} Factur-X {}: {}",
                dossiers.sirenForLogs(document.dossierId()), document.id(), stored.sha256(), details);
        return result;
    }
}
