package io.einvoice.gateway.ereporting;

import io.einvoice.gateway.invoice.VatBreakdown;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The structural checks the gateway runs before posting and the PA simulator runs on receipt. */
class FrrCheckTest {

    private static final ReportPeriod D2 = ReportPeriod.parse("2026-11-D2");
    private static final FrrWriter.Header HEADER = new FrrWriter.Header("r-1", "FRR.xml",
            OffsetDateTime.parse("2026-11-24T10:00:00Z"), null, "732829320", "Fournitures <Lumière> & fils");

    private static ReportedSale sale(String number, String day, String typeCode) {
        return new ReportedSale(number + "-doc", ReportKind.Scope.B2C, number, LocalDate.parse(day), typeCode, "EUR", "S1",
                "TPS1", "732829320", null, null, "FR", new BigDecimal("100.00"), new BigDecimal("20.00"),
                List.of(new VatBreakdown(new BigDecimal("100.00"), new BigDecimal("20.00"), "S", new BigDecimal("20"), null, null)));
    }

    private static String xml(List<ReportedSale> sales) {
        return new String(FrrWriter.transactions(HEADER, ReportKind.B2C_TRANSACTIONS, D2, sales), StandardCharsets.UTF_8);
    }

    @Test
    void whatTheWriterWritesPassesAndACreditNoteCountsAgainstItsDay() {
        String xml = xml(List.of(sale("A", "2026-11-12", "380"), sale("B", "2026-11-12", "381"), sale("C", "2026-11-13", "380")));

        FrrCheck.Result result = FrrCheck.check(xml.getBytes(StandardCharsets.UTF_8));

        assertThat(result.problems()).isEmpty();
        assertThat(result.kind()).contains(ReportKind.B2C_TRANSACTIONS);
        assertThat(xml).contains("<TaxExclusiveAmount>0.00</TaxExclusiveAmount><TaxTotal CurrencyCode=\"EUR\">0.00</TaxTotal>"
                + "<TransactionsCount>2</TransactionsCount>");
        assertThat(xml).contains("<Name>Fournitures &lt;Lumière&gt; &amp; fils</Name>");
    }

    @Test
    void aNameWithCharactersXmlCannotCarryStillMakesAReportThatParses() {
        FrrWriter.Header header = new FrrWriter.Header("r-2", "FRR.xml", OffsetDateTime.parse("2026-11-24T10:00:00Z"),
                null, "732829320", "Lumi\u0001\u0007ère \"SARL\"");
        String xml = new String(FrrWriter.transactions(header, ReportKind.B2C_TRANSACTIONS, D2,
                List.of(sale("A", "2026-11-12", "380"))), StandardCharsets.UTF_8);

        assertThat(FrrCheck.check(xml.getBytes(StandardCharsets.UTF_8)).problems()).isEmpty();
        assertThat(xml).contains("<Name>Lumière \"SARL\"</Name>");
    }

    @Test
    void aDayOutsideThePeriodATotalThatDoesNotAddUpAndAnUnknownCategoryAreEachNamed() {
        String xml = xml(List.of(sale("A", "2026-11-21", "380")))
                .replace("<TaxTotal CurrencyCode=\"EUR\">20.00", "<TaxTotal CurrencyCode=\"EUR\">21.00")
                .replace("TPS1", "XXX1");

        List<String> problems = FrrCheck.check(xml.getBytes(StandardCharsets.UTF_8)).problems();

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("2026-11-21 is outside the reported period"))
                .anySatisfy(p -> assertThat(p).contains("adds up to 20.00, the total says 21.00"))
                .anySatisfy(p -> assertThat(p).contains("CategoryCode is one of"));
    }

    @Test
    void notAReportAndAReportWithBothPartsAreRefused() {
        assertThat(FrrCheck.check("<Invoice/>".getBytes(StandardCharsets.UTF_8)).problems())
                .containsExactly("the root element is Invoice, not Report");
        assertThat(FrrCheck.check("<Report><ReportDocument/><TransactionsReport/><PaymentsReport/></Report>"
                .getBytes(StandardCharsets.UTF_8)).problems())
                .contains("a report has either TransactionsReport or PaymentsReport");
        assertThat(FrrCheck.check("<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Report>&x;</Report>"
                .getBytes(StandardCharsets.UTF_8)).passed()).isFalse();
    }
}
