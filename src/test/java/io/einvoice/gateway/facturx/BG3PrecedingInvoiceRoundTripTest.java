package io.einvoice.gateway.facturx;

import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.PrecedingInvoice;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.time.LocalDate;

import static io.einvoice.gateway.facturx.RoundTrip.xpath;
import static org.assertj.core.api.Assertions.assertThat;

/** BG-3 preceding invoice, BG-14 invoicing period, BG-13 delivery (BT-70/71/72, BG-15) and BT-10/12/13 references. */
class BG3PrecedingInvoiceRoundTripTest {

    @Test
    void referencesAndDeliverySurviveCii() throws Exception {
        Document cii = RoundTrip.ciiTwice(RoundTrip.frenchInvoice(), Profile.EN16931);

        assertThat(xpath(cii, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID")).isEqualTo("FA-2026-0042");
        assertThat(xpath(cii, "//ram:InvoiceReferencedDocument/ram:FormattedIssueDateTime/qdt:DateTimeString[@format='102']"))
                .isEqualTo("20260201");
        assertThat(xpath(cii, "//ram:ApplicableHeaderTradeAgreement/ram:BuyerReference")).isEqualTo("SERVICE-ACHATS");
        assertThat(xpath(cii, "//ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID")).isEqualTo("BC-2026-117");
        assertThat(xpath(cii, "//ram:ContractReferencedDocument/ram:IssuerAssignedID")).isEqualTo("CT-2025-09");
        assertThat(xpath(cii, "//ram:ShipToTradeParty/ram:ID")).isEqualTo("ENTREPOT-LYON-7");
        assertThat(xpath(cii, "//ram:ShipToTradeParty/ram:PostalTradeAddress/ram:CityName")).isEqualTo("Villeurbanne");
        assertThat(xpath(cii, "//ram:ActualDeliverySupplyChainEvent/ram:OccurrenceDateTime/udt:DateTimeString")).isEqualTo("20260314");
        assertThat(xpath(cii, "//ram:BillingSpecifiedPeriod/ram:StartDateTime/udt:DateTimeString")).isEqualTo("20260301");
        assertThat(xpath(cii, "//ram:BillingSpecifiedPeriod/ram:EndDateTime/udt:DateTimeString")).isEqualTo("20260314");
    }

    @Test
    void referencesAndDeliverySurviveUbl() throws Exception {
        Invoice fromUbl = RoundTrip.throughUbl(RoundTrip.frenchInvoice());

        assertThat(fromUbl.precedingInvoices()).containsExactly(new PrecedingInvoice("FA-2026-0042", LocalDate.of(2026, 2, 1)));
        assertThat(fromUbl.orderReference()).isEqualTo("BC-2026-117");
        assertThat(fromUbl.buyerReference()).isEqualTo("SERVICE-ACHATS");
        assertThat(fromUbl.delivery().date()).isEqualTo(LocalDate.of(2026, 3, 14));
        assertThat(fromUbl.delivery().address().city()).isEqualTo("Villeurbanne");
        assertThat(fromUbl.invoicingPeriod()).isEqualTo(RoundTrip.frenchInvoice().invoicingPeriod());
    }
}
