package io.einvoice.gateway.invoice;

import java.time.LocalDate;
import java.util.List;

/**
 * The canonical invoice every step shares, whatever format it arrived in: the EN 16931 semantic model, the part the
 * French rules use. Amounts are the ones the document states, never recomputed here ({@link VatArithmetic} computes
 * them for documents the gateway writes itself).
 *
 * @param number              BT-1
 * @param type                BT-3
 * @param issueDate           BT-2
 * @param dueDate             BT-9
 * @param currency            BT-5
 * @param seller              BG-4
 * @param buyer               BG-7
 * @param totals              BG-22
 * @param lines               BG-25
 * @param businessProcess     BT-23 (French CTC: e.g. {@code S1}, {@code B1}, {@code M1})
 * @param specification       BT-24 as read; writers put the identifier of the profile they write
 * @param buyerReference      BT-10
 * @param orderReference      BT-13
 * @param contractReference   BT-12
 * @param notes               BG-1 (PMT, PMD, AAB are mandatory in France)
 * @param precedingInvoices   BG-3
 * @param delivery            BG-13, null when the document names no delivery
 * @param invoicingPeriod     BG-14, null when absent
 * @param paymentMeans        BG-16
 * @param paymentTerms        BT-20
 * @param allowancesCharges   BG-20 / BG-21 (document level)
 * @param vatBreakdown        BG-23
 */
public record Invoice(
        String number,
        InvoiceType type,
        LocalDate issueDate,
        LocalDate dueDate,
        String currency,
        Party seller,
        Party buyer,
        Totals totals,
        List<InvoiceLine> lines,
        String businessProcess,
        String specification,
        String buyerReference,
        String orderReference,
        String contractReference,
        List<Note> notes,
        List<PrecedingInvoice> precedingInvoices,
        Delivery delivery,
        Period invoicingPeriod,
        List<PaymentMeans> paymentMeans,
        String paymentTerms,
        List<AllowanceCharge> allowancesCharges,
        List<VatBreakdown> vatBreakdown) {

    public Invoice {
        lines = copy(lines);
        notes = copy(notes);
        precedingInvoices = copy(precedingInvoices);
        paymentMeans = copy(paymentMeans);
        allowancesCharges = copy(allowancesCharges);
        vatBreakdown = copy(vatBreakdown);
    }

    /** The header fields the archive keeps in its own columns; everything else empty. */
    public Invoice(String number, InvoiceType type, LocalDate issueDate, LocalDate dueDate, String currency,
                   Party seller, Party buyer, Totals totals, List<InvoiceLine> lines) {
        this(number, type, issueDate, dueDate, currency, seller, buyer, totals, lines, null, null, null, null, null,
                List.of(), List.of(), null, null, List.of(), null, List.of(), List.of());
    }

    /** The account the seller asks to be paid on (BT-84 of the first payment means that has one), null when none. */
    public String sellerIban() {
        return paymentMeans.stream().map(PaymentMeans::iban).filter(iban -> iban != null && !iban.isBlank()).findFirst()
                .orElse(null);
    }

    /** The BIC (BT-86) given with {@link #sellerIban()}, null when none. */
    public String sellerBic() {
        return paymentMeans.stream().filter(m -> m.iban() != null && !m.iban().isBlank()).findFirst()
                .map(PaymentMeans::bic).orElse(null);
    }

    /** This invoice paid to {@code iban} by credit transfer (UNTDID 4461 code 58) when it states no payment means. */
    public Invoice withSellerIban(String iban) {
        return withSellerBankAccount(iban, null);
    }

    /** As {@link #withSellerIban}, with the BIC of the account's bank. */
    public Invoice withSellerBankAccount(String iban, String bic) {
        if (iban == null || sellerIban() != null) {
            return this;
        }
        return new Invoice(number, type, issueDate, dueDate, currency, seller, buyer, totals, lines, businessProcess,
                specification, buyerReference, orderReference, contractReference, notes, precedingInvoices, delivery,
                invoicingPeriod, List.of(new PaymentMeans("58", null, null, iban, null, bic)), paymentTerms,
                allowancesCharges, vatBreakdown);
    }

    /** The note with that UNTDID 4451 subject code (e.g. {@code PMT}), null when absent. */
    public String note(String subjectCode) {
        return notes.stream().filter(n -> subjectCode.equals(n.subjectCode())).map(Note::text).findFirst().orElse(null);
    }

    public List<AllowanceCharge> allowances() {
        return allowancesCharges.stream().filter(a -> !a.charge()).toList();
    }

    public List<AllowanceCharge> charges() {
        return allowancesCharges.stream().filter(AllowanceCharge::charge).toList();
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
