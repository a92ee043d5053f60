package io.einvoice.gateway.accounting;

import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.invoice.VatBreakdown;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns what an invoice states into its journal entry: one base line and one VAT line per rate, the third party for
 * the total, balanced to the cent. A purchase debits expense and deductible VAT and credits the supplier; a sale
 * debits the customer and credits income and collected VAT; a credit note does the opposite. Under reverse charge the
 * buyer self-assesses the VAT: deductible (44566) on the debit side, due (4452) on the credit side.
 */
public final class JournalBuilder {

    /** UNCL 5305 categories where the buyer, not the seller, accounts for the VAT. */
    private static final Set<String> REVERSE_CHARGE = Set.of("AE", "K");
    private static final Set<InvoiceType> CREDIT_NOTES = Set.of(InvoiceType.CREDIT_NOTE, InvoiceType.SELF_BILLED_CREDIT_NOTE,
            InvoiceType.FACTORED_CREDIT_NOTE);

    /**
     * What the entry is built from.
     *
     * @param breakdown   the invoice's VAT breakdown (BG-23); empty when only its totals are known
     * @param exclVat     BT-109, used when the breakdown is empty
     * @param vat         BT-110, used when the breakdown is empty
     * @param inclVat     BT-112 as stated: a difference of rounding with the breakdown goes on the largest base line
     */
    public record Facts(String documentId, String dossierId, Direction direction, InvoiceType type, String number,
                        LocalDate issueDate, String currency, String partyName, String partyKey,
                        List<VatBreakdown> breakdown, BigDecimal exclVat, BigDecimal vat, BigDecimal inclVat) {
    }

    private JournalBuilder() {
    }

    /**
     * @param supplier the supplier's own accounts on a purchase, null to use the chart's
     * @throws NotJournalisableException when the invoice states no amount to book
     */
    public static JournalEntry build(Facts facts, ChartSettings chart, SupplierAccount supplier) {
        boolean purchase = facts.direction() == Direction.PURCHASE;
        boolean credit = CREDIT_NOTES.contains(facts.type());
        String baseAccount = purchase ? (supplier != null ? supplier.expenseAccount() : chart.expenseAccount())
                : chart.salesAccount();
        String partyAccount = purchase ? chart.supplierPrefix() : chart.customerPrefix();
        String aux = purchase && supplier != null ? supplier.auxiliaryAccount()
                : SupplierKey.defaultAuxiliary(partyAccount, facts.partyName());
        String partyName = facts.partyName() == null || facts.partyName().isBlank() ? "(sans nom)" : facts.partyName();

        // the side each kind of line takes on an invoice; a credit note, or a negative amount, takes the other
        boolean baseOnDebit = purchase != credit;
        List<Amounts> rates = rates(facts, purchase, chart.reverseChargeRate());
        adjustToStatedTotal(rates, facts.inclVat());

        List<JournalLine> lines = new ArrayList<>();
        BigDecimal partyTotal = BigDecimal.ZERO;
        for (Amounts r : rates) {
            add(lines, JournalLine.Role.BASE, baseAccount, purchase ? "Achats" : "Ventes", null, null, r.rate, r.base, baseOnDebit);
            partyTotal = partyTotal.add(r.base);
            if (r.selfAssessed) {
                add(lines, JournalLine.Role.VAT, chart.vatDeductible(), "TVA deductible autoliquidee", null, null, r.rate, r.vat,
                        baseOnDebit);
                add(lines, JournalLine.Role.VAT, chart.vatReverseCharge(), "TVA due autoliquidation", null, null, r.rate, r.vat,
                        !baseOnDebit);
            } else {
                add(lines, JournalLine.Role.VAT, purchase ? chart.vatDeductible() : chart.vatCollected(),
                        purchase ? "TVA deductible" : "TVA collectee", null, null, r.rate, r.vat, baseOnDebit);
                partyTotal = partyTotal.add(r.vat);
            }
        }
        add(lines, JournalLine.Role.PARTY, partyAccount, purchase ? "Fournisseurs" : "Clients", aux, partyName, null,
                partyTotal, !baseOnDebit);
        if (lines.stream().noneMatch(l -> l.role() == JournalLine.Role.PARTY)) {
            throw new NotJournalisableException("the invoice states no amount to book (total 0)");
        }
        String number = facts.number() == null || facts.number().isBlank() ? facts.documentId() : facts.number();
        String label = (credit ? "Avoir " : "Facture ") + number + " " + partyName;
        return new JournalEntry(facts.documentId(), facts.dossierId(), 0,
                purchase ? chart.purchaseJournal() : chart.salesJournal(), purchase ? "Achats" : "Ventes",
                facts.issueDate(), cut(number, 200), facts.issueDate(), cut(label, 200), facts.partyKey(),
                facts.currency() == null ? "EUR" : facts.currency(), null, lines);
    }

