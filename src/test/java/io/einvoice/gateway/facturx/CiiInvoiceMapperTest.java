package io.einvoice.gateway.facturx;

import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.invoice.Party;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The CII rules that the samples and the corpus do not pin down on their own. */
class CiiInvoiceMapperTest {

    private final InvoiceReader reader = new InvoiceReader();

    @Test
    void bt110IsTheVatTotalInTheInvoiceCurrencyWhicheverComesFirst() throws Exception {
        Invoice invoice = cii("<ram:InvoiceCurrencyCode>USD</ram:InvoiceCurrencyCode>"
                + "<ram:TaxCurrencyCode>EUR</ram:TaxCurrencyCode>"
                + summation("<ram:TaxTotalAmount currencyID=\"EUR\">18.50</ram:TaxTotalAmount>"
                + "<ram:TaxTotalAmount currencyID=\"USD\">20.00</ram:TaxTotalAmount>"));

        assertThat(invoice.totals().vat()).isEqualByComparingTo("20.00");
    }

    @Test
    void bt110WithoutCurrencyIdIsTakenAndBt111AloneIsNot() throws Exception {
        Invoice unlabelled = cii("<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>"
                + summation("<ram:TaxTotalAmount>4.90</ram:TaxTotalAmount>"));
        Invoice onlyAccountingCurrency = cii("<ram:InvoiceCurrencyCode>USD</ram:InvoiceCurrencyCode>"
                + summation("<ram:TaxTotalAmount currencyID=\"EUR\">18.50</ram:TaxTotalAmount>"));

        assertThat(unlabelled.totals().vat()).isEqualByComparingTo("4.90");
        assertThat(onlyAccountingCurrency.totals().vat()).isNull();
    }

    @Test
    void amountsKeepTheScaleTheyAreWrittenWith() throws Exception {
        Invoice invoice = cii("<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>"
                + summation("<ram:TaxBasisTotalAmount>100.5</ram:TaxBasisTotalAmount>"
                + "<ram:GrandTotalAmount> 120.600 </ram:GrandTotalAmount>"));

        assertThat(invoice.totals().exclVat()).hasToString("100.5");
        assertThat(invoice.totals().inclVat()).hasToString("120.600");
    }

    @Test
    void bt2OnlyFormat102NamesADay() throws Exception {
        assertThat(issued("<udt:DateTimeString format=\"102\">20260131</udt:DateTimeString>")).isEqualTo(LocalDate.of(2026, 1, 31));
        assertThat(issued("<udt:DateTimeString format=\"610\">202601</udt:DateTimeString>")).isNull();
        assertThat(issued("<udt:DateTimeString format=\"616\">202605</udt:DateTimeString>")).isNull();
        assertThat(issued("<udt:DateTimeString format=\"102\">20261345</udt:DateTimeString>")).isNull();
    }

    @Test
    void bt3CreditNoteAndUnknownCodes() throws Exception {
        assertThat(typed("381")).isEqualTo(InvoiceType.CREDIT_NOTE);
        assertThat(typed("384")).isEqualTo(InvoiceType.CORRECTED_INVOICE);
        assertThat(typed("999")).isEqualTo(InvoiceType.OTHER);
    }

    @Test
    void sellerSirenComesFromTheLegalRegistrationThenTheSiretThenTheVatNumber() throws Exception {
        assertThat(seller("<ram:SpecifiedLegalOrganization><ram:ID schemeID=\"0002\">732 829 320</ram:ID></ram:SpecifiedLegalOrganization>"))
                .isEqualTo(new Party("S", "732829320", null, null));
        assertThat(seller("<ram:GlobalID schemeID=\"0009\">73282932000017</ram:GlobalID>"))
                .isEqualTo(new Party("S", "732829320", "73282932000017", null));
        assertThat(seller(vat("FR44732829320"))).isEqualTo(new Party("S", "732829320", null, "FR44732829320"));
        assertThat(seller(vat("FR45732829320"))).as("VAT key does not match").isEqualTo(new Party("S", null, null, "FR45732829320"));
        assertThat(seller(vat("DE136695976"))).isEqualTo(new Party("S", null, null, "DE136695976"));
        assertThat(seller("<ram:SpecifiedLegalOrganization><ram:ID>732829320</ram:ID></ram:SpecifiedLegalOrganization>"))
                .as("an id without scheme is not assumed to be a SIREN").isEqualTo(new Party("S", null, null, null));
    }

    @Test
    void missingFieldsStayEmpty() throws Exception {
        Invoice invoice = reader.read(document("", "", "").getBytes(StandardCharsets.UTF_8)).invoice();

        assertThat(invoice.number()).isEqualTo("N-1");
        assertThat(invoice.issueDate()).isNull();
        assertThat(invoice.dueDate()).isNull();
        assertThat(invoice.currency()).isNull();
        assertThat(invoice.seller()).isEqualTo(Party.unknown());
        assertThat(invoice.totals().exclVat()).isNull();
        assertThat(invoice.totals().inclVat()).isNull();
        assertThat(invoice.lines()).isEmpty();
    }

    private Invoice cii(String settlement) throws Exception {
        return reader.read(document("", "", settlement).getBytes(StandardCharsets.UTF_8)).invoice();
    }

    private LocalDate issued(String dateTimeString) throws Exception {
        return reader.read(document("<ram:IssueDateTime>" + dateTimeString + "</ram:IssueDateTime>", "", "")
                .getBytes(StandardCharsets.UTF_8)).invoice().issueDate();
    }

    private InvoiceType typed(String code) throws Exception {
        return reader.read(document("<ram:TypeCode>" + code + "</ram:TypeCode>", "", "").getBytes(StandardCharsets.UTF_8))
                .invoice().type();
    }

    /** The seller's French identifiers (what the SIREN/SIRET rules decide); other identifiers are kept apart. */
    private Party seller(String content) throws Exception {
        String agreement = "<ram:SellerTradeParty><ram:Name>S</ram:Name>" + content + "</ram:SellerTradeParty>";
        return reader.read(document("", agreement, "").getBytes(StandardCharsets.UTF_8)).invoice().seller().identity();
    }

    private static String vat(String id) {
        return "<ram:SpecifiedTaxRegistration><ram:ID schemeID=\"VA\">" + id + "</ram:ID></ram:SpecifiedTaxRegistration>";
    }

    private static String summation(String amounts) {
        return "<ram:SpecifiedTradeSettlementHeaderMonetarySummation>" + amounts
                + "</ram:SpecifiedTradeSettlementHeaderMonetarySummation>";
    }

    private static String document(String header, String agreement, String settlement) {
        return "<rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\""
                + " xmlns:ram=\"urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100\""
                + " xmlns:udt=\"urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100\">"
                + "<rsm:ExchangedDocument><ram:ID>N-1</ram:ID>" + header + "</rsm:ExchangedDocument>"
                + "<rsm:SupplyChainTradeTransaction>"
                + "<ram:ApplicableHeaderTradeAgreement>" + agreement + "</ram:ApplicableHeaderTradeAgreement>"
                + "<ram:ApplicableHeaderTradeSettlement>" + settlement + "</ram:ApplicableHeaderTradeSettlement>"
                + "</rsm:SupplyChainTradeTransaction></rsm:CrossIndustryInvoice>";
    }
}
