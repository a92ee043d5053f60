package io.einvoice.gateway.sales;

import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentChecks;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.invoice.InvoiceLine;
import io.einvoice.gateway.invoice.Money;
import io.einvoice.gateway.invoice.Totals;

import java.math.BigDecimal;
import java.util.List;

/** A sales invoice as the API shows it: amounts as decimal strings, dates as ISO strings. */
public record SalesInvoiceView(String id, String dossier, String type, String status, boolean frozen, boolean readyToSend,
                               String number, String issueDate, String dueDate, String customerId, String buyerName,
                               String buyerSiren, String totalExclVat, String totalVat, String totalInclVat,
                               String amountDue, String paymentStatus, String accountingStatus, Validation validation,
                               String businessProcess, String correctsId, List<String> deductDownPayments, String note,
                               List<LineView> lines) {

    public record Validation(boolean valid, int errors) {
    }

    public record LineView(int position, String catalogueItemId, String kind, String label, String unit, String quantity,
                           String unitPrice, String discountPercent, String netPrice, String netAmount, String vatRate,
                           String vatCategory, String exemptionReason, String exemptionCode) {
        static LineView of(SalesLine l) {
            InvoiceLine line = l.toInvoiceLine();
            return new LineView(l.position(), l.catalogueItemId(), l.kind().name(), l.label(), l.unitCode(),
                    l.quantity().toPlainString(), l.unitPrice().toPlainString(), plain(l.discountPercent()),
                    line.netPrice().toPlainString(), line.netAmount().toPlainString(), l.vat().rate().toPlainString(),
                    l.vat().category(), l.vat().exemptionReason(), l.vat().exemptionCode());
        }
    }

    static SalesInvoiceView of(String siren, SalesDraft draft, Document document, DocumentChecks checks) {
        Totals totals = document.invoice() == null || document.invoice().totals() == null ? new Totals(null, null, null, null)
                : document.invoice().totals();
        boolean ready = document.direction() == Direction.SALES && document.status() == DocumentStatus.DRAFT
                && Boolean.TRUE.equals(checks.valid()) && checks.facturxSha256() != null;
        return new SalesInvoiceView(draft.documentId(), siren, draft.type().name(), document.status().name(), draft.frozen(),
                ready, draft.number(), text(draft.issueDate()), text(draft.frozen() ? draft.dueDate()
                : document.invoice() == null ? null : document.invoice().dueDate()), draft.customerId(),
                document.invoice() == null ? null : document.invoice().buyer().name(),
                document.invoice() == null ? null : document.invoice().buyer().siren(),
                Money.format(totals.exclVat()), Money.format(totals.vat()), Money.format(totals.inclVat()),
                Money.format(draft.amountDue()), document.paymentStatus().name(), document.accountingStatus().name(),
                checks.valid() == null ? null : new Validation(checks.valid(), checks.validationErrors() == null ? 0
                        : checks.validationErrors()),
                draft.businessProcess(), draft.correctsId(), draft.deductions(), draft.note(),
                draft.lines().stream().map(LineView::of).toList());
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