    private static final class Amounts {
        final BigDecimal rate;
        BigDecimal base;
        BigDecimal vat;
        final boolean selfAssessed;

        Amounts(BigDecimal rate, BigDecimal base, BigDecimal vat, boolean selfAssessed) {
            this.rate = rate;
            this.base = base;
            this.vat = vat;
            this.selfAssessed = selfAssessed;
        }
    }

    /** One group per rate (and per reverse charge or not), amounts rounded to the cent. */
    private static List<Amounts> rates(Facts facts, boolean purchase, BigDecimal reverseChargeRate) {
        Map<String, Amounts> byRate = new LinkedHashMap<>();
        if (facts.breakdown().isEmpty()) {
            BigDecimal base = cents(facts.exclVat());
            BigDecimal vat = cents(facts.vat());
            if (facts.exclVat() == null && facts.inclVat() != null) {
                base = cents(facts.inclVat()).subtract(vat);
            }
            byRate.put("", new Amounts(null, base, vat, false));
        }
        for (VatBreakdown row : facts.breakdown()) {
            boolean reverse = purchase && row.category() != null && REVERSE_CHARGE.contains(row.category().strip());
            BigDecimal rate = reverse && (row.rate() == null || row.rate().signum() == 0) ? reverseChargeRate : row.rate();
            String key = (reverse ? "R" : "N") + (rate == null ? "" : rate.stripTrailingZeros().toPlainString());
            BigDecimal base = cents(row.taxableAmount());
            BigDecimal vat = reverse ? base.multiply(rate).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP)
                    : cents(row.taxAmount());
            Amounts existing = byRate.get(key);
            if (existing == null) {
                byRate.put(key, new Amounts(rate == null ? null : rate.setScale(2, RoundingMode.HALF_UP), base, vat, reverse));
            } else {
                existing.base = existing.base.add(base);
                existing.vat = existing.vat.add(vat);
            }
        }
        return new ArrayList<>(byRate.values());
    }

    /**
     * The supplier is owed what the invoice states: a difference of a few cents between the stated total and the
     * rounded breakdown (one per rate at most) is rounding, put on the largest base. A larger one is not rounding and
     * the breakdown stands.
     */
    private static void adjustToStatedTotal(List<Amounts> rates, BigDecimal statedInclVat) {
        if (statedInclVat == null || rates.isEmpty()) {
            return;
        }
        BigDecimal owed = rates.stream().map(r -> r.selfAssessed ? r.base : r.base.add(r.vat))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal difference = cents(statedInclVat).subtract(owed);
        if (difference.signum() != 0 && difference.abs().compareTo(new BigDecimal("0.01").multiply(
                BigDecimal.valueOf(rates.size()))) <= 0) {
            Amounts largest = rates.stream().max(Comparator.comparing(r -> r.base.abs())).orElseThrow();
            largest.base = largest.base.add(difference);
        }
    }

    private static void add(List<JournalLine> lines, JournalLine.Role role, String account, String accountLabel, String aux,
                            String auxLabel, BigDecimal rate, BigDecimal amount, boolean debit) {
        if (amount.signum() == 0) {
            return;
        }
        boolean onDebit = amount.signum() > 0 == debit;
        BigDecimal value = amount.abs();
        lines.add(new JournalLine(lines.size() + 1, role, account, accountLabel, aux, auxLabel == null ? null : cut(auxLabel, 300),
                rate, onDebit ? value : BigDecimal.ZERO.setScale(2), onDebit ? BigDecimal.ZERO.setScale(2) : value));
    }

    private static BigDecimal cents(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO.setScale(2) : amount.setScale(2, RoundingMode.HALF_UP);
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
