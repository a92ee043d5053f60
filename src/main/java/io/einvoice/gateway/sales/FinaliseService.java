package io.einvoice.gateway.sales;

import io.einvoice.gateway.archive.BlobRef;
import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.facturx.ConversionException;
import io.einvoice.gateway.facturx.FacturXResult;
import io.einvoice.gateway.facturx.FacturXWriter;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.invoice.PrecedingInvoice;
import io.einvoice.gateway.invoice.VatArithmetic;
import io.einvoice.gateway.party.Party;
import io.einvoice.gateway.refusal.NotPossibleException;
import io.einvoice.gateway.refusal.StateConflictException;
import io.einvoice.gateway.refusal.UnavailableException;
import io.einvoice.gateway.validation.InvoiceValidator;
import io.einvoice.gateway.validation.ReportJson;
import io.einvoice.gateway.validation.ValidationReport;
import io.einvoice.gateway.validation.ValidationUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Finalises a draft sales invoice: numbers it, writes its Factur-X (CII EN 16931 in a PDF/A-3 rendered in French),
 * validates that file with the gateway's validator, and freezes it.
 *
 * <p><b>Ready to send.</b> A document is ready to send when {@code direction = SALES}, {@code status = DRAFT},
 * {@code validation_valid = TRUE} and its Factur-X blob is present ({@code facturx_sha256} set; it is also the
 * document's {@code original_sha256}). Only a successful finalisation sets the last two, in the transaction that
 * freezes the invoice and takes its number; a draft whose Factur-X fails validation keeps {@code validation_valid =
 * FALSE} and no Factur-X, stays editable, and the caller gets the report's errors (422).
 *
 * <p><b>Gapless numbers.</b> The number is {@code last + 1} of the dossier's sequence for the issue year. The slow
 * work (writing and validating the Factur-X) is done with that candidate outside any transaction; the short
 * transaction that freezes the invoice then claims the number with a compare-and-set on the sequence row
 * ({@link SalesRepository#claim}). If another finalisation took it meanwhile (another node), nothing is committed and
 * the whole is redone with the next number; if validation fails, nothing was claimed. Within one gateway,
 * finalisations of a dossier wait for each other so that they do not redo work.
 */
public class FinaliseService {

    private static final Logger LOG = LoggerFactory.getLogger(FinaliseService.class);
    private static final int ATTEMPTS = 5;

    /** The answer: frozen with its number, or still a draft with the validation report that refused it. */
    public record Outcome(SalesDraft draft, ValidationReport report) {
        public boolean finalised() {
            return draft.frozen();
        }
    }

    private final DraftService drafts;
    private final SalesRepository sales;
    private final SalesSettingsRepository settings;
    private final DocumentRepository documents;
    private final BlobStore blobs;
    private final FacturXWriter writer;
    private final Supplier<InvoiceValidator> validator;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Map<String, Object> dossierLocks = new ConcurrentHashMap<>();

    public FinaliseService(DraftService drafts, SalesRepository sales, SalesSettingsRepository settings,
                           DocumentRepository documents, BlobStore blobs, FacturXWriter writer,
                           Supplier<InvoiceValidator> validator, TransactionTemplate transactions, Clock clock) {
        this.drafts = drafts;
        this.sales = sales;
        this.settings = settings;
        this.documents = documents;
        this.blobs = blobs;
        this.writer = writer;
        this.validator = validator;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Outcome finalise(Dossier dossier, String id, String actor) throws IOException {
        synchronized (dossierLocks.computeIfAbsent(dossier.id(), k -> new Object())) {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                Outcome outcome = attempt(dossier, id, actor);
                if (outcome != null) {
                    return outcome;
                }
                LOG.info("sales dossier={} document={} number taken by another finalisation, trying the next", dossier.siren(), id);
            }
            throw new UnavailableException("busy", "the dossier's invoice numbers are being taken by other finalisations; try again");
        }
    }

    /** @return null when the candidate number was taken meanwhile */
    private Outcome attempt(Dossier dossier, String id, String actor) throws IOException {
        SalesDraft draft = drafts.existing(dossier, id);
        if (draft.frozen()) {
            throw new StateConflictException("finalised", "sales invoice " + draft.number() + " is already finalised");
        }
        SalesSettings seller = settings.get(dossier.id());
        // a customer billed through its parent: the invoice is addressed to the parent, checked as the buyer
        Party customer = drafts.billed(dossier, draft.customerId());
        List<String> problems = new ArrayList<>(FinalisePreconditions.problems(dossier, seller, customer, draft));
        List<PrecedingInvoice> preceding = new ArrayList<>();
        BigDecimal prepaid = precedingAndPrepaid(dossier, draft, preceding);
        if (!problems.isEmpty()) {
            throw new NotPossibleException("not_ready", "the invoice cannot be finalised yet: " + String.join("; ", problems));
        }
        LocalDate issueDate = LocalDate.now(clock);
        int year = issueDate.getYear();
        long last = sales.lastNumber(dossier.id(), year);
        String number;
        try {
            number = NumberPrefix.number(seller.numberPrefix(), year, last + 1);
        } catch (IllegalStateException e) {
            throw new NotPossibleException("number_too_long", e.getMessage());
        }
        Invoice invoice = InvoiceComposer.compose(dossier, seller, customer, draft,
                new InvoiceComposer.Issue(number, issueDate, preceding, prepaid));
        FacturXResult facturx;
        try {
            facturx = writer.toFacturX(null, invoice);
        } catch (ConversionException e) {
            throw new NotPossibleException("not_writable", "no Factur-X could be written for this invoice: " + e.getMessage());
        }
        String fileName = number.replace('/', '_') + ".pdf";
        ValidationReport report = validate(facturx.pdf(), fileName);
        BlobRef reportBlob = blobs.put(ReportJson.bytes(report));
        if (!report.valid()) {
            transactions.executeWithoutResult(tx -> {
                documents.recordBlob(reportBlob.sha256(), reportBlob.size(), "application/json");
                documents.recordValidation(id, false, report.errors(), reportBlob.sha256());
                documents.appendEvent(id, new DocumentEvent(OffsetDateTime.now(clock), actor, "VALIDATION_FAILED", null, null,
                        "finalisation refused, " + report.errors() + " errors: " + String.join(", ", report.errorRuleIds())));
            });
            LOG.info("sales dossier={} document={} finalisation refused: {} validation errors {}", dossier.siren(), id,
                    report.errors(), report.errorRuleIds());
            return new Outcome(draft, report);
        }
        BlobRef pdf = blobs.put(facturx.pdf());
        boolean claimed = Boolean.TRUE.equals(transactions.execute(tx -> {
            if (!sales.claim(dossier.id(), year, last)) {
                return false;
            }
            if (!sales.freeze(id, draft.version(), number, issueDate, invoice.dueDate(), invoice.totals().duePayable())) {
                throw new StateConflictException("changed", "sales invoice " + id + " was edited or finalised while it was being"
                        + " finalised; look at it again and retry");
            }
            documents.recordBlob(pdf.sha256(), pdf.size(), "application/pdf");
            documents.recordBlob(reportBlob.sha256(), reportBlob.size(), "application/json");
            documents.recordInvoice(id, "FACTUR_X", invoice);
            documents.replaceOriginal(id, pdf.sha256(), fileName, facturx.profile().name());
            documents.recordFacturX(id, pdf.sha256());
            documents.recordValidation(id, true, 0, reportBlob.sha256());
            documents.appendEvent(id, new DocumentEvent(OffsetDateTime.now(clock), actor, "FINALISED", null, null,
                    "number " + number + ", Factur-X " + facturx.profile() + " valid (" + report.warnings() + " warnings), total "
                            + invoice.totals().inclVat().toPlainString() + " EUR"));
            return true;
        }));
        if (!claimed) {
            return null;
        }
        LOG.info("sales dossier={} document={} finalised as {} ({} EUR), ready to send", dossier.siren(), id, number,
                invoice.totals().inclVat().toPlainString());
        return new Outcome(drafts.existing(dossier, id), report);
    }

    /** BG-3 and BT-113: the invoice a credit note corrects, or the down payments a final invoice deducts. */
    private BigDecimal precedingAndPrepaid(Dossier dossier, SalesDraft draft, List<PrecedingInvoice> preceding) {
        if (draft.type() == InvoiceType.CREDIT_NOTE) {
            SalesDraft corrected = drafts.existing(dossier, draft.correctsId());
            preceding.add(new PrecedingInvoice(corrected.number(), corrected.issueDate()));
            return null;
        }
        if (draft.deductions().isEmpty()) {
            return null;
        }
        BigDecimal prepaid = BigDecimal.ZERO;
        for (String downPaymentId : draft.deductions()) {
            SalesDraft downPayment = drafts.existing(dossier, downPaymentId);
            preceding.add(new PrecedingInvoice(downPayment.number(), downPayment.issueDate()));
            // stored as NUMERIC(19, 6): back to cents, or BT-113 and BT-115 carry six decimals (BR-DEC-16/18)
            prepaid = prepaid.add(VatArithmetic.round(downPayment.amountDue()));
        }
        return prepaid;
    }

    private ValidationReport validate(byte[] pdf, String fileName) {
        try {
            return validator.get().validate(pdf, fileName);
        } catch (ValidationUnavailableException | RuntimeException e) {
            throw new UnavailableException("validation_unavailable", "the validator could not run (" + e.getMessage()
                    + "); the invoice stays a draft, try again");
        }
    }
}
