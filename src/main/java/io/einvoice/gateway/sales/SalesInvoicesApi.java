package io.einvoice.gateway.sales;

import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.invoice.Money;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.einvoice.gateway.validation.Finding;
import io.einvoice.gateway.validation.Severity;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /api/dossiers/{siren}/sales-invoices: drafts, finalisation, credit notes, payment statuses and the dashboard. A
 * dossier the caller may not see, and anything of another dossier, answers 404.
 */
public class SalesInvoicesApi {

    /** An answer whose HTTP status depends on the outcome (finalisation: 200, or 422 with the report's errors). */
    public record Reply(int status, Object body) {
    }

    public record PaymentRequest(String status) {
    }

    private final AccessService access;
    private final DraftService drafts;
    private final FinaliseService finalisation;
    private final PaymentStatuses payments;
    private final SalesRepository sales;
    private final DocumentRepository documents;
    private final Clock clock;

    public SalesInvoicesApi(AccessService access, DraftService drafts, FinaliseService finalisation, PaymentStatuses payments,
                            SalesRepository sales, DocumentRepository documents, Clock clock) {
        this.access = access;
        this.drafts = drafts;
        this.finalisation = finalisation;
        this.payments = payments;
        this.sales = sales;
        this.documents = documents;
        this.clock = clock;
    }

    public List<SalesInvoiceView> list(Caller caller, String siren, String limit, String offset) {
        Dossier dossier = dossier(caller, siren);
        List<SalesDraft> page = sales.list(dossier.id(), number("limit", limit, 100), number("offset", offset, 0));
        Map<String, DocumentRepository.Listed> rows = documents.listed(dossier.id(),
                page.stream().map(SalesDraft::documentId).toList());
        // a draft whose document row is gone (deleted meanwhile) is not on the page rather than failing it
        return page.stream().filter(d -> rows.containsKey(d.documentId())).map(d -> SalesInvoiceView.of(dossier.siren(), d,
                rows.get(d.documentId()).document(), rows.get(d.documentId()).checks())).toList();
    }

    public SalesInvoiceView get(Caller caller, String siren, String id) {
        Dossier dossier = dossier(caller, siren);
        return view(dossier, drafts.existing(dossier, id));
    }

    public SalesInvoiceView create(Caller caller, String siren, String body) {
        Dossier dossier = dossier(caller, siren);
        return view(dossier, drafts.create(dossier, body, caller.label()));
    }

    /** One line of a preview: what the invoice would say of it. */
    public record PreviewLine(int position, String label, String quantity, String netPrice, String netAmount, String vatRate) {
    }

    public record PreviewVat(String category, String rate, String taxableAmount, String taxAmount) {
    }

    public record Preview(String totalExclVat, String totalVat, String totalInclVat, List<PreviewLine> lines,
                          List<PreviewVat> vat) {
    }

    /** POST .../sales-invoices/preview: the totals of a draft body, checked as a create would be; nothing stored. */
    public Preview preview(Caller caller, String siren, String body) {
        Dossier dossier = dossier(caller, siren);
        io.einvoice.gateway.invoice.Invoice invoice = drafts.preview(dossier, body);
        io.einvoice.gateway.invoice.Totals totals = invoice.totals();
        return new Preview(Money.format(totals.exclVat()), Money.format(totals.vat()), Money.format(totals.inclVat()),
                invoice.lines().stream().map(l -> new PreviewLine(Integer.parseInt(l.id()), l.name(), l.quantity().toPlainString(),
                        l.netPrice().toPlainString(), Money.format(l.netAmount()), l.vatRate() == null ? null
                        : l.vatRate().toPlainString())).toList(),
                invoice.vatBreakdown().stream().map(v -> new PreviewVat(v.category(), v.rate() == null ? null
                        : v.rate().toPlainString(), Money.format(v.taxableAmount()), Money.format(v.taxAmount()))).toList());
    }

    public SalesInvoiceView replace(Caller caller, String siren, String id, String body) {
        Dossier dossier = dossier(caller, siren);
        return view(dossier, drafts.replace(dossier, id, body, caller.label()));
    }

    public Map<String, Object> delete(Caller caller, String siren, String id) {
        Dossier dossier = dossier(caller, siren);
        drafts.delete(dossier, id, caller.label());
        return Map.of("id", id, "deleted", true);
    }

    public Reply finalise(Caller caller, String siren, String id) throws IOException {
        Dossier dossier = dossier(caller, siren);
        FinaliseService.Outcome outcome = finalisation.finalise(dossier, id, caller.label());
        if (outcome.finalised()) {
            return new Reply(200, view(dossier, outcome.draft()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "invalid_invoice");
        body.put("message", "the Factur-X of this invoice fails validation (" + outcome.report().errors() + " errors): it stays"
                + " a draft; correct it and finalise again. Full report: GET /api/documents/" + id + "/report");
        body.put("errors", outcome.report().findings().stream().filter(f -> f.severity() == Severity.ERROR)
                .map(SalesInvoicesApi::error).toList());
        return new Reply(422, body);
    }

    public SalesInvoiceView creditNote(Caller caller, String siren, String id, String body) {
        Dossier dossier = dossier(caller, siren);
        return view(dossier, drafts.creditNote(dossier, id, body, caller.label()));
    }

    public SalesInvoiceView payment(Caller caller, String siren, String id, String body) {
        Dossier dossier = dossier(caller, siren);
        payments.mark(dossier, id, Json.read(body, PaymentRequest.class).status(), caller.label());
        return view(dossier, drafts.existing(dossier, id));
    }

    public SalesInvoiceView exported(Caller caller, String siren, String id) {
        Dossier dossier = dossier(caller, siren);
        payments.exported(dossier, id, caller.label());
        return view(dossier, drafts.existing(dossier, id));
    }

    /** {@code at}: the day the figures are for (YYYY-MM-DD), today by default. */
    public SalesDashboard.Figures dashboard(Caller caller, String siren, String at) {
        Dossier dossier = dossier(caller, siren);
        LocalDate day;
        try {
            day = at == null || at.isBlank() ? LocalDate.now(clock) : FieldRules.date("at", at);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        return SalesDashboard.of(sales.receivables(dossier.id()), day);
    }

    private SalesInvoiceView view(Dossier dossier, SalesDraft draft) {
        Document document = documents.findById(draft.documentId()).orElseThrow(() -> new NotVisibleException("sales invoice "
                + draft.documentId()));
        return SalesInvoiceView.of(dossier.siren(), draft, document, documents.checks(draft.documentId()));
    }

    private static Map<String, String> error(Finding f) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("rule", f.ruleId());
        e.put("layer", f.layer().name());
        e.put("location", f.location());
        e.put("message", f.message());
        return e;
    }

    private Dossier dossier(Caller caller, String siren) {
        return access.visibleDossier(caller, siren).orElseThrow(() -> new NotVisibleException("dossier " + siren));
    }

    private static int number(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < 0 || n > 1000) {
                throw new InvalidInputException(name + " must be between 0 and 1000");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name + " must be a whole number");
        }
    }
}
