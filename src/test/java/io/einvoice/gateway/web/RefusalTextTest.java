package io.einvoice.gateway.web;

import io.einvoice.gateway.party.PartyService;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.Refusal;
import io.einvoice.gateway.refusal.StateConflictException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalTextTest {

    @Test
    void aFrenchPageShowsTheSentenceWrittenForTheReason() {
        StateConflictException refused = new StateConflictException("finalised",
                "sales invoice VTE-1 is finalised and can no longer be changed");
        assertThat(Messages.FRENCH.refusal(refused)).isEqualTo("Cette facture est finalisée et ne peut plus être modifiée.");
    }

    @Test
    void aReasonWithoutItsOwnSentenceIsIntroducedInFrenchByItsKind() {
        assertThat(Messages.FRENCH.refusal(new InvalidInputException("iban is not an IBAN")))
                .isEqualTo("La saisie n’est pas acceptée : iban is not an IBAN");
        // a feature's own refusal is introduced by the kind it extends
        assertThat(Messages.FRENCH.refusal(new PartyService.PartyConflictException("SIRET 1 is already a customer")))
                .startsWith("L’état actuel ne permet pas cette action : ");
    }

    @Test
    void anEnglishPageShowsTheServicesOwnSentence() {
        StateConflictException refused = new StateConflictException("finalised", "sales invoice VTE-1 is finalised");
        assertThat(Messages.ENGLISH.refusal(refused)).isEqualTo("sales invoice VTE-1 is finalised");
    }

    @Test
    void everyKindOfRefusalHasAFrenchSentence() {
        for (Class<?> kind : Refusal.class.getPermittedSubclasses()) {
            assertThat(Messages.FRENCH.lookup("refusal." + kind.getSimpleName())).as(kind.getSimpleName()).isNotBlank();
        }
    }
}
