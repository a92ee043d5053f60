package io.einvoice.gateway.directory;

import io.einvoice.gateway.facturx.FacturXWriter;
import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.facturx.Profile;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.facturx.StructuredInvoice;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BT-49 (buyer electronic address, scheme 0225) written from the buyer's directory line: generate, complete, read
 * back. Guards the reform's BR-FR-13 for invoices from billing software that knows no directory address.
 */
class BuyerAddressCompletionTest {

    private static final DirectoryLine LINE = new DirectoryLine(SampleInvoices.BUYER_SIREN, SampleInvoices.BUYER_SIREN, null,
            null, null, "WK", "Enabled");
    private static final String BT49 = "<ram:URIID schemeID=\"0225\">" + SampleInvoices.BUYER_SIREN + "</ram:URIID>";

    private final BuyerAddressCompletion completion = new BuyerAddressCompletion();

    private static String xml(byte[] facturX) throws Exception {
        return new String(new InvoiceReader().read(facturX).xml(), StandardCharsets.UTF_8);
    }

    /** The sample with every BT-49 taken out of its buyer. */
    private static byte[] withoutBuyerAddress(String number) throws Exception {
        byte[] pdf = SampleInvoices.facturXPdf(number);
        String xml = xml(pdf);
        String buyer = xml.substring(xml.indexOf("<ram:BuyerTradeParty>"), xml.indexOf("</ram:BuyerTradeParty>"));
        String stripped = buyer.replaceAll("(?s)<ram:URIUniversalCommunication>.*?</ram:URIUniversalCommunication>", "");
        return new FacturXWriter().embed(pdf, xml.replace(buyer, stripped).getBytes(StandardCharsets.UTF_8),
                Profile.EN16931).pdf();
    }

    @Test
    void aMissingBt49IsWrittenFromTheDirectoryLineInScheme0225WhereTheSchemaPlacesIt() throws Exception {
        byte[] original = withoutBuyerAddress("FA-2026-0400");
        assertThat(xml(original)).doesNotContain("schemeID=\"0225\"");

        Optional<BuyerAddressCompletion.Completed> completed = completion.complete(original, LINE);

        assertThat(completed).isPresent();
        StructuredInvoice read = new InvoiceReader().read(completed.get().facturX());
        String xml = new String(read.xml(), StandardCharsets.UTF_8);
        String buyer = xml.substring(xml.indexOf("<ram:BuyerTradeParty>"), xml.indexOf("</ram:BuyerTradeParty>"));
        assertThat(buyer).contains("<ram:URIUniversalCommunication>" + BT49);
        if (buyer.contains("<ram:SpecifiedTaxRegistration>")) {
            assertThat(buyer.indexOf(BT49)).isLessThan(buyer.indexOf("<ram:SpecifiedTaxRegistration>"));
        }
        assertThat(read.invoice().number()).isEqualTo("FA-2026-0400");
        assertThat(completed.get().note()).startsWith("note: ").contains("BT-49").contains("was missing")
                .contains("0225:" + SampleInvoices.BUYER_SIREN);
        assertThat(completion.complete(completed.get().facturX(), LINE)).as("complete once").isEmpty();
    }

    @Test
    void anAddressInAnotherSchemeIsReplacedAndTheNoteDoesNotRepeatIt() throws Exception {
        byte[] original = withoutBuyerAddress("FA-2026-0401");
        String xml = xml(original);
        String buyer = xml.substring(xml.indexOf("<ram:BuyerTradeParty>"), xml.indexOf("</ram:BuyerTradeParty>"));
        // BT-49 as many programs write it, an e-mail address (scheme EM), after the postal address
        String withEmail = xml.replace(buyer, buyer.replace("</ram:PostalTradeAddress>", "</ram:PostalTradeAddress>"
                + "<ram:URIUniversalCommunication><ram:URIID schemeID=\"EM\">achats@client.example</ram:URIID>"
                + "</ram:URIUniversalCommunication>"));
        assertThat(withEmail).contains("achats@client.example");
        byte[] pdf = new FacturXWriter().embed(original, withEmail.getBytes(StandardCharsets.UTF_8), Profile.EN16931).pdf();

        BuyerAddressCompletion.Completed completed = completion.complete(pdf, LINE).orElseThrow();

        assertThat(xml(completed.facturX())).contains(BT49).doesNotContain("achats@client.example");
        assertThat(completed.note()).contains("was not in the directory's scheme 0225").doesNotContain("achats@");
    }

    @Test
    void somethingThatIsNotAFacturXIsLeftAsItIs() {
        assertThat(completion.complete(SampleInvoices.plainPdf(), LINE)).isEmpty();
        assertThat(completion.complete(SampleInvoices.ciiXml("FA-2026-0402"), LINE)).isEmpty();
    }
}
