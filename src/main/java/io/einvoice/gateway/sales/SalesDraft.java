package io.einvoice.gateway.sales;

import io.einvoice.gateway.invoice.InvoiceType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A sales invoice as the gateway keeps it beside its document row: editable while {@code frozen} is false; number,
 * issue date and amount due are set by finalisation.
 *
 * @param version     bumped by every edit, so a finalisation commits only the content it validated
 * @param dueDate     BT-9 as asked; null means issue date + {@code paymentDays}
 * @param paymentDays null means the dossier's default
 * @param correctsId  the invoice a credit note corrects (BT-25 / BT-26 come from it)
 * @param deductions  down-payment invoices a final invoice deducts (BT-113)
 */
public record SalesDraft(String documentId, String dossierId, InvoiceType type, String customerId, boolean frozen, int version,
                         String number, LocalDate issueDate, LocalDate dueDate, Integer paymentDays, String businessProcess,
                         String buyerReference, String orderReference, String note, String correctsId,
                         List<String> deductions, BigDecimal amountDue, List<SalesLine> lines) {

    public SalesDraft {
        deductions = deductions == null ? List.of() : List.copyOf(deductions);
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
