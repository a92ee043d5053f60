package io.einvoice.gateway.party;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IbanRulesTest {

    private static final String FR = "FR7630006000011234567890189";

    @Test
    void aValidIbanHasNoProblemAndIsComparedWithoutSpacesOrCase() {
        assertThat(IbanRules.compact("fr76 3000-6000.0112 3456 7890 189")).isEqualTo(FR);
        assertThat(IbanRules.problem(FR)).isEmpty();
        assertThat(IbanRules.isValid(FR)).isTrue();
        assertThat(IbanRules.isValid("DE89370400440532013000")).isTrue();
    }

    @Test
    void eachProblemIsNamedWithoutRepeatingTheValue() {
        assertThat(IbanRules.problem("FR7730006000011234567890189")).hasValueSatisfying(p ->
                assertThat(p).contains("check digits are wrong (mod 97)"));
        assertThat(IbanRules.problem("FR763000600001123456789018")).hasValue(
                "it has 26 characters where an IBAN of FR has 27");
        assertThat(IbanRules.problem("ZZ7630006000011234567890189")).hasValue("its country code is not one of the IBAN registry");
        assertThat(IbanRules.problem("FR76300060000112345678901AB")).hasValueSatisfying(p -> assertThat(p).contains("layout"));
        assertThat(IbanRules.problem("<script>")).hasValueSatisfying(p -> assertThat(p).doesNotContain("script"));
        assertThat(IbanRules.problem("FR76" + "1".repeat(40))).isPresent();
    }

    @Test
    void aBicOfAnotherCountryIsFlaggedButOverseasTerritoriesAndMonacoGoWithFrenchIbans() {
        assertThat(IbanRules.bicProblem(FR, "AGRIFRPPXXX")).isEmpty();
        assertThat(IbanRules.bicProblem(FR, "agri frpp")).isEmpty();
        assertThat(IbanRules.bicProblem(FR, "BFCORERXXXX")).as("a bank of La Réunion").isEmpty();
        assertThat(IbanRules.bicProblem(FR, "DEUTDEFFXXX")).hasValue("the BIC DEUTDEFFXXX is of a bank in DE but IBAN " + FR
                + " is an account in FR: check the bank details with the supplier");
        assertThat(IbanRules.bicProblem(FR, "NOT A BIC!")).hasValueSatisfying(p -> assertThat(p).contains("is not a BIC"));
        assertThat(IbanRules.bicProblem(FR, null)).isEmpty();
        assertThat(IbanRules.bicProblem("FR7730006000011234567890189", "DEUTDEFFXXX")).as("said about the IBAN instead").isEmpty();
    }
}
