package io.einvoice.gateway.facturx;

import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.Identifier;
import io.einvoice.gateway.invoice.Party;
import io.einvoice.gateway.invoice.PostalAddress;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.util.List;

import static io.einvoice.gateway.facturx.RoundTrip.xpath;
import static org.assertj.core.api.Assertions.assertThat;

/** BG-4 / BG-7 seller and buyer: SIREN (0002), SIRET (0009), VAT id, BT-34/49 electronic address, BG-5/8 address, BG-6. */
class BG4SellerBuyerRoundTripTest {

    @Test
    void partiesSurviveCii() throws Exception {
        Document cii = RoundTrip.ciiTwice(RoundTrip.frenchInvoice(), Profile.EN16931);

        String seller = "//ram:SellerTradeParty/";
        assertThat(xpath(cii, seller + "ram:SpecifiedLegalOrganization/ram:ID[@schemeID='0002']")).isEqualTo("732829320");
        assertThat(xpath(cii, seller + "ram:GlobalID[@schemeID='0009']")).isEqualTo("73282932000074");
        assertThat(xpath(cii, seller + "ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']")).isEqualTo("FR44732829320");
        assertThat(xpath(cii, seller + "ram:URIUniversalCommunication/ram:URIID[@schemeID='0225']")).isEqualTo("732829320");
        assertThat(xpath(cii, seller + "ram:PostalTradeAddress/ram:CityName")).isEqualTo("Paris");
        assertThat(xpath(cii, seller + "ram:DefinedTradeContact/ram:EmailURIUniversalCommunication/ram:URIID"))
                .isEqualTo("facturation@lumiere.example");
        assertThat(xpath(cii, "//ram:BuyerTradeParty/ram:URIUniversalCommunication/ram:URIID")).isEqualTo("123456782");
        assertThat(xpath(cii, "//ram:BuyerTradeParty/ram:PostalTradeAddress/ram:PostcodeCode")).isEqualTo("69002");
    }

    @Test
    void aForeignSellerKeepsItsOtherIdentifiersAndTaxNumber() throws Exception {
        Invoice french = RoundTrip.frenchInvoice();
        Party german = new Party("Lieferant GmbH", null, null, null, null, null,
                new PostalAddress("Hauptstr. 1", null, null, "Berlin", "10115", null, "DE"), null,
                List.of(new Identifier("0088", "4000001123452"), new Identifier(null, "LIEF-77")),
                new Identifier("0204", "HRB 12345"), "201/113/40209");
        Invoice invoice = new Invoice(french.number(), french.type(), french.issueDate(), french.dueDate(), french.currency(),
                german, french.buyer(), french.totals(), french.lines(), null, null, null, null, null, List.of(), List.of(),
                null, null, List.of(), null, List.of(), french.vatBreakdown());

        Document cii = RoundTrip.ciiTwice(invoice, Profile.EN16931);

        assertThat(xpath(cii, "//ram:SellerTradeParty/ram:ID")).isEqualTo("LIEF-77");
        assertThat(xpath(cii, "//ram:SellerTradeParty/ram:GlobalID[@schemeID='0088']")).isEqualTo("4000001123452");
        assertThat(xpath(cii, "//ram:SellerTradeParty/ram:SpecifiedLegalOrganization/ram:ID[@schemeID='0204']")).isEqualTo("HRB 12345");
        assertThat(xpath(cii, "//ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID='FC']")).isEqualTo("201/113/40209");
    }

    @Test
    void partiesSurviveUbl() throws Exception {
        Invoice original = RoundTrip.frenchInvoice();
        Invoice fromUbl = RoundTrip.throughUbl(original);

        Party seller = fromUbl.seller();
        assertThat(seller.identity()).isEqualTo(original.seller().identity());
        assertThat(seller.electronicAddress()).isEqualTo(original.seller().electronicAddress());
        assertThat(seller.address().city()).isEqualTo("Paris");
        assertThat(seller.address().countryCode()).isEqualTo("FR");
        assertThat(fromUbl.buyer().siren()).isEqualTo("123456782");
        assertThat(fromUbl.buyer().electronicAddress().value()).isEqualTo("123456782");
    }
}
