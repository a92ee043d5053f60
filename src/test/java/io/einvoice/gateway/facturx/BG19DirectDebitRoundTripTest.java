package io.einvoice.gateway.facturx;

import io.einvoice.gateway.invoice.DirectDebit;
import io.einvoice.gateway.invoice.Identifier;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.PaymentMeans;
import io.einvoice.gateway.validation.InvoiceValidator;
import io.einvoice.gateway.validation.Severity;
import io.einvoice.gateway.validation.ValidationReport;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.einvoice.gateway.facturx.RoundTrip.xpath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * BG-19 direct debit: BT-89 mandate reference, BT-90 bank assigned creditor identifier, BT-91 debited account. Guards
 * two regressions: the model had no BG-19, so CII ↔ UBL conversions dropped it; and the UBL reader took BT-90 (a seller
 * {@code PartyIdentification} under the scheme SEPA) for a seller identifier, which the CII writer then wrote as
 * {@code GlobalID schemeID="SEPA"}, invalid CII (BR-CL-10, FX-SCH-A-000579).
 */
class BG19DirectDebitRoundTripTest {

    static final DirectDebit DEBIT = new DirectDebit("RUM-2025-0042", "FR12ZZZ123456", "FR7611315000011234567890138");
    private static final String SETTLEMENT = "//ram:ApplicableHeaderTradeSettlement";

    private final FacturXWriter writer = new FacturXWriter();
    private final InvoiceReader reader = new InvoiceReader();

    @Test
    void directDebitSurvivesCiiInTheSchemaOrder() throws Exception {
        Document cii = RoundTrip.ciiTwice(sepaDirectDebit(), Profile.EN16931);

        assertThat(xpath(cii, "name(" + SETTLEMENT + "/*[1])")).isEqualTo("ram:CreditorReferenceID");
        assertThat(xpath(cii, SETTLEMENT + "/ram:CreditorReferenceID")).isEqualTo("FR12ZZZ123456");
        String terms = SETTLEMENT + "/ram:SpecifiedTradePaymentTerms";
        assertThat(xpath(cii, terms + "/ram:DirectDebitMandateID")).isEqualTo("RUM-2025-0042");
        assertThat(xpath(cii, "name(" + terms + "/ram:DirectDebitMandateID/preceding-sibling::*[1])"))
                .isEqualTo("ram:DueDateDateTime");
        String means = SETTLEMENT + "/ram:SpecifiedTradeSettlementPaymentMeans";
        assertThat(xpath(cii, means + "/ram:TypeCode")).isEqualTo("59");
        assertThat(xpath(cii, means + "/ram:PayerPartyDebtorFinancialAccount/ram:IBANID"))
                .isEqualTo("FR7611315000011234567890138");
        assertThat(xpath(cii, "name(" + means + "/ram:PayerPartyDebtorFinancialAccount/following-sibling::*[1])"))
                .isEqualTo("ram:PayeePartyCreditorFinancialAccount");

        Invoice read = reader.read(writer.toCii(sepaDirectDebit(), Profile.EN16931)).invoice();
        assertThat(read.paymentMeans()).singleElement().extracting(PaymentMeans::directDebit).isEqualTo(DEBIT);
    }

    @Test
    void basicWlAndBasicKeepItMinimumHasNoPlaceForIt() throws Exception {
        for (Profile profile : List.of(Profile.BASIC_WL, Profile.BASIC)) {
            Document cii = RoundTrip.ciiTwice(sepaDirectDebit(), profile);
            assertThat(xpath(cii, SETTLEMENT + "/ram:CreditorReferenceID")).as("%s", profile).isEqualTo("FR12ZZZ123456");
            assertThat(xpath(cii, "//ram:DirectDebitMandateID")).as("%s", profile).isEqualTo("RUM-2025-0042");
            assertThat(xpath(cii, "//ram:PayerPartyDebtorFinancialAccount/ram:IBANID")).as("%s", profile)
                    .isEqualTo("FR7611315000011234567890138");
            assertValid(writer.toCii(sepaDirectDebit(), profile), "bg19-" + profile + ".xml");
        }
        Document minimum = RoundTrip.ciiTwice(sepaDirectDebit(), Profile.MINIMUM);
        assertThat(xpath(minimum, "count(//ram:CreditorReferenceID | //ram:DirectDebitMandateID"
                + " | //ram:PayerPartyDebtorFinancialAccount)")).isEqualTo("0");
    }

