package io.einvoice.gateway.web;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FormProblemsTest {

    private static String fieldOf(String problem) {
        return problem.startsWith("email") ? "email" : problem.startsWith("siren") ? "siren" : null;
    }

    @Test
    void eachSentenceGoesBesideTheFieldItNamesAndTheOthersAboveTheFormInTheirOrder() {
        FormProblems problems = FormProblems.of("email is not an address; the server said no; siren has 9 digits; "
                + "email is taken; try again later", FormProblemsTest::fieldOf);

        assertThat(problems.byField()).containsExactly(Map.entry("email", "email is not an address ; email is taken"),
                Map.entry("siren", "siren has 9 digits"));
        assertThat(problems.general()).isEqualTo(List.of("the server said no", "try again later"));
    }

    @Test
    void aRefusalNamingNoFieldIsAllAboveTheForm() {
        FormProblems problems = FormProblems.of("the dossier is closed", FormProblemsTest::fieldOf);

        assertThat(problems.byField()).isEmpty();
        assertThat(problems.general()).containsExactly("the dossier is closed");
    }
}
