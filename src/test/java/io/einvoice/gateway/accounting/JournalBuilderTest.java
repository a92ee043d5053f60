package io.einvoice.gateway.accounting;

import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.invoice.VatBreakdown;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The entry of one invoice from its amounts alone: sides, accounts, one line per rate, balance to the cent. */
class JournalBuilderTest {

    private static final ChartSettings CHART = ChartSettings.defaults("d1");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);

    @Test
    void aPurchaseDebitsExpenseAndDeductibleVatPerRateAndCreditsTheSupplier() {
        JournalEntry e = JournalBuilder.build(purchase(InvoiceType.INVOICE, List.of(vat("100.00", "20.00", "S", "20"),
                vat("50.00", "2.75", "S", "5.5")), "172.75"), CHART, null);

        assertThat(e.journalCode()).isEqualTo("HA");
        assertThat(lines(e)).containsExactly(
                "BASE 606000 D 100.00", "VAT 44566 D 20.00", "BASE 606000 D 50.00", "VAT 44566 D 2.75",
                "PARTY 401 401FOURN C 172.75");
        assertThat(e.lines().get(1).vatRate()).isEqualByComparingTo("20");
        assertThat(e.lines().get(3).vatRate()).isEqualByComparingTo("5.5");
        assertBalanced(e);
    }

    @Test
    void aPurchaseCreditNoteTakesTheOppositeSides() {
        JournalEntry e = JournalBuilder.build(purchase(InvoiceType.CREDIT_NOTE, List.of(vat("100.00", "20.00", "S", "20")),
                "120.00"), CHART, null);

        assertThat(lines(e)).containsExactly("BASE 606000 C 100.00", "VAT 44566 C 20.00", "PARTY 401 401FOURN D 120.00");
        assertThat(e.label()).startsWith("Avoir ");
        assertBalanced(e);
    }

    @Test
    void aSaleDebitsTheCustomerAndCreditsIncomeAndCollectedVat() {
        JournalEntry e = JournalBuilder.build(new JournalBuilder.Facts("doc", "d1", Direction.SALES, InvoiceType.INVOICE,
                "VTE-2026-00001", DAY, "EUR", "Démonstration SAS", "SIREN:123456782",
                List.of(vat("351.50", "70.30", "S", "20")), null, null, new BigDecimal("421.80")), CHART, null);

        assertThat(e.journalCode()).isEqualTo("VT");
        assertThat(lines(e)).containsExactly("BASE 706000 C 351.50", "VAT 44571 C 70.30", "PARTY 411 411DEMON D 421.80");
        assertBalanced(e);
    }

    @Test
    void aSalesCreditNoteCreditsTheCustomer() {
        JournalEntry e = JournalBuilder.build(new JournalBuilder.Facts("doc", "d1", Direction.SALES, InvoiceType.CREDIT_NOTE,
                "VTE-2026-00002", DAY, "EUR", "Client", null, List.of(vat("10.00", "2.00", "S", "20")), null, null,
                new BigDecimal("12.00")), CHART, null);

        assertThat(lines(e)).containsExactly("BASE 706000 D 10.00", "VAT 44571 D 2.00", "PARTY 411 411CLIEN C 12.00");
    }

    @Test
    void reverseChargeSelfAssessesTheVatOnDeductibleAndDueAccountsAndTheSupplierIsOwedTheNetAmount() {
        JournalEntry e = JournalBuilder.build(purchase(InvoiceType.INVOICE, List.of(vat("1000.00", "0", "AE", "0")), "1000.00"),
                CHART, null);

        assertThat(lines(e)).containsExactly("BASE 606000 D 1000.00", "VAT 44566 D 200.00", "VAT 4452 C 200.00",
                "PARTY 401 401FOURN C 1000.00");
        assertBalanced(e);
    }

    @Test
    void aCentOfRoundingBetweenTheStatedTotalAndTheBreakdownGoesOnTheLargestBase() {
        // 3 × 33.333 rounded per rate differs by a cent from the total the invoice states
        JournalEntry e = JournalBuilder.build(purchase(InvoiceType.INVOICE, List.of(vat("66.67", "13.33", "S", "20"),
                vat("33.33", "1.83", "S", "5.5")), "115.17"), CHART, null);

        assertThat(lines(e)).containsExactly("BASE 606000 D 66.68", "VAT 44566 D 13.33", "BASE 606000 D 33.33",
                "VAT 44566 D 1.83", "PARTY 401 401FOURN C 115.17");
        assertBalanced(e);
    }

    @Test
    void aLargerDifferenceIsNoRoundingAndTheBreakdownStands() {
        JournalEntry e = JournalBuilder.build(purchase(InvoiceType.INVOICE, List.of(vat("100.00", "20.00", "S", "20")), "150.00"),
                CHART, null);

        assertThat(e.lines().get(e.lines().size() - 1).credit()).isEqualByComparingTo("120.00");
        assertBalanced(e);
    }

    @Test
    void aScanWithTotalsOnlyIsBookedAsOneBaseAndOneVatAmount() {
        JournalEntry e = JournalBuilder.build(new JournalBuilder.Facts("doc", "d1", Direction.PURCHASE, InvoiceType.INVOICE,
                "F-1", DAY, "EUR", "Fourn", null, List.of(), new BigDecimal("80.004"), new BigDecimal("16"),
                new BigDecimal("96.00")), CHART, null);

        assertThat(lines(e)).containsExactly("BASE 606000 D 80.00", "VAT 44566 D 16.00", "PARTY 401 401FOURN C 96.00");
        assertThat(e.lines().get(0).vatRate()).isNull();
    }

    @Test
    void theSupplierOwnAccountsReplaceTheChartDefaults() {
        SupplierAccount own = new SupplierAccount("d1", "SIREN:732829320", "Fourn", "613200", "401LOYER", "LEARNT");

        JournalEntry e = JournalBuilder.build(purchase(InvoiceType.INVOICE, List.of(vat("500.00", "100.00", "S", "20")), "600.00"),
                CHART, own);

        assertThat(lines(e)).containsExactly("BASE 613200 D 500.00", "VAT 44566 D 100.00", "PARTY 401 401LOYER C 600.00");
    }

    @Test
    void aNegativeInvoiceTakesTheOtherSides() {
        JournalEntry e = JournalBuilder.build(purchase(InvoiceType.INVOICE, List.of(vat("-10.00", "-2.00", "S", "20")), "-12.00"),
                CHART, null);

        assertThat(lines(e)).containsExactly("BASE 606000 C 10.00", "VAT 44566 C 2.00", "PARTY 401 401FOURN D 12.00");
    }

    @Test
    void anInvoiceOfNothingCannotBeBooked() {
        assertThatThrownBy(() -> JournalBuilder.build(purchase(InvoiceType.INVOICE, List.of(vat("0", "0", "S", "20")), "0"),
                CHART, null)).isInstanceOf(NotJournalisableException.class).hasMessageContaining("no amount");
    }

    private static JournalBuilder.Facts purchase(InvoiceType type, List<VatBreakdown> breakdown, String inclVat) {
        return new JournalBuilder.Facts("doc", "d1", Direction.PURCHASE, type, "F-2026-17", DAY, "EUR", "Fournitures Dupont",
                "SIREN:732829320", breakdown, null, null, new BigDecimal(inclVat));
    }

    private static VatBreakdown vat(String base, String tax, String category, String rate) {
        return new VatBreakdown(new BigDecimal(base), new BigDecimal(tax), category, new BigDecimal(rate), null, null);
    }

    private static List<String> lines(JournalEntry e) {
        return e.lines().stream().map(l -> l.role() + " " + l.account() + (l.auxAccount() == null ? "" : " " + l.auxAccount())
                + (l.debit().signum() != 0 ? " D " + l.debit().toPlainString() : " C " + l.credit().toPlainString())).toList();
    }

    private static void assertBalanced(JournalEntry e) {
        assertThat(e.totalDebit()).isEqualByComparingTo(e.totalCredit());
        assertThat(e.lines()).allSatisfy(l -> assertThat(l.debit().signum() == 0 ^ l.credit().signum() == 0).isTrue());
    }
}
