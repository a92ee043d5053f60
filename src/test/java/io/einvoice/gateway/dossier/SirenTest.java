package io.einvoice.gateway.dossier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SirenTest {

    @ParameterizedTest
    @ValueSource(strings = {"123456782", "443322110", "987654324", "552100554", "732829320"})
    void acceptsSirensWithTheirLuhnKey(String siren) {
        assertThat(Siren.isValid(siren)).isTrue();
        assertThat(Siren.problemWith(siren)).isNull();
    }

    @Test
    void explainsWhatIsWrong() {
        assertThat(Siren.problemWith(null)).isEqualTo("siren is required");
        assertThat(Siren.problemWith("12345678")).contains("exactly 9 digits");
        assertThat(Siren.problemWith("12345678A")).contains("exactly 9 digits");
        assertThat(Siren.problemWith("123456789")).contains("check digit");
    }

    @Test
    void checksSirets() {
        assertThat(Siren.isValidSiret("98765432400019")).isTrue();
        assertThat(Siren.isValidSiret("98765432400018")).isFalse();
        assertThat(Siren.isValidSiret("987654324")).isFalse();
    }
}
