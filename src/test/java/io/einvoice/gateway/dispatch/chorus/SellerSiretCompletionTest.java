package io.einvoice.gateway.dispatch.chorus;

import io.einvoice.gateway.facturx.FacturXWriter;
import io.einvoice.gateway.facturx.InvoiceFormat;
import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.facturx.Profile;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.facturx.SampleInvoices.PublicBuyer;
import io.einvoice.gateway.facturx.StructuredInvoice;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SellerSiretCompletionTest {

    static final String SIREN = SampleInvoices.SELLER_SIREN;
    static final String SIRET = "73282932000017";
    private static final String SELLER_GLOBAL_ID = "<ram:GlobalID schemeID=\"0009\">" + SIRET + "</ram:GlobalID>";

    private final SellerSiretCompletion completion = new SellerSiretCompletion();
    private final ChorusPreChecks preChecks = new ChorusPreChecks();

    /** The Chorus sample with the seller named by its SIREN only (BT-30 scheme 0002), as many billing programs write it. */
    static byte[] withoutSellerSiret(String number) throws Exception {
        byte[] pdf = SampleInvoices.chorusFacturXPdf(number, PublicBuyer.plain("98765432400019"));
        String xml = new String(new InvoiceReader().read(pdf).xml(), StandardCharsets.UTF_8);
        String withoutSiret = xml.replace(SELLER_GLOBAL_ID, "");
        assertThat(withoutSiret).isNotEqualTo(xml);
        return new FacturXWriter().embed(pdf, withoutSiret.getBytes(StandardCharsets.UTF_8), Profile.EN16931).pdf();
    }

    @Test
    void anInvoiceOfTheDossierWithoutItsSiretGetsTheDossiersSiretInBt30AndPassesThePreChecks() throws Exception {
        byte[] original = withoutSellerSiret("FA-2026-0300");
        assertThat(preChecks.checkInvoice(ChorusInvoiceFacts.fromFacturX(original)))
                .contains("seller SIRET (scheme 0009) is missing: Chorus Pro identifies sellers by their 14-digit SIRET");

        Optional<SellerSiretCompletion.Completed> completed = completion.complete(original, SIREN, SIRET);

        assertThat(completed).isPresent();
        StructuredInvoice read = new InvoiceReader().read(completed.get().facturX());
        assertThat(read.format()).isEqualTo(InvoiceFormat.FACTUR_X);
        String xml = new String(read.xml(), StandardCharsets.UTF_8);
        assertThat(xml).contains("<ram:SpecifiedLegalOrganization>").contains("schemeID=\"0009\">" + SIRET + "</ram:ID>")
                .doesNotContain("schemeID=\"0002\">" + SIREN);
        ChorusInvoiceFacts facts = ChorusInvoiceFacts.fromFacturX(completed.get().facturX());
        assertThat(facts.sellerSiret()).isEqualTo(SIRET);
        assertThat(facts.number()).isEqualTo("FA-2026-0300");
        assertThat(preChecks.checkInvoice(facts)).isEmpty();
        assertThat(completed.get().note()).startsWith("note: ").contains(SIRET).contains("BT-30");
    }

    @Test
    void anotherCompanysSirenIsNotCompletedSoTheRefusalStays() throws Exception {
        byte[] original = withoutSellerSiret("FA-2026-0301");

        assertThat(completion.complete(original, "552100554", "55210055400013")).isEmpty();
    }

    @Test
    void aDossierWithoutSiretOrWithASiretOfAnotherSirenCompletesNothing() throws Exception {
        byte[] original = withoutSellerSiret("FA-2026-0302");

        assertThat(completion.complete(original, SIREN, null)).isEmpty();
        assertThat(completion.complete(original, SIREN, "55210055400013")).isEmpty();
    }

    @Test
    void anInvoiceThatAlreadyCarriesTheSiretIsLeftAsItIs() {
        byte[] original = SampleInvoices.chorusFacturXPdf("FA-2026-0303", PublicBuyer.plain("98765432400019"));

        assertThat(completion.complete(original, SIREN, SIRET)).isEmpty();
    }

    @Test
    void somethingThatIsNotAFacturXIsLeftToThePreChecks() {
        assertThat(completion.complete(SampleInvoices.plainPdf(), SIREN, SIRET)).isEmpty();
        assertThat(completion.complete(SampleInvoices.brokenPdf(), SIREN, SIRET)).isEmpty();
    }
}
