package io.einvoice.gateway.recognition;

import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.Money;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/**
 * The step after ingest for documents without structured data: read the text (text layer or OCR), extract the
 * fields, record them with the reasons to check, and mark the document RECOGNIZED (or QUARANTINED with the reason);
 * the route then hands it to validation, which writes its Factur-X from these fields.
 * For incoming Factur-X, {@link #checkCoherence(String)} compares the XML with the visible text; the validation route
 * calls it before the approval rules look at the document, so a mismatch is always known before any auto-approval.
 */
public class RecognitionService {

    private static final Logger LOG = LoggerFactory.getLogger(RecognitionService.class);
    private static final String ACTOR = "recognition";

    private final DossierRepository dossiers;
    private final DocumentRepository documents;
    private final RecognitionRepository recognitions;
    private final BlobStore blobs;
    private final DocumentRecognizer recognizer;
    private final FieldExtractor extractor;
    private final TransactionTemplate transactions;

    public RecognitionService(DossierRepository dossiers, DocumentRepository documents, RecognitionRepository recognitions,
                              BlobStore blobs, DocumentRecognizer recognizer, FieldExtractor extractor,
                              TransactionTemplate transactions) {
        this.dossiers = dossiers;
        this.documents = documents;
        this.recognitions = recognitions;
        this.blobs = blobs;
        this.recognizer = recognizer;
        this.extractor = extractor;
        this.transactions = transactions;
    }

    /** The documents still waiting for this step, oldest first: the route recognition-resume queues them at a start. */
    public List<String> waiting() {
        return documents.idsIn(DocumentStatus.AWAITING_RECOGNITION);
    }

    /**
     * Called by the route for every queued document id; a document no longer waiting is left alone.
     *
     * @return whether the document was recognised now (the route then hands it to validation)
     */
    public boolean process(String documentId) throws IOException {
        Document d = documents.findById(documentId).orElse(null);
        if (d == null || d.status() != DocumentStatus.AWAITING_RECOGNITION) {
            return false;
        }
        return recognize(d, dossiers.findById(d.dossierId()).orElseThrow());
    }

    /** For a Factur-X or ZUGFeRD PDF: each difference between its XML and its visible text becomes a reason to check. */
    public void checkCoherence(String documentId) throws IOException {
        Document d = documents.findById(documentId).orElse(null);
        if (d != null && ("FACTUR_X".equals(d.format()) || "ZUGFERD".equals(d.format()))) {
            checkCoherence(d, dossiers.identity(d.dossierId()).orElseThrow().siren());
        }
    }

    private boolean recognize(Document d, Dossier dossier) throws IOException {
        byte[] bytes = original(d);
        RecognizedText text;
        try {
            text = recognizer.recognize(bytes);
        } catch (UnrecognizableException | OcrUnavailableException e) {
            quarantine(d, dossier, e.getMessage());
            return false;
        }
        ExtractedInvoice extracted = extractor.extract(text, dossier.siren(), keys -> recognitions.hints(dossier.id(), keys));
        if (extracted.value(Field.NUMBER).isEmpty() && extracted.value(Field.TOTAL_INCL_VAT).isEmpty()
                && extracted.value(Field.ISSUE_DATE).isEmpty()) {
            quarantine(d, dossier, "not recognised as an invoice: no invoice number, date or total found in its "
                    + (text.source() == TextSource.OCR ? "OCR text" : "text") + " (" + text.lines().size() + " lines)");
            return false;
        }
        Invoice invoice = ExtractedInvoiceMapper.toInvoice(extracted);
        List<String> doubts = extracted.doubts();
        String details = String.format(Locale.ROOT, "%s, %d page(s), %d fields%s, number %s, total %s%s", text.source(), text.pages(),
                extracted.fields().size(), extracted.lines().isEmpty() ? "" : ", " + extracted.lines().size() + " lines",
                invoice.number(), Money.format(invoice.totals().inclVat()),
                doubts.isEmpty() ? "" : ", " + doubts.size() + " to check");
        boolean moved = Boolean.TRUE.equals(transactions.execute(tx -> {
            documents.recordInvoice(d.id(), text.source().name(), invoice);
            recognitions.insert(d.id(), extracted, text);
            doubts.forEach(reason -> documents.addCheckReason(d.id(), reason));
            boolean ok = documents.transition(d.id(), DocumentStatus.AWAITING_RECOGNITION, DocumentStatus.RECOGNIZED, null,
                    new DocumentEvent(OffsetDateTime.now(), ACTOR, "RECOGNIZED", DocumentStatus.AWAITING_RECOGNITION,
                            DocumentStatus.RECOGNIZED, details));
            if (!ok) {
                tx.setRollbackOnly();
            }
            return ok;
        }));
        LOG.info("recognition dossier={} document={} {}{}", dossier.siren(), d.id(), details,
                moved ? "" : " (not recorded: the document changed status meanwhile)");
        return moved;
    }

    /**
     * The invoice's fields as ingest recorded them from its XML, against the PDF's visible text. The fields, not the XML
     * read again: this runs on whichever node validated the invoice, seconds or minutes after ingest on another, and
     * reading the XML again (a PDF load, an XML parse, the mapping) cost as much as the PDF's text.
     */
    private void checkCoherence(Document d, String siren) throws IOException {
        if (d.invoice() == null) {
            return; // nothing recorded: ingest did not read it (it would have refused it)
        }
        RecognizedText visible;
        try (PDDocument pdf = Loader.loadPDF(original(d))) {
            visible = new RecognizedText(TextSource.PDF_TEXT, pdf.getNumberOfPages(),
                    PdfTextReader.read(pdf, Math.min(pdf.getNumberOfPages(), 20)), 0);
        } catch (IOException e) {
            LOG.warn("recognition dossier={} document={} coherence not checked: {}", siren, d.id(), e.getMessage());
            return;
        }
        List<String> mismatches = CoherenceCheck.mismatches(d.invoice(), visible);
        mismatches.forEach(reason -> documents.addCheckReason(d.id(), reason));
        documents.appendEvent(d.id(), new DocumentEvent(OffsetDateTime.now(), ACTOR, "COHERENCE", null, null,
                mismatches.isEmpty() ? "XML totals, IBAN and seller agree with the visible text" : String.join("; ", mismatches)));
        LOG.info("recognition dossier={} document={} coherence {}", siren, d.id(),
                mismatches.isEmpty() ? "ok" : "MISMATCH: " + String.join("; ", mismatches));
    }

    private void quarantine(Document d, Dossier dossier, String reason) {
        boolean moved = documents.transition(d.id(), DocumentStatus.AWAITING_RECOGNITION, DocumentStatus.QUARANTINED, reason,
                new DocumentEvent(OffsetDateTime.now(), ACTOR, "QUARANTINED", DocumentStatus.AWAITING_RECOGNITION,
                        DocumentStatus.QUARANTINED, reason));
        LOG.warn("recognition dossier={} document={} QUARANTINED: {}{}", dossier.siren(), d.id(), reason,
                moved ? "" : " (not recorded: the document changed status meanwhile)");
    }

    private byte[] original(Document d) throws IOException {
        try (InputStream in = blobs.open(d.originalSha256())) {
            return in.readAllBytes();
        }
    }
}
