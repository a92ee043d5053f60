package io.einvoice.gateway.dispatch;

import io.einvoice.gateway.invoice.Party;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OwnSellerTest {

    private static final String OURS = "443322110";

    @Test
    void aSellerWhoseSirenSiretAndVatNumberAreAllTheDossiersIsOurs() {
        assertThat(OwnSeller.notOurs(new Party("Cabinet Démo", OURS, "44332211000018", "FR21443322110"), OURS)).isNull();
    }

    @Test
    void anySingleIdentifierOfTheDossierIsEnough() {
        assertThat(OwnSeller.notOurs(new Party("x", OURS, null, null), OURS)).isNull();
        assertThat(OwnSeller.notOurs(new Party("x", null, "44332211000018", null), OURS)).isNull();
        assertThat(OwnSeller.notOurs(new Party("x", null, null, "FR 21 443322110"), OURS)).isNull();
    }

    @Test
    void anotherCompanysSirenIsRefusedAndNamed() {
        assertThat(OwnSeller.notOurs(new Party("Fournitures Lumière", "732829320", null, null), OURS))
                .startsWith("the seller of this invoice is SIREN 732829320, not this dossier (SIREN 443322110)");
    }

    @Test
    void ourSirenBesideAnotherCompanysVatNumberOrSiretIsRefused() {
        assertThat(OwnSeller.notOurs(new Party("x", OURS, null, "FR44732829320"), OURS)).contains("SIREN 732829320");
        assertThat(OwnSeller.notOurs(new Party("x", OURS, "73282932000017", null), OURS)).contains("SIREN 732829320");
    }

    @Test
    void aSellerWithoutAnyFrenchIdentifierIsRefused() {
        assertThat(OwnSeller.notOurs(new Party("Lieferant GmbH", null, null, "DE123456789"), OURS))
                .startsWith("the invoice names no seller SIREN, SIRET or French VAT number");
        assertThat(OwnSeller.notOurs(null, OURS)).startsWith("the invoice names no seller SIREN");
    }

    @Test
    void aFrenchVatNumberWithAWrongKeyProvesNothing() {
        assertThat(OwnSeller.notOurs(new Party("x", null, null, "FR99443322110"), OURS))
                .startsWith("the invoice names no seller SIREN");
    }

    @Test
    void malformedIdentifiersAreNotEchoed() {
        String reason = OwnSeller.notOurs(new Party("x", "12<script>", "abc", "FRxx"), OURS);
        assertThat(reason).startsWith("the invoice names no seller SIREN").doesNotContain("<script>");
    }
}
