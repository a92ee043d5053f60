package io.einvoice.gateway.validation;

import io.einvoice.gateway.archive.BlobRef;
import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.archive.Sha256;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.DossierRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The validation step of the purchase pipeline, run after ingest has committed a document: validates the original
 * bytes, stores the JSON report as a blob, records the verdict on the document (an invalid invoice stays stored and
 * is flagged {@code validation.valid=false}, so it is never approved automatically), and keeps the original as the
 * document's Factur-X when it arrived as a valid one. A recognised document (text PDF, scan) has no data of its own to
 * validate: its Factur-X is written from the recognised fields first, and that is what is validated. Running it twice
 * on a document does nothing the second time.
 */
public class DocumentValidation {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentValidation.class);
    /** Formats that arrive as structured data; a quarantined document (format null) has nothing to validate. */
    private static final Set<String> STRUCTURED = Set.of("FACTUR_X", "ZUGFERD", "CII", "UBL");
    private static final Set<String> PDF_FORMATS = Set.of("FACTUR_X", "ZUGFERD");
    /** Formats recognition records: the invoice was read from the page, not from data. */
    private static final Set<String> RECOGNISED = Set.of("PDF_TEXT", "OCR");

    private final DocumentRepository documents;
    private final DossierRepository dossiers;
    private final BlobStore blobs;
    private final Supplier<InvoiceValidator> validator;
    private final TransactionTemplate transactions;
    private final FacturXFallback fallback;
    private final FacturXFromFields fromFields;

    /**
     * @param validator  gives the validator once its artefacts are compiled (it may block until then)
     * @param fallback   generates a Factur-X for documents that did not arrive as a valid one
     * @param fromFields generates the Factur-X of a recognised document
     */
    public DocumentValidation(DocumentRepository documents, DossierRepository dossiers, BlobStore blobs,
                              Supplier<InvoiceValidator> validator, TransactionTemplate transactions, FacturXFallback fallback,
                              FacturXFromFields fromFields) {
        this.documents = documents;
        this.dossiers = dossiers;
        this.blobs = blobs;
        this.validator = validator;
        this.transactions = transactions;
        this.fallback = fallback;
        this.fromFields = fromFields;
    }

    /** Whether this document is validated: structured data as received, or a recognised invoice. */
    public static boolean applies(String format) {
        return format != null && (STRUCTURED.contains(format) || RECOGNISED.contains(format));
    }

    /** The formats {@link #applies(String)} accepts, for the queries that find documents still to validate. */
    public static Set<String> formats() {
        Set<String> all = new java.util.TreeSet<>(STRUCTURED);
        all.addAll(RECOGNISED);
        return all;
    }

    /**
     * The documents a stop left without a verdict (their hand-off was in memory, or the step failed): the route
     * validation-resume queues them again at a start.
     */
    public List<String> unvalidated() {
        List<String> ids = documents.idsWithoutVerdict(formats());
        if (!ids.isEmpty()) {
            LOG.info("validation: {} documents stored without a verdict queued again", ids.size());
        }
        return ids;
    }

    /**
     * The validation route's step. A hand-off may arrive twice (redelivered by the broker after a node died, or queued
     * again by a node's start while still queued): only the run that records the verdict lets the steps after it
     * (coherence, approval, sales intake) run.
     *
     * @return false when the document is unknown or another run recorded its verdict; true otherwise (a document with
     * nothing to validate included: the next steps decide for themselves)
     */
    public boolean validateFirst(String documentId) throws IOException, ValidationUnavailableException {
        Document document = documents.findById(documentId).orElse(null);
        if (document == null) {
            return false;
        }
        return !applies(document.format()) || validate(documentId) != null;
    }

    /**
     * @return the report, or null when there was nothing to do (unknown document, not structured, already validated,
     * by an earlier run or by one that recorded its verdict first)
     * @throws ValidationUnavailableException when the validator failed: the document stays unvalidated, try again
     */
    public ValidationReport validate(String documentId) throws IOException, ValidationUnavailableException {
        Document document = documents.findById(documentId).orElse(null);
        if (document == null || !applies(document.format()) || documents.checks(documentId).valid() != null) {
            return null;
        }
        byte[] original;
        try (InputStream in = blobs.open(document.originalSha256())) {
            original = in.readAllBytes();
        }
        InvoiceValidator rules;
        try {
            rules = validator.get();
        } catch (RuntimeException e) {
            throw new ValidationUnavailableException("the validation rules could not be compiled: " + e.getMessage(), e);
        }
        if (RECOGNISED.contains(document.format())) {
            return validateGenerated(document, original, rules);
        }
        ValidationReport report = rules.validate(original, document.fileName());
        // ZUGFeRD 2 is Factur-X under another name; a ZUGFeRD 1 PDF (CrossIndustryDocument) is not
        boolean keptAsFacturX = report.valid() && PDF_FORMATS.contains(document.format()) && "CII".equals(report.syntax());
        if (keptAsFacturX) {
            documents.recordFacturX(documentId, document.originalSha256());
        } else {
            // before the verdict: once it is recorded the document may be approved and sealed in the archive at once
            try {
                fallback.generate(document, original, report);
            } catch (Exception e) {
                // a Factur-X that could not be generated is a visible problem of its own, not a reason to lose the verdict
                LOG.error("validation dossier={} document={}: Factur-X generation failed", siren(document), documentId, e);
                documents.addCheckReason(documentId, "no Factur-X could be generated: " + e.getMessage());
            }
        }
        return record(document, report) ? report : null;
    }

    /**
     * The Factur-X written from the recognised fields is recorded before its verdict (as for a generated one above);
     * when none can be written, the verdict says so, so the document is never approved automatically.
     */
    private ValidationReport validateGenerated(Document document, byte[] original, InvoiceValidator rules)
            throws IOException, ValidationUnavailableException {
        String name = document.fileName() + ".facturx.pdf";
        ValidationReport report;
        byte[] facturX;
        try {
            facturX = fromFields.generate(document, original);
        } catch (Exception e) {
            LOG.error("validation dossier={} document={}: no Factur-X could be written from the recognised fields",
                    siren(document), document.id(), e);
            report = ValidationReport.of(name, "PDF", null, null, List.of(), List.of(Finding.error(Layer.INPUT,
                    "FACTURX-GENERATION", "no Factur-X could be written from the recognised fields: " + e.getMessage())), 0);
            return record(document, report) ? report : null;
        }
        report = rules.validate(facturX, name);
        BlobRef stored = blobs.put(ReportJson.bytes(report));
        String facturXSha = Sha256.of(facturX);
        boolean recorded = Boolean.TRUE.equals(transactions.execute(tx -> {
            documents.recordBlob(stored.sha256(), stored.size(), "application/json");
            if (!documents.recordValidationOf(document.id(), facturXSha, report.valid(), report.errors(), stored.sha256())) {
                return false;
            }
            documents.appendEvent(document.id(), new DocumentEvent(OffsetDateTime.now(), "validation",
                    report.valid() ? "VALIDATED" : "VALIDATION_FAILED", null, null, "generated Factur-X " + summary(report)));
            return true;
        }));
        if (recorded) {
            log(document, report);
        } else {
            // a correction cleared this Factur-X while it was validated; it queued the document again
            LOG.info("validation dossier={} document={}: fields corrected meanwhile, the verdict is left to the next run",
                    siren(document), document.id());
        }
        return report;
    }

    /** @return false when another run recorded a verdict first: its verdict and event stay the only ones */
    private boolean record(Document document, ValidationReport report) throws IOException {
        BlobRef stored = blobs.put(ReportJson.bytes(report));
        boolean first = Boolean.TRUE.equals(transactions.execute(tx -> {
            // the claim is the database's: of two nodes validating one document, the second waits here, then sees
            // the first one's verdict
            documents.lock(document.id());
            if (documents.checks(document.id()).valid() != null) {
                return false;
            }
            documents.recordBlob(stored.sha256(), stored.size(), "application/json");
            documents.recordValidation(document.id(), report.valid(), report.errors(), stored.sha256());
            documents.appendEvent(document.id(), new DocumentEvent(OffsetDateTime.now(), "validation",
                    report.valid() ? "VALIDATED" : "VALIDATION_FAILED", null, null, summary(report)));
            return true;
        }));
        if (first) {
            log(document, report);
        } else {
            LOG.info("validation dossier={} document={}: validated meanwhile by another run, its verdict is kept",
                    siren(document), document.id());
        }
        return first;
    }


    private static String summary(ValidationReport report) {
        List<String> rules = report.errorRuleIds();
        String profile = (report.syntax() == null ? "" : report.syntax()) + (report.profile() == null ? "" : " " + report.profile());
        if (report.valid()) {
            return String.format(Locale.ROOT, "valid %s, %d warnings, %s", profile, report.warnings(), report.ruleSets());
        }
        return String.format(Locale.ROOT, "invalid %s, %d errors: %s", profile, report.errors(),
                String.join(", ", rules.subList(0, Math.min(10, rules.size()))) + (rules.size() > 10 ? ", ..." : ""));
    }

    /** The validation route's DocumentMdc puts the dossier and document in the MDC of this line. */
    private void log(Document document, ValidationReport report) {
        LOG.info("validation dossier={} document={} {} errors={} warnings={} rules={} in {} ms", siren(document),
                document.id(), report.valid() ? "VALID" : "INVALID", report.errors(), report.warnings(),
                report.errorRuleIds(), report.millis());
    }

    /** Logs name the dossier by its SIREN, as people know it. */
    private String siren(Document document) {
        return dossiers.sirenForLogs(document.dossierId());
    }
}
