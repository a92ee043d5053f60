package io.einvoice.gateway.sales;

import java.math.BigDecimal;
import java.util.List;

/**
 * The JSON of a draft sales invoice, as created (POST) or replaced (PUT).
 *
 * @param type                {@code INVOICE} (default) or {@code PREPAYMENT_INVOICE} (down payment, 386); credit notes
 *                            are made from a finalised invoice
 * @param customerId          a customer of the dossier ({@code GET /api/dossiers/{siren}/customers})
 * @param dueDate             YYYY-MM-DD; default issue date + paymentDays
 * @param businessProcess     BT-23; default B1 / S1 / M1 from the lines (B4 / S4 / M4 when down payments are deducted)
 * @param deductDownPayments  finalised down-payment invoices of the same customer this final invoice deducts
 */
public record DraftRequest(String type, String customerId, List<Line> lines, String dueDate, Integer paymentDays,
                           String businessProcess, String buyerReference, String orderReference, String note,
                           List<String> deductDownPayments) {

    /**
     * A line from the catalogue ({@code catalogueItemId}, {@code quantity}, optional {@code discountPercent}) or a free
     * line (every other field, {@code kind} defaulting to SERVICE and {@code unit} to C62).
     */
    public record Line(String catalogueItemId, BigDecimal quantity, BigDecimal discountPercent, String kind, String label,
                       String unit, BigDecimal unitPrice, BigDecimal vatRate, String vatCategory, String exemptionReason,
                       String exemptionCode) {
    }

    /** Body of POST .../{id}/credit-note: the lines to take back (all when absent), by position and quantity. */
    public record CreditNote(List<CreditLine> lines, String note) {
    }

    public record CreditLine(Integer position, BigDecimal quantity) {
    }
}
