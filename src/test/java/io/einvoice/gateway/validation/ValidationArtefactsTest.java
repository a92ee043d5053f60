package io.einvoice.gateway.validation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every schema and schematron the rule selection can name is on the class path and compiles. */
class ValidationArtefactsTest {

    @Test
    void everyArtefactExistsAndCompiles() {
        for (String name : ValidationArtefacts.schemaNames()) {
            assertThat(getClass().getClassLoader().getResource(name)).as(name).isNotNull();
        }
        for (String name : ValidationArtefacts.stylesheetNames()) {
            assertThat(getClass().getClassLoader().getResource(name)).as(name).isNotNull();
        }

        InvoiceValidator validator = InvoiceValidator.shared();

        assertThat(validator.artefactCount())
                .isEqualTo(ValidationArtefacts.schemaNames().size() + ValidationArtefacts.stylesheetNames().size())
                .isEqualTo(29);
    }
}
