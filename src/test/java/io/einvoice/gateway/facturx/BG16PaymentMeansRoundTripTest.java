package io.einvoice.gateway.facturx;

import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.PaymentMeans;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import static io.einvoice.gateway.facturx.RoundTrip.xpath;
import static org.assertj.core.api.Assertions.assertThat;

/** BG-16 payment instructions: BT-81 code, BT-82 text, BT-83 remittance, BG-17 IBAN/account name/BIC; BT-20 and BT-9. */
class BG16PaymentMeansRoundTripTest {

    @Test
    void creditTransferSurvivesCii() throws Exception {
        Document cii = RoundTrip.ciiTwice(RoundTrip.frenchInvoice(), Profile.EN16931);

        String means = "//ram:ApplicableHeaderTradeSettlement/ram:SpecifiedTradeSettlementPaymentMeans";
        assertThat(xpath(cii, means + "/ram:TypeCode")).isEqualTo("58");
        assertThat(xpath(cii, means + "/ram:Information")).isEqualTo("Virement SEPA");
        assertThat(xpath(cii, means + "/ram:PayeePartyCreditorFinancialAccount/ram:IBANID")).isEqualTo("FR7630006000011234567890189");
        assertThat(xpath(cii, means + "/ram:PayeePartyCreditorFinancialAccount/ram:AccountName")).isEqualTo("Fournitures Lumière");
        assertThat(xpath(cii, means + "/ram:PayeeSpecifiedCreditorFinancialInstitution/ram:BICID")).isEqualTo("AGRIFRPPXXX");
        assertThat(xpath(cii, "//ram:ApplicableHeaderTradeSettlement/ram:PaymentReference")).isEqualTo("FA-2026-0100");
        assertThat(xpath(cii, "//ram:SpecifiedTradePaymentTerms/ram:Description")).isEqualTo("Paiement à 30 jours fin de mois");
        assertThat(xpath(cii, "//ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString")).isEqualTo("20260415");
    }

    @Test
    void basicKeepsTheIbanButNotWhatOnlyEn16931Has() throws Exception {
        Document cii = RoundTrip.ciiTwice(RoundTrip.frenchInvoice(), Profile.BASIC);

        assertThat(xpath(cii, "//ram:PayeePartyCreditorFinancialAccount/ram:IBANID")).isEqualTo("FR7630006000011234567890189");
        assertThat(xpath(cii, "count(//ram:PayeeSpecifiedCreditorFinancialInstitution)")).isEqualTo("0");
    }

    @Test
    void ibanSurvivesUbl() throws Exception {
        Invoice fromUbl = RoundTrip.throughUbl(RoundTrip.frenchInvoice());

        assertThat(fromUbl.paymentMeans()).hasSize(1);
        PaymentMeans means = fromUbl.paymentMeans().get(0);
        assertThat(means.code()).isEqualTo("58");
        assertThat(means.iban()).isEqualTo("FR7630006000011234567890189");
        assertThat(means.remittanceInformation()).isEqualTo("FA-2026-0100");
        assertThat(fromUbl.dueDate()).isEqualTo(RoundTrip.frenchInvoice().dueDate());
    }
}
