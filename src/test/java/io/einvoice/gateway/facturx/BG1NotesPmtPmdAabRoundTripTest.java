package io.einvoice.gateway.facturx;

import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.Note;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import static io.einvoice.gateway.facturx.RoundTrip.xpath;
import static org.assertj.core.api.Assertions.assertThat;

/** BG-1 notes with the subject codes French law requires (PMT, PMD, AAB), and BG-25 line notes and descriptions. */
class BG1NotesPmtPmdAabRoundTripTest {

    @Test
    void mandatoryNotesSurviveCiiWithTheirSubjectCodes() throws Exception {
        Document cii = RoundTrip.ciiTwice(RoundTrip.frenchInvoice(), Profile.EN16931);

        assertThat(xpath(cii, "//rsm:ExchangedDocument/ram:IncludedNote[ram:SubjectCode='PMT']/ram:Content"))
                .startsWith("Indemnité forfaitaire");
        assertThat(xpath(cii, "//rsm:ExchangedDocument/ram:IncludedNote[ram:SubjectCode='PMD']/ram:Content")).startsWith("Pénalités");
        assertThat(xpath(cii, "//rsm:ExchangedDocument/ram:IncludedNote[ram:SubjectCode='AAB']/ram:Content")).startsWith("Pas d'escompte");
        String line1 = "//ram:IncludedSupplyChainTradeLineItem[ram:AssociatedDocumentLineDocument/ram:LineID='1']/";
        assertThat(xpath(cii, line1 + "ram:AssociatedDocumentLineDocument/ram:IncludedNote/ram:Content")).isEqualTo("Livraison partielle");
        assertThat(xpath(cii, line1 + "ram:SpecifiedTradeProduct/ram:Description")).isEqualTo("80 g, blanc");
        assertThat(xpath(cii, line1 + "ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:ChargeAmount")).isEqualTo("4.175");
        assertThat(xpath(cii, line1 + "ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount"))
                .isEqualTo("50.10");
    }

    @Test
    void mandatoryNotesSurviveUbl() throws Exception {
        Invoice fromUbl = RoundTrip.throughUbl(RoundTrip.frenchInvoice());

        assertThat(fromUbl.note(Note.RECOVERY_INDEMNITY)).startsWith("Indemnité forfaitaire");
        assertThat(fromUbl.note(Note.LATE_PAYMENT_PENALTIES)).startsWith("Pénalités");
        assertThat(fromUbl.note(Note.EARLY_PAYMENT_DISCOUNT)).startsWith("Pas d'escompte");
    }

    @Test
    void aUblNoteCarriesItsSubjectCodeBetweenHashes() {
        assertThat(UblInvoiceMapper.note("#PMT#Indemnité 40 €")).isEqualTo(new Note("PMT", "Indemnité 40 €"));
        assertThat(UblInvoiceMapper.note("Merci de votre confiance")).isEqualTo(new Note(null, "Merci de votre confiance"));
    }
}
