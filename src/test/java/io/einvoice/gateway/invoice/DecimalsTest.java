package io.einvoice.gateway.invoice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecimalsTest {

    @Test
    void plainDecimalsWithinTheLimitsAreRead() {
        assertThat(Decimals.parse("unitPrice", "1234.56")).isEqualByComparingTo("1234.56");
        assertThat(Decimals.parse("quantity", " 2 ")).isEqualByComparingTo("2");
        assertThat(Decimals.parse("amount", "-0.000001")).isEqualByComparingTo("-0.000001");
        assertThat(Decimals.parse("amount", "9999999999999.999999")).isEqualByComparingTo("9999999999999.999999");
        assertThat(Decimals.parse("amount", null)).isNull();
    }

    /** The bombs: each would be a BigDecimal whose plain text is a gigabyte. */
    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "1E+999999999", "1e-999999999", "-1e5", "0x10", "1,5", "Infinity", "NaN", "",
            "12.", ".5", "+3", "1 000", "10000000000000", "0.0000001", "99999999999999999999999999999999999999"})
    void exponentsTooManyDigitsAndOtherNotationsAreRefusedNamingTheField(String text) {
        assertThatThrownBy(() -> Decimals.parse("lines[0].unitPrice", text))
                .isInstanceOf(InputLimitException.class)
                .hasMessageStartingWith("lines[0].unitPrice must be a decimal number")
                .satisfies(e -> assertThat(((InputLimitException) e).field()).isEqualTo("lines[0].unitPrice"));
    }

    @Test
    void theMessageNeverQuotesTheInput() {
        String huge = "7".repeat(100_000);
        assertThatThrownBy(() -> Decimals.parse("approvalThreshold", huge))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("777").hasSizeLessThan(200));
    }

    @Test
    void anAmountInCentsTakesTwoDecimalsAtMost() {
        assertThat(Decimals.parse("totalInclVat", "120.10", 2)).isEqualTo(new BigDecimal("120.10"));
        assertThatThrownBy(() -> Decimals.parse("totalInclVat", "120.105", 2))
                .hasMessageContaining("2 after it");
    }

    @Test
    void writtenTheFrenchWayWithACommaAndSpacesBetweenThousandsIsReadToo() {
        assertThat(Decimals.parseWritten("approvalThreshold", "1 500,00", 2)).isEqualByComparingTo("1500.00");
        assertThat(Decimals.parseWritten("approvalThreshold", "1\u00a0500,5", 2)).isEqualByComparingTo("1500.5");
        assertThat(Decimals.parseWritten("approvalThreshold", "12\u202f000.25", 2)).isEqualByComparingTo("12000.25");
        assertThat(Decimals.parseWritten("VAT rate", "5,5", 2)).isEqualByComparingTo("5.5");
        assertThat(Decimals.parseWritten("VAT rate", null, 2)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,5,5", "1.234,56", "5,555", "1e5", "12,", "10000000000000,00"})
    void writtenTheFrenchWayKeepsTheSameLimits(String text) {
        assertThatThrownBy(() -> Decimals.parseWritten("approvalThreshold", text, 2))
                .isInstanceOf(InputLimitException.class)
                .hasMessageStartingWith("approvalThreshold must be a decimal number");
    }
}
