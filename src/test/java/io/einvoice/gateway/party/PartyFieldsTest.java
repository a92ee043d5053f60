package io.einvoice.gateway.party;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartyFieldsTest {

    private static final Party BLANK = PartyFields.blank("p1", "d1", PartyRole.SUPPLIER, "FOUR-001");

    private static PartyInput input(String kind, String companyName, String siren, String siret, String vat, String lastName,
                                    String email, String iban) {
        return new PartyInput(kind, null, companyName, siren, siret, vat, null, null, lastName, null, null, null, null,
                email, iban, null, null, null, null, null, null);
    }

    @Test
    void identifiersAreCompactedAndTheSirenComesFromTheSiret() {
        Party p = PartyFields.apply(BLANK, input(null, "  Lumière SARL ", null, "732 829 320 00017", "fr 44 732829320",
                null, "compta@lumiere.fr", "FR76 3000 6000 0112 3456 7890 189"));
        assertThat(p.companyName()).isEqualTo("Lumière SARL");
        assertThat(p.siret()).isEqualTo("73282932000017");
        assertThat(p.siren()).isEqualTo("732829320");
        assertThat(p.vatNumber()).isEqualTo("FR44732829320");
        assertThat(p.iban()).isEqualTo("FR7630006000011234567890189");
        assertThat(p.active()).isTrue();
        assertThat(p.trusted()).isFalse();
    }

    @Test
    void everyProblemIsNamed() {
        assertThatThrownBy(() -> PartyFields.apply(BLANK, input("COMPANY", null, "123456789", "123", "X", null, "not-mail",
                "FR7630006000011234567890180")))
                .isInstanceOfSatisfying(PartyFields.InvalidPartyException.class, e -> assertThat(e.problems()).hasSize(6)
                        .anyMatch(m -> m.contains("check digit"))
                        .anyMatch(m -> m.startsWith("siret 123"))
                        .anyMatch(m -> m.startsWith("vatNumber 'X'"))
                        .anyMatch(m -> m.startsWith("iban "))
                        .anyMatch(m -> m.startsWith("email 'not-mail'"))
                        .anyMatch(m -> m.equals("companyName is required for a company")));
        assertThatThrownBy(() -> PartyFields.apply(BLANK, input("PERSON", "x", null, null, null, null, null, null)))
                .hasMessageContaining("kind must be COMPANY or INDIVIDUAL");
        assertThatThrownBy(() -> PartyFields.apply(BLANK, input("INDIVIDUAL", null, null, null, null, null, null, null)))
                .hasMessageContaining("lastName is required for an individual");
        assertThatThrownBy(() -> PartyFields.apply(BLANK, input(null, "x", "552100554", "73282932000017", null, null, null, null)))
                .hasMessageContaining("does not belong to siren 552100554");
    }

    @Test
    void anIndividualIsNamedByCivilityFirstAndLastName() {
        Party p = PartyFields.apply(BLANK, new PartyInput("INDIVIDUAL", null, null, null, null, null, "Mme", "Éloïse",
                "Lefèvre", null, null, null, "fr", null, null, true, null, null, null, null, null));
        assertThat(p.displayName()).isEqualTo("Mme Éloïse Lefèvre");
        assertThat(p.label()).isEqualTo("FOUR-001 Mme Éloïse Lefèvre");
        assertThat(p.country()).isEqualTo("FR");
        assertThat(p.trusted()).isTrue();
    }

    @Test
    void aPatchChangesOnlyWhatItNamesAndAnEmptyStringClears() {
        Party full = PartyFields.apply(BLANK, input(null, "Lumière", "732829320", null, null, null, "a@b.fr", null));
        Party patched = PartyFields.apply(full, new PartyInput(null, null, null, null, null, null, null, null, null,
                null, null, "Paris", null, "", null, null, true, null, null, null, null));
        assertThat(patched.companyName()).isEqualTo("Lumière");
        assertThat(patched.siren()).isEqualTo("732829320");
        assertThat(patched.city()).isEqualTo("Paris");
        assertThat(patched.email()).isNull();
        assertThat(patched.blacklisted()).isTrue();
    }

    @Test
    void searchTextIgnoresCaseAndAccents() {
        assertThat(SearchText.normalize("  ÉLOÏSE   Lefèvre  Œuvres ")).isEqualTo("eloise lefevre ouvres");
        Party p = PartyFields.apply(BLANK, input(null, "Société Générale Ça", "552100554", null, null, null, null, null));
        assertThat(SearchText.of(p)).contains("societe generale ca").contains("552100554").contains("four-001");
    }

    @Test
    void numbersFollowTheHighestInUseAndSkipTakenOnes() {
        NumberSequence suppliers = new NumberSequence(PartyRole.SUPPLIER, List.of("FOUR-001", "FOUR-007", "F-99", "FOUR-abc"));
        assertThat(suppliers.next()).isEqualTo("FOUR-008");
        suppliers.take("FOUR-009");
        assertThat(suppliers.next()).isEqualTo("FOUR-010");
        assertThat(suppliers.inUse("four-001")).isTrue();
        assertThat(new NumberSequence(PartyRole.CUSTOMER, List.of()).next()).isEqualTo("CLI-001");
        NumberSequence many = new NumberSequence(PartyRole.CUSTOMER, List.of("CLI-999"));
        assertThat(many.next()).isEqualTo("CLI-1000");
    }

    /** An import row is checked like a JSON body: a text longer than its column is a named problem, not a 500. */
    @Test
    void aTextLongerThanItsFieldIsANamedProblemWithoutTheValue() {
        PartyInput tooLong = new PartyInput("COMPANY", null, "A".repeat(100_000), null, null, null, null, null, null,
                "rue ".repeat(100), null, null, null, null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> PartyFields.apply(BLANK, tooLong))
                .isInstanceOfSatisfying(PartyFields.InvalidPartyException.class, e -> assertThat(e.problems()).containsExactly(
                        "companyName has 100000 characters, at most 300 are accepted",
                        "address has 399 characters, at most 300 are accepted"));
    }
}
