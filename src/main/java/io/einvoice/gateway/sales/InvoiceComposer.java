package io.einvoice.gateway.sales;

import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.invoice.Contact;
import io.einvoice.gateway.invoice.ElectronicAddress;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.invoice.Note;
import io.einvoice.gateway.invoice.Party;
import io.einvoice.gateway.invoice.PaymentMeans;
import io.einvoice.gateway.invoice.PostalAddress;
import io.einvoice.gateway.invoice.PrecedingInvoice;
import io.einvoice.gateway.invoice.Totals;
import io.einvoice.gateway.invoice.VatArithmetic;
import io.einvoice.gateway.invoice.VatBreakdown;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a sales draft into the canonical {@link Invoice} the Factur-X writer and the validator share: seller from the
 * dossier and its sales settings, buyer from the customer, lines with their VAT, the three notes French law requires
 * (PMT, PMD, AAB), payment terms and means, BT-23, and every amount computed by {@link VatArithmetic}.
 */
public final class InvoiceComposer {

    static final String RECOVERY_INDEMNITY = "Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 €.";
    static final String LATE_PENALTIES = "Pénalités de retard : trois fois le taux d'intérêt légal, exigibles dès le lendemain"
            + " de la date d'échéance.";
    static final String NO_EARLY_DISCOUNT = "Pas d'escompte pour paiement anticipé.";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    /** UNTDID 4461: credit transfer, the code Chorus Pro requires (with an IBAN). */
    private static final String CREDIT_TRANSFER = "30";

    /**
     * What finalisation adds to a draft: the number (null while a draft), the issue date, the invoice a credit note
     * corrects, the down payments a final invoice deducts and their total including VAT.
     */
    public record Issue(String number, LocalDate issueDate, List<PrecedingInvoice> preceding, BigDecimal prepaid) {
        public Issue {
            preceding = preceding == null ? List.of() : List.copyOf(preceding);
        }
    }

    private InvoiceComposer() {
    }

    public static Invoice compose(Dossier dossier, SalesSettings settings, io.einvoice.gateway.party.Party customer,
                                  SalesDraft draft, Issue issue) {
        LocalDate due = dueDate(draft, settings, issue.issueDate());
        boolean creditNote = draft.type() == InvoiceType.CREDIT_NOTE;
        Map<String, VatBreakdown> reasons = new LinkedHashMap<>();
        for (SalesLine line : draft.lines()) {
            if (line.vat().exemptionReason() != null || line.vat().exemptionCode() != null) {
                reasons.putIfAbsent(line.vat().category(), new VatBreakdown(null, null, line.vat().category(), line.vat().rate(),
                        line.vat().exemptionReason(), line.vat().exemptionCode()));
            }
        }
        List<Note> notes = new ArrayList<>(List.of(new Note(Note.RECOVERY_INDEMNITY, RECOVERY_INDEMNITY),
                new Note(Note.LATE_PAYMENT_PENALTIES, LATE_PENALTIES), new Note(Note.EARLY_PAYMENT_DISCOUNT, NO_EARLY_DISCOUNT)));
        if (draft.note() != null) {
            notes.add(new Note("AAI", draft.note()));
        }
        // Chorus Pro refuses payment means on a credit note; the customer is paid back, not asked to pay
        List<PaymentMeans> means = creditNote || settings.iban() == null ? List.of()
                : List.of(new PaymentMeans(CREDIT_TRANSFER, "Virement", issue.number(), settings.iban(), dossier.name(), settings.bic()));
        String terms = creditNote ? "Avoir à déduire ou remboursé sous " + days(draft, settings) + " jours"
                : "Paiement à réception, au plus tard le " + DAY.format(due);
        Invoice invoice = new Invoice(issue.number(), draft.type(), issue.issueDate(), due, "EUR", seller(dossier, settings),
                buyer(customer), new Totals(null, null, null, null, null, null, issue.prepaid(), null, null),
                draft.lines().stream().map(SalesLine::toInvoiceLine).toList(), businessProcess(draft, customer.publicEntity()), null,
                draft.buyerReference(), draft.orderReference(), null, notes, issue.preceding(), null, null, means, terms,
                List.of(), List.copyOf(reasons.values()));
        return VatArithmetic.computed(invoice);
    }

    /** BT-9: the date asked for, else the issue date plus the draft's or the dossier's payment term. */
    static LocalDate dueDate(SalesDraft draft, SalesSettings settings, LocalDate issueDate) {
        return draft.dueDate() != null ? draft.dueDate() : issueDate.plusDays(days(draft, settings));
    }

    private static int days(SalesDraft draft, SalesSettings settings) {
        return draft.paymentDays() != null ? draft.paymentDays() : settings.paymentDays();
    }

    /**
     * BT-23 operation category of the reform: goods (B), services (S) or both (M); 1 for a plain invoice, 4 for the
     * final invoice after down payments. A draft may name its own. A public buyer's invoice goes through Chorus Pro,
     * which refuses anything but its own framework codes: A1 (supplier invoice) unless the draft names another.
     */
    static String businessProcess(SalesDraft draft, boolean publicBuyer) {
        if (draft.businessProcess() != null) {
            return draft.businessProcess();
        }
        if (publicBuyer) {
            return "A1";
        }
        boolean goods = draft.lines().stream().anyMatch(l -> l.kind() == LineKind.GOODS);
        boolean services = draft.lines().stream().anyMatch(l -> l.kind() == LineKind.SERVICE);
        String letter = goods && services ? "M" : goods ? "B" : "S";
        return letter + (draft.deductions().isEmpty() ? "1" : "4");
    }

    private static Party seller(Dossier dossier, SalesSettings s) {
        return new Party(dossier.name(), dossier.siren(), dossier.siret(), dossier.vatNumber(), null,
                new ElectronicAddress("0225", dossier.siren()),
                new PostalAddress(s.address(), null, null, s.city(), s.postcode(), null, s.country()),
                s.email() == null ? null : new Contact(null, null, s.email()));
    }

    private static Party buyer(io.einvoice.gateway.party.Party c) {
        ElectronicAddress address = c.siren() != null ? new ElectronicAddress("0225", c.siren())
                : c.email() != null ? new ElectronicAddress("EM", c.email()) : null;
        return new Party(c.displayName(), c.siren(), c.siret(), c.vatNumber(), null, address,
                new PostalAddress(c.address(), null, null, c.city(), c.postcode(), null, c.country() == null ? "FR" : c.country()),
                c.email() == null ? null : new Contact(null, null, c.email()));
    }
}
