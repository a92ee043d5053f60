package io.einvoice.gateway.sales;

import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.invoice.Note;
import io.einvoice.gateway.invoice.PrecedingInvoice;
import io.einvoice.gateway.party.Party;
import io.einvoice.gateway.party.PartyKind;
import io.einvoice.gateway.party.PartyRole;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Numbering, VAT choices, line and invoice arithmetic, finalisation pre-conditions and dashboard buckets, without Camel. */
class SalesRulesTest {

    private static final Dossier SELLER = new Dossier("d1", "f1", "732829320", null, "Lumière Conseil", "FR44732829320", 12,
            "ACTIVE", false);
    private static final SalesSettings SETTINGS = new SalesSettings("d1", "FA-", "FR7630006000011234567890189", null,
            "12 rue des Lilas", "75011", "Paris", "FR", null, 30);
    private static final Party CUSTOMER = customer(true);

    @Test
    void numbersArePrefixYearAndFiveDigitsAndNeverPassTwentyCharacters() {
        assertThat(NumberPrefix.number("FA-", 2026, 42)).isEqualTo("FA-2026-00042");
        assertThat(NumberPrefix.number("ABCDEFGHIJ", 2026, 1)).hasSize(20);
        assertThat(NumberPrefix.check("VTE/2026_")).isEqualTo("VTE/2026_");
        assertThatThrownBy(() -> NumberPrefix.check("ABCDEFGHIJK")).hasMessageContaining("11 characters")
                .hasMessageContaining("21 characters").hasMessageContaining("at most 10");
        assertThatThrownBy(() -> NumberPrefix.check("FA 2026")).hasMessageContaining("' '");
        assertThatThrownBy(() -> NumberPrefix.check("FAÉ")).hasMessageContaining("'É'");
        assertThatThrownBy(() -> NumberPrefix.number("ABCDEFGHIJ", 2026, 100_000)).hasMessageContaining("21 characters");
    }

    @Test
    void vatRatesAreFrenchAndZeroRatesNameTheirCategoryAndReason() {
        assertThat(VatChoice.of(new BigDecimal("20.00"), null, null, null)).isEqualTo(new VatChoice(new BigDecimal("20"), "S", null, null));
        assertThat(VatChoice.of(new BigDecimal("5.50"), "s", null, null).rate()).isEqualByComparingTo("5.5");
        assertThatThrownBy(() -> VatChoice.of(new BigDecimal("19.6"), null, null, null)).hasMessageContaining("19.6 is not a French");
        assertThatThrownBy(() -> VatChoice.of(BigDecimal.ZERO, null, null, null)).hasMessageContaining("needs vatCategory");
        assertThatThrownBy(() -> VatChoice.of(BigDecimal.ZERO, "E", null, null)).hasMessageContaining("needs exemptionReason");
        assertThatThrownBy(() -> VatChoice.of(new BigDecimal("20"), "E", null, null)).hasMessageContaining("category S");
        assertThat(VatChoice.of(BigDecimal.ZERO, "E", "Exonération art. 261 CGI", null).category()).isEqualTo("E");
        assertThat(VatChoice.of(BigDecimal.ZERO, "Z", "ignored", null).exemptionReason()).isNull();
    }

