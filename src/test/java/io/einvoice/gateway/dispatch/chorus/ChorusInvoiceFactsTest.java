package io.einvoice.gateway.dispatch.chorus;

import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.facturx.UnreadableInvoiceException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChorusInvoiceFactsTest {

    @Test
    void readsWhatChorusChecksFromTheFacturX() throws Exception {
        byte[] pdf = SampleInvoices.chorusFacturXPdf("FA-2026-0100",
                new SampleInvoices.PublicBuyer("12345678200044", "A1", "SERVICE_DEST_SERV_EJ", "EJ-2026-77", true));
        ChorusInvoiceFacts facts = ChorusInvoiceFacts.fromFacturX(pdf);
        assertThat(facts.number()).isEqualTo("FA-2026-0100");
        assertThat(facts.typeCode()).isEqualTo("380");
        assertThat(facts.cadre()).isEqualTo("A1");
        assertThat(facts.sellerSiret()).isEqualTo("73282932000017");
        assertThat(facts.buyerSiret()).isEqualTo("12345678200044");
        assertThat(facts.serviceCode()).isEqualTo("SERVICE_DEST_SERV_EJ");
        assertThat(facts.commitment()).isEqualTo("EJ-2026-77");
        assertThat(facts.paymentMeans()).singleElement().satisfies(m -> assertThat(m.iban()).isEqualTo("FR7630006000011234567890189"));
        assertThat(facts.totalInclVat().toPlainString()).isEqualTo(SampleInvoices.TOTAL_INCL_VAT);
        assertThat(new ChorusPreChecks().checkInvoice(facts)).isEmpty();
    }

    @Test
    void plainSampleLacksWhatChorusNeeds() throws Exception {
        ChorusInvoiceFacts facts = ChorusInvoiceFacts.fromFacturX(SampleInvoices.facturXPdf("FA-2026-0101"));
        assertThat(facts.buyerSiret()).isNull();
        assertThat(facts.cadre()).isNotEqualTo("A1");
        assertThat(new ChorusPreChecks().checkInvoice(facts)).anyMatch(r -> r.startsWith("buyer SIRET"))
                .anyMatch(r -> r.startsWith("BT-23"));
    }

    @Test
    void aPdfWithoutInvoiceXmlIsRefused() {
        assertThatThrownBy(() -> ChorusInvoiceFacts.fromFacturX(SampleInvoices.plainPdf()))
                .isInstanceOf(UnreadableInvoiceException.class);
    }
}
