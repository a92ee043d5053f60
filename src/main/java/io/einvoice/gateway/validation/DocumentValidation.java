package io.einvoice.gateway.validation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.einvoice.gateway.archive.BlobRef;
import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentChecks;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.facturx.FacturXGeneration;
import io.einvoice.gateway.recognition.RecognisedFacturX;
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
 * document's Factur-X when it arrived as a valid one. A verdict is recorded only once the document has its Factur-X
 * (or none could be written): once it is there, the document may be approved and sealed in the archive at once. So a
 * document checked as received that is not a valid Factur-X keeps its report without a verdict and goes to the facturx
 * stage first, which hands it back; a recognised document (text PDF, scan) has no data of its own to validate: its
 * Factur-X is written from the recognised fields first, and that is what is validated. Running it twice on a document
 * does nothing the second time.
 */
public class DocumentValidation {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentValidation.class);
    /** Formats that arrive as structured data; a quarantined document (format null) has nothing to validate. */
    private static final Set<String> STRUCTURED = Set.of("FACTUR_X", "ZUGFERD", "CII", "UBL");
    private static final Set<String> PDF_FORMATS = Set.of("FACTUR_X", "ZUGFERD");
    /** Formats recognition records: the invoice was read from the page, not from data. */
    private static final Set<String> RECOGNISED = RecognisedFacturX.FORMATS;
    /** Reads a stored report back; a field added to the report later does not make older ones unreadable. */
    private static final ObjectReader REPORT = Json.DATA.readerFor(ValidationReport.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Where the validation route sends a document next (routes/validation.camel.yaml). */
    public enum Next {
        /** this run recorded the verdict (or there is nothing to validate): the steps after validation run */
        VERDICT,
        /** the document needs its Factur-X before its verdict: to the facturx stage, which hands it back */
        FACTURX,
        /**
         * its verdict was recorded by an earlier run of this hand-off, which may have died before the steps after it (a
         * node killed between the verdict and the approval): coherence and approval run again, both idempotent
         */
        EARLIER,
        /** unknown, or its verdict was recorded meanwhile by a run that goes on with the steps after it: nothing more */
        NOTHING
    }

    private final DocumentRepository documents;
    private final DossierRepository dossiers;
    private final BlobStore blobs;
    private final Supplier<InvoiceValidator> validator;
    private final TransactionTemplate transactions;

    /**
     * @param validator gives the validator once its artefacts are compiled (it may block until then)
     */
    public DocumentValidation(DocumentRepository documents, DossierRepository dossiers, BlobStore blobs,
                              Supplier<InvoiceValidator> validator, TransactionTemplate transactions) {
        this.documents = documents;
        this.dossiers = dossiers;
        this.blobs = blobs;
        this.validator = validator;
        this.transactions = transactions;
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
     * The documents a stop left without a verdict and not waiting for their Factur-X (their hand-off was in memory,
     * or the step failed): the route validation-resume queues them again at a start.
     */
    public List<String> unvalidated() {
        List<String> ids = documents.idsWithoutVerdict(formats(), RECOGNISED);
        if (!ids.isEmpty()) {
            LOG.info("validation: {} documents stored without a verdict queued again", ids.size());
        }
        return ids;
    }

    /**
     * The documents a stop left waiting for their Factur-X before their verdict: the route facturx-resume queues them
     * again at a start. Validation says which, since it is validation that waits for them.
     */
    public List<String> waitingForFacturX() {
        List<String> ids = documents.idsWaitingForFacturX(RECOGNISED);
        if (!ids.isEmpty()) {
            LOG.info("facturx: {} documents waiting for their Factur-X queued again", ids.size());
        }
        return ids;
    }

    /**
     * The validation route's step. A hand-off may arrive twice (redelivered by the broker after a node died, or queued
     * again by a node's start while still queued): the run that records the verdict lets the steps after it (coherence,
     * approval, sales intake) run; a later one finding the verdict there runs coherence and approval again, since the
     * first may have died before them (a sales invoice's dispatch is resumed at the next start).
     *
     * @throws ValidationUnavailableException when the validator failed: the document stays unvalidated, try again
     */
    public Next validateFirst(String documentId) throws IOException, ValidationUnavailableException {
        DocumentRepository.Checked read = documents.findChecked(documentId).orElse(null);
        if (read == null) {
            return Next.NOTHING;
        }
        Document document = read.document();
        if (!applies(document.format())) {
            // nothing to validate: the next steps decide for themselves
            return Next.VERDICT;
        }
        DocumentChecks checks = read.checks();
        if (checks.valid() != null) {
            return Next.EARLIER;
        }
        if (RECOGNISED.contains(document.format())) {
            return validateGenerated(document, checks);
        }
        if (checks.validationReportSha256() != null) {
            // checked as received before: recorded once its Factur-X is there, or once none could be generated
            if (checks.facturxSha256() == null && checks.checkReasons().stream().noneMatch(r -> r.startsWith(FacturXGeneration.FAILED))) {
                return Next.FACTURX;
            }
            return record(document, storedReport(checks.validationReportSha256()), null) ? Next.VERDICT : Next.NOTHING;
        }
        ValidationReport report = rules().validate(original(document), document.fileName());
        // ZUGFeRD 2 is Factur-X under another name; a ZUGFeRD 1 PDF (CrossIndustryDocument) is not
        boolean keptAsFacturX = report.valid() && PDF_FORMATS.contains(document.format()) && "CII".equals(report.syntax());
        if (!keptAsFacturX) {
            BlobRef stored = blobs.put(ReportJson.bytes(report));
            transactions.executeWithoutResult(tx -> {
                documents.recordBlob(stored.sha256(), stored.size(), "application/json");
                documents.recordCheckedReport(documentId, stored.sha256());
            });
            return Next.FACTURX;
        }
        return record(document, report, document.originalSha256()) ? Next.VERDICT : Next.NOTHING;
    }

    private byte[] original(Document document) throws IOException {
        return read(document.originalSha256());
    }

    private byte[] read(String sha256) throws IOException {
        try (InputStream in = blobs.open(sha256)) {
            return in.readAllBytes();
        }
    }

    private ValidationReport storedReport(String sha256) throws IOException {
        return REPORT.readValue(read(sha256));
    }

    private InvoiceValidator rules() throws ValidationUnavailableException {
        try {
            return validator.get();
        } catch (RuntimeException e) {
            throw new ValidationUnavailableException("the validation rules could not be compiled: " + e.getMessage(), e);
        }
    }

    /**
     * The Factur-X the facturx stage wrote from the recognised fields is validated; when none could be written, the
     * verdict says so, so the document is never approved automatically. A document without either goes to the facturx
     * stage first.
     */
    private Next validateGenerated(Document document, DocumentChecks checks) throws IOException, ValidationUnavailableException {
        String name = document.fileName() + ".facturx.pdf";
        if (checks.facturxSha256() == null) {
            String failure = checks.checkReasons().stream().filter(r -> r.startsWith(RecognisedFacturX.FAILED)).findFirst()
                    .orElse(null);
            if (failure == null) {
                return Next.FACTURX;
            }
            ValidationReport report = ValidationReport.of(name, "PDF", null, null, List.of(), List.of(Finding.error(Layer.INPUT,
                    "FACTURX-GENERATION", failure)), 0);
            boolean first = record(document, report, null);
            // the verdict says it now; the reason only carried it from the facturx stage
            transactions.executeWithoutResult(tx -> documents.replaceCheckReasons(document.id(), RecognisedFacturX.FAILED, List.of()));
            return first ? Next.VERDICT : Next.NOTHING;
        }
        String facturXSha = checks.facturxSha256();
        ValidationReport report = rules().validate(read(facturXSha), name);
        BlobRef stored = blobs.put(ReportJson.bytes(report));
        boolean recorded = Boolean.TRUE.equals(transactions.execute(tx -> {
            documents.recordBlob(stored.sha256(), stored.size(), "application/json");
            if (!documents.recordValidationOf(document.id(), facturXSha, report.valid(), report.errors(), stored.sha256())) {
                return false;
            }
            // a Factur-X written at a later try: the failure of an earlier one is no longer the document's
            documents.replaceCheckReasons(document.id(), RecognisedFacturX.FAILED, List.of());
            documents.appendEvent(document.id(), new DocumentEvent(OffsetDateTime.now(), "validation",
                    report.valid() ? "VALIDATED" : "VALIDATION_FAILED", null, null, "generated Factur-X " + summary(report)));
            return true;
        }));
        if (recorded) {
            log(document, report);
            return Next.VERDICT;
        }
        // a correction cleared this Factur-X while it was validated (it queued the document again), or another run
        // recorded its verdict first
        LOG.info("validation dossier={} document={}: fields corrected or validated meanwhile, the verdict is left to that run",
                siren(document), document.id());
        return Next.NOTHING;
    }

    /**
     * @param keptFacturX the hash of the original when it is kept as the document's Factur-X, else null
     * @return false when another run recorded a verdict first: its verdict and event stay the only ones
     */
    private boolean record(Document document, ValidationReport report, String keptFacturX) throws IOException {
        BlobRef stored = blobs.put(ReportJson.bytes(report));
        boolean first = Boolean.TRUE.equals(transactions.execute(tx -> {
            if (keptFacturX != null) {
                documents.recordFacturX(document.id(), keptFacturX);
            }
            // the claim is the database's: of two nodes validating one document, the second waits here, then sees
            // the first one's verdict
            if (documents.lockChecks(document.id()).valid() != null) {
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