    @Test
    void aDiscountLowersTheNetPriceAndVatIsRoundedOncePerRate() {
        SalesLine discounted = line(1, LineKind.SERVICE, "3", "85", "10", "20");
        assertThat(discounted.netPrice()).isEqualByComparingTo("76.5");
        assertThat(discounted.toInvoiceLine().netAmount()).isEqualByComparingTo("229.50");
        // VAT of 0.334, 0.334 and 0.332: rounded per line it would make 0.99; rounded once per rate (BR-CO-17) 1.00
        List<SalesLine> lines = List.of(line(1, LineKind.GOODS, "1", "1.67", null, "20"),
                line(2, LineKind.GOODS, "1", "1.67", null, "20"), line(3, LineKind.GOODS, "1", "1.66", null, "20"));
        Invoice invoice = InvoiceComposer.compose(SELLER, SETTINGS, CUSTOMER, draft(InvoiceType.INVOICE, lines, List.of()),
                new InvoiceComposer.Issue("FA-2026-00001", LocalDate.of(2026, 3, 2), List.of(), null));
        assertThat(invoice.totals().exclVat()).isEqualByComparingTo("5.00");
        assertThat(invoice.totals().vat()).isEqualByComparingTo("1.00");
        assertThat(invoice.totals().duePayable()).isEqualByComparingTo("6.00");
        assertThat(invoice.dueDate()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(invoice.businessProcess()).isEqualTo("B1");
        assertThat(invoice.note(Note.RECOVERY_INDEMNITY)).contains("40 €");
        assertThat(invoice.note(Note.LATE_PAYMENT_PENALTIES)).isNotBlank();
        assertThat(invoice.note(Note.EARLY_PAYMENT_DISCOUNT)).isNotBlank();
        assertThat(invoice.sellerIban()).isEqualTo(SETTINGS.iban());
    }

    @Test
    void aPublicBuyersInvoiceTakesChorusProsFrameworkA1UnlessTheDraftNamesOne() {
        List<SalesLine> goods = List.of(line(1, LineKind.GOODS, "1", "10", null, "20"));
        InvoiceComposer.Issue issue = new InvoiceComposer.Issue("FA-2026-00009", LocalDate.of(2026, 3, 2), List.of(), null);
        assertThat(InvoiceComposer.compose(SELLER, SETTINGS, customer(true, true), draft(InvoiceType.INVOICE, goods, List.of()), issue)
                .businessProcess()).isEqualTo("A1");
        assertThat(InvoiceComposer.compose(SELLER, SETTINGS, customer(true, false), draft(InvoiceType.INVOICE, goods, List.of()), issue)
                .businessProcess()).isEqualTo("B1");
    }

    @Test
    void aFinalInvoiceDeductsItsDownPaymentsAndACreditNoteNamesTheInvoiceItCorrects() {
        List<SalesLine> mixed = List.of(line(1, LineKind.GOODS, "2", "100", null, "20"), line(2, LineKind.SERVICE, "1", "50", null, "10"));
        Invoice fin = InvoiceComposer.compose(SELLER, SETTINGS, CUSTOMER, draft(InvoiceType.INVOICE, mixed, List.of("dp")),
                new InvoiceComposer.Issue("FA-2026-00003", LocalDate.of(2026, 3, 2),
                        List.of(new PrecedingInvoice("FA-2026-00001", LocalDate.of(2026, 2, 1))), new BigDecimal("120.00")));
        assertThat(fin.totals().inclVat()).isEqualByComparingTo("295.00");
        assertThat(fin.totals().duePayable()).isEqualByComparingTo("175.00");
        assertThat(fin.businessProcess()).isEqualTo("M4");

        Invoice credit = InvoiceComposer.compose(SELLER, SETTINGS, CUSTOMER, draft(InvoiceType.CREDIT_NOTE, mixed, List.of()),
                new InvoiceComposer.Issue("FA-2026-00004", LocalDate.of(2026, 3, 3),
                        List.of(new PrecedingInvoice("FA-2026-00003", LocalDate.of(2026, 3, 2))), null));
        assertThat(credit.precedingInvoices()).extracting(PrecedingInvoice::number).containsExactly("FA-2026-00003");
        assertThat(credit.paymentMeans()).as("Chorus Pro refuses payment means on a credit note").isEmpty();
    }

    @Test
    void preconditionsNameEveryMissingPieceAndWhereToSetIt() {
        SalesSettings bare = SalesSettings.defaults("d1");
        Dossier noVat = new Dossier("d1", "f1", "732829320", null, "Lumière Conseil", null, 12, "ACTIVE", false);
        List<String> problems = FinalisePreconditions.problems(noVat, bare, customer(false),
                draft(InvoiceType.INVOICE, List.of(line(1, LineKind.GOODS, "1", "10", null, "20")), List.of()));
        assertThat(problems).hasSize(4).anySatisfy(p -> assertThat(p).contains("IBAN").contains("/sales-settings"))
                .anySatisfy(p -> assertThat(p).contains("postal address")).anySatisfy(p -> assertThat(p).contains("VAT number"))
                .anySatisfy(p -> assertThat(p).contains("deactivated"));
        assertThat(FinalisePreconditions.problems(SELLER, SETTINGS, CUSTOMER, draft(InvoiceType.INVOICE, List.of(), List.of())))
                .containsExactly("the invoice has no line: add at least one");
        assertThat(FinalisePreconditions.problems(SELLER, SETTINGS, CUSTOMER,
                draft(InvoiceType.INVOICE, List.of(line(1, LineKind.GOODS, "1", "10", null, "20")), List.of()))).isEmpty();
    }

    @Test
    void dashboardSubtractsCreditNotesAndBucketsByDueDate() {
        LocalDate today = LocalDate.of(2026, 6, 15);
        List<SalesRepository.Receivable> receivables = List.of(
                new SalesRepository.Receivable("late", InvoiceType.INVOICE, today.minusDays(1), new BigDecimal("100.00"), null),
                new SalesRepository.Receivable("soon", InvoiceType.INVOICE, today.plusDays(29), new BigDecimal("200.00"), null),
                new SalesRepository.Receivable("far", InvoiceType.PREPAYMENT_INVOICE, today.plusDays(30), new BigDecimal("50.00"), null),
                new SalesRepository.Receivable("credited", InvoiceType.INVOICE, today, new BigDecimal("80.00"), null),
                new SalesRepository.Receivable("cn1", InvoiceType.CREDIT_NOTE, today, new BigDecimal("80.00"), "credited"),
                new SalesRepository.Receivable("cn2", InvoiceType.CREDIT_NOTE, today, new BigDecimal("30.00"), "soon"),
                new SalesRepository.Receivable("cn3", InvoiceType.CREDIT_NOTE, today, new BigDecimal("999.00"), "paid-elsewhere"));
        SalesDashboard.Figures f = SalesDashboard.of(receivables, today);
        assertThat(f.outstanding()).isEqualTo(new SalesDashboard.Bucket("320.00", 3));
        assertThat(f.overdue()).isEqualTo(new SalesDashboard.Bucket("100.00", 1));
        assertThat(f.dueWithin30Days()).isEqualTo(new SalesDashboard.Bucket("170.00", 1));
        assertThat(f.dueAfter30Days()).isEqualTo(new SalesDashboard.Bucket("50.00", 1));
    }

    private static SalesLine line(int position, LineKind kind, String quantity, String price, String discount, String rate) {
        return new SalesLine(position, null, kind, "Ligne " + position, "C62", new BigDecimal(quantity), new BigDecimal(price),
                discount == null ? null : new BigDecimal(discount), VatChoice.of(new BigDecimal(rate), null, null, null));
    }

    private static SalesDraft draft(InvoiceType type, List<SalesLine> lines, List<String> deductions) {
        return new SalesDraft("doc", "d1", type, "c1", false, 1, null, null, null, null, null, null, null, null,
                type == InvoiceType.CREDIT_NOTE ? "inv" : null, deductions, null, lines);
    }

    private static Party customer(boolean active) {
        return customer(active, false);
    }

    private static Party customer(boolean active, boolean publicEntity) {
        return new Party("c1", "d1", PartyRole.CUSTOMER, "CLI-001", PartyKind.COMPANY, "DEMONSTRATION SAS", "123456782", null,
                "FR11123456782", null, null, null, "3 avenue de la Gare", "69002", "Lyon", "FR", null, null, false, false,
                active, false, null, false, publicEntity);
    }
}
