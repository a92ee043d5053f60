package io.einvoice.gateway.invoice;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextLimitsTest {

    @Test
    void aTextWithinItsFieldsLimitPasses() {
        assertThat(TextLimits.check("companyName", "A".repeat(300))).hasSize(300);
        assertThat(TextLimits.check("companyName", null)).isNull();
    }

    @Test
    void aTooLongTextIsRefusedNamingTheFieldAndTheLimitWithoutQuotingIt() {
        assertThatThrownBy(() -> TextLimits.check("companyName", "A".repeat(100_000)))
                .isInstanceOf(InputLimitException.class)
                .hasMessage("companyName has 100000 characters, at most 300 are accepted");
    }

    @Test
    void theLastNameOfAPathDecidesTheLimit() {
        assertThatThrownBy(() -> TextLimits.check("lines[2].label", "x".repeat(201)))
                .hasMessageStartingWith("lines[2].label has 201 characters, at most 200");
        assertThat(TextLimits.check("deductDownPayments[0]", "x".repeat(TextLimits.DEFAULT_MAX))).isNotNull();
        assertThatThrownBy(() -> TextLimits.check("deductDownPayments[0]", "x".repeat(TextLimits.DEFAULT_MAX + 1)))
                .isInstanceOf(InputLimitException.class);
    }
}
