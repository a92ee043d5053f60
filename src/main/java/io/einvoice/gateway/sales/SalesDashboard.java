package io.einvoice.gateway.sales;

import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.invoice.VatArithmetic;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What customers owe a dossier on a given day, from its finalised or sent unpaid invoices, whichever way they came in
 * and whether archived or not ({@link SalesRepository#receivables}; down payments included): each
 * invoice counts for its amount due less the finalised credit notes that correct it (an invoice fully credited no
 * longer counts), then falls in one bucket by due date: overdue (before the day), due within 30 days, or later.
 * A credit note of an invoice already paid is money to pay back, not a receivable: it is left out.
 */
public final class SalesDashboard {

    private static final int NEAR_DAYS = 30;

    public record Bucket(String amount, int count) {
    }

    public record Figures(String at, Bucket outstanding, Bucket overdue, Bucket dueWithin30Days, Bucket dueAfter30Days) {
    }

    private SalesDashboard() {
    }

    public static Figures of(List<SalesRepository.Receivable> receivables, LocalDate at) {
        Map<String, SalesRepository.Receivable> invoices = new LinkedHashMap<>();
        Map<String, BigDecimal> owed = new LinkedHashMap<>();
        for (SalesRepository.Receivable r : receivables) {
            if (r.type() != InvoiceType.CREDIT_NOTE) {
                invoices.put(r.id(), r);
                owed.put(r.id(), r.amountDue());
            }
        }
        for (SalesRepository.Receivable r : receivables) {
            if (r.type() == InvoiceType.CREDIT_NOTE && owed.containsKey(r.correctsId())) {
                owed.merge(r.correctsId(), r.amountDue().negate(), BigDecimal::add);
            }
        }
        Tally total = new Tally();
        Tally overdue = new Tally();
        Tally near = new Tally();
        Tally later = new Tally();
        owed.forEach((id, amount) -> {
            if (amount.signum() <= 0) {
                return;
            }
            LocalDate due = invoices.get(id).dueDate();
            total.add(amount);
            (due.isBefore(at) ? overdue : due.isBefore(at.plusDays(NEAR_DAYS)) ? near : later).add(amount);
        });
        return new Figures(at.toString(), total.bucket(), overdue.bucket(), near.bucket(), later.bucket());
    }

    private static final class Tally {
        private BigDecimal amount = BigDecimal.ZERO;
        private int count;

        void add(BigDecimal value) {
            amount = amount.add(value);
            count++;
        }

        Bucket bucket() {
            return new Bucket(VatArithmetic.round(amount).toPlainString(), count);
        }
    }
}