    @Test
    void directDebitSurvivesUblAndBt90IsNoSellerIdentifier() throws Exception {
        Document ubl = RoundTrip.ubl(sepaDirectDebit());
        assertThat(xpath(ubl, "//cac:PaymentMeans/cac:PaymentMandate/cbc:ID")).isEqualTo("RUM-2025-0042");
        assertThat(xpath(ubl, "//cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID"))
                .isEqualTo("FR7611315000011234567890138");
        assertThat(xpath(ubl, "//cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID[@schemeID='SEPA']"))
                .isEqualTo("FR12ZZZ123456");

        Invoice fromUbl = RoundTrip.throughUbl(sepaDirectDebit());
        assertThat(fromUbl.paymentMeans()).singleElement().extracting(PaymentMeans::directDebit).isEqualTo(DEBIT);
        assertThat(fromUbl.seller().identifiers()).extracting(Identifier::scheme).doesNotContain("SEPA");

        byte[] cii = writer.toCii(fromUbl, Profile.EN16931);
        Document back = RoundTrip.parse(cii);
        assertThat(xpath(back, "count(//ram:GlobalID[@schemeID='SEPA'])")).isEqualTo("0");
        assertThat(xpath(back, SETTLEMENT + "/ram:CreditorReferenceID")).isEqualTo("FR12ZZZ123456");
        assertValid(cii, "bg19-from-ubl.xml");
    }

    @Test
    void theWrittenCiiAndUblAreValid() throws Exception {
        assertValid(writer.toCii(sepaDirectDebit(), Profile.EN16931), "bg19.xml");
        assertValid(writer.toUbl(sepaDirectDebit()), "bg19-ubl.xml");
    }

    /** The corpus UBL whose SEPA creditor identifier once became an invalid CII GlobalID. */
    @Test
    void theAkretionExtendedCtcFrUblConvertsToValidCii() throws Exception {
        Path file = CorpusReadTest.CORPUS.resolve("xml-ubl/akretion/ubl-21-extended-ctc-fr.xml");
        assumeTrue(Files.isRegularFile(file), "no test corpus file " + file);
        Invoice invoice = reader.read(Files.readAllBytes(file)).invoice();

        byte[] cii = writer.toCii(invoice, Profile.writableFor(invoice, Profile.EN16931));
        Document doc = RoundTrip.parse(cii);
        assertThat(xpath(doc, "count(//ram:GlobalID[@schemeID='SEPA'])")).isEqualTo("0");
        assertThat(xpath(doc, SETTLEMENT + "/ram:CreditorReferenceID")).isEqualTo("Au bon moulin SARL");
        assertThat(xpath(doc, "//ram:DirectDebitMandateID")).isEqualTo("RUM_9083209");
        assertThat(xpath(doc, "//ram:PayerPartyDebtorFinancialAccount/ram:IBANID")).isEqualTo("FR7312345678901275089715A98");
        assertValid(cii, "akretion-ubl-21-extended-ctc-fr.cii.xml");
    }

    /** The French invoice of {@link RoundTrip}, paid by SEPA direct debit (UNTDID 4461 code 59). */
    static Invoice sepaDirectDebit() {
        Invoice i = RoundTrip.frenchInvoice();
        PaymentMeans debit = new PaymentMeans("59", "Prélèvement SEPA", "FA-2026-0100", "FR7630006000011234567890189",
                "Fournitures Lumière", "AGRIFRPPXXX", DEBIT);
        return new Invoice(i.number(), i.type(), i.issueDate(), i.dueDate(), i.currency(), i.seller(), i.buyer(), i.totals(),
                i.lines(), i.businessProcess(), i.specification(), i.buyerReference(), i.orderReference(),
                i.contractReference(), i.notes(), i.precedingInvoices(), i.delivery(), i.invoicingPeriod(), List.of(debit),
                i.paymentTerms(), i.allowancesCharges(), i.vatBreakdown());
    }

    private static void assertValid(byte[] xml, String name) throws Exception {
        ValidationReport report = InvoiceValidator.shared().validate(xml, name);
        assertThat(report.valid()).as("%s: %s", name, report.findings().stream()
                .filter(f -> f.severity() == Severity.ERROR).toList()).isTrue();
    }
}
