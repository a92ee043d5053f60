package io.einvoice.gateway.facturx;

import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.InvoiceLine;
import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.invoice.Party;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The UBL rules that the samples and the corpus do not pin down on their own. */
class UblInvoiceMapperTest {

    private static final String NAMESPACES = " xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\""
            + " xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\"";

    private final InvoiceReader reader = new InvoiceReader();

    @Test
    void aCreditNoteWithoutTypeCodeIsACreditNoteAndItsDueDateSitsInThePaymentMeans() throws Exception {
        Invoice creditNote = read("<CreditNote xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\"" + NAMESPACES + ">"
                + "<cbc:ID>AV-1</cbc:ID><cbc:IssueDate>2026-02-01</cbc:IssueDate>"
                + "<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>"
                + "<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>"
                + "<cbc:PaymentDueDate>2026-03-01</cbc:PaymentDueDate></cac:PaymentMeans>"
                + "<cac:CreditNoteLine><cbc:ID>1</cbc:ID><cbc:CreditedQuantity unitCode=\"C62\">2</cbc:CreditedQuantity>"
                + "<cbc:LineExtensionAmount currencyID=\"EUR\">-20.00</cbc:LineExtensionAmount>"
                + "<cac:Item><cbc:Name>Retour</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID>"
                + "<cbc:Percent>20</cbc:Percent></cac:ClassifiedTaxCategory></cac:Item></cac:CreditNoteLine>"
                + "</CreditNote>");

        assertThat(creditNote.type()).isEqualTo(InvoiceType.CREDIT_NOTE);
        assertThat(creditNote.issueDate()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(creditNote.dueDate()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(creditNote.lines()).singleElement().satisfies(line -> {
            assertThat(line).extracting(InvoiceLine::id, InvoiceLine::name, InvoiceLine::unitCode).containsExactly("1", "Retour", "C62");
            assertThat(line.quantity()).isEqualByComparingTo("2");
            assertThat(line.netAmount()).isEqualByComparingTo("-20.00");
            assertThat(line.vatRate()).isEqualByComparingTo("20");
        });
    }

    @Test
    void aCreditNoteTypeCodeOnAnInvoiceDocumentIsHonoured() throws Exception {
        assertThat(invoice("<cbc:InvoiceTypeCode>381</cbc:InvoiceTypeCode>").type()).isEqualTo(InvoiceType.CREDIT_NOTE);
        assertThat(invoice("<cbc:InvoiceTypeCode>386</cbc:InvoiceTypeCode>").type()).isEqualTo(InvoiceType.PREPAYMENT_INVOICE);
    }

    @Test
    void bt110IsTheTaxTotalInTheDocumentCurrency() throws Exception {
        Invoice invoice = invoice("<cbc:DocumentCurrencyCode>USD</cbc:DocumentCurrencyCode><cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>"
                + "<cac:TaxTotal><cbc:TaxAmount currencyID=\"EUR\">18.50</cbc:TaxAmount></cac:TaxTotal>"
                + "<cac:TaxTotal><cbc:TaxAmount currencyID=\"USD\">20.00</cbc:TaxAmount></cac:TaxTotal>"
                + "<cac:LegalMonetaryTotal><cbc:TaxExclusiveAmount currencyID=\"USD\">100.00</cbc:TaxExclusiveAmount>"
                + "<cbc:TaxInclusiveAmount currencyID=\"USD\">120.00</cbc:TaxInclusiveAmount>"
                + "<cbc:PayableAmount currencyID=\"USD\">120.00</cbc:PayableAmount></cac:LegalMonetaryTotal>");

        assertThat(invoice.totals().vat()).isEqualByComparingTo("20.00");
        assertThat(invoice.totals().exclVat()).isEqualByComparingTo("100.00");
        assertThat(invoice.totals().inclVat()).isEqualByComparingTo("120.00");
        assertThat(invoice.totals().duePayable()).isEqualByComparingTo("120.00");
    }

    @Test
    void sellerNameFallsBackToTheTradingNameAndSiretComesFromAnyIdentifierWithScheme0009() throws Exception {
        Invoice invoice = invoice("<cac:AccountingSupplierParty><cac:Party>"
                + "<cbc:EndpointID schemeID=\"0009\">73282932000017</cbc:EndpointID>"
                + "<cac:PartyName><cbc:Name>Lumière</cbc:Name></cac:PartyName>"
                + "<cac:PartyTaxScheme><cbc:CompanyID>FR44732829320</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>"
                + "<cac:PartyTaxScheme><cbc:CompanyID>12/345/67890</cbc:CompanyID><cac:TaxScheme><cbc:ID>FC</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>"
                + "</cac:Party></cac:AccountingSupplierParty>");

        assertThat(invoice.seller().identity()).isEqualTo(new Party("Lumière", "732829320", "73282932000017", "FR44732829320"));
        assertThat(invoice.buyer()).isEqualTo(Party.unknown());
    }

    @Test
    void anIssueDateWithATimeZoneStillNamesItsDay() throws Exception {
        assertThat(invoice("<cbc:IssueDate>2026-03-16+01:00</cbc:IssueDate>").issueDate()).isEqualTo(LocalDate.of(2026, 3, 16));
        assertThat(invoice("<cbc:IssueDate>16/03/2026</cbc:IssueDate>").issueDate()).isNull();
    }

    private Invoice invoice(String content) throws Exception {
        return read("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"" + NAMESPACES + ">"
                + "<cbc:ID>F-1</cbc:ID>" + content + "</Invoice>");
    }

    private Invoice read(String xml) throws Exception {
        StructuredInvoice read = reader.read(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(read.format()).isEqualTo(InvoiceFormat.UBL);
        return read.invoice();
    }
}
