package io.einvoice.gateway.dispatch.chorus;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    private final SecretBox box = new SecretBox("a test key of enough length");

    @Test
    void sealedSecretOpensForItsRowOnly() {
        String sealed = box.seal("TECH_1_abc@cpro.fr:s3cret", "dossier-a");
        assertThat(sealed).startsWith("v1:").doesNotContain("s3cret");
        assertThat(box.seal("TECH_1_abc@cpro.fr:s3cret", "dossier-a")).isNotEqualTo(sealed);
        assertThat(box.open(sealed, "dossier-a")).isEqualTo("TECH_1_abc@cpro.fr:s3cret");
        assertThatThrownBy(() -> box.open(sealed, "dossier-b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherKeyOrAlteredValueDoesNotOpen() {
        String sealed = box.seal("secret", "row");
        assertThatThrownBy(() -> new SecretBox("another key of enough length").open(sealed, "row"))
                .isInstanceOf(IllegalArgumentException.class);
        char[] chars = sealed.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> box.open(new String(chars), "row")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shortKeyIsRefused() {
        assertThatThrownBy(() -> new SecretBox("short")).hasMessageContaining("GATEWAY_SECRET_KEY");
    }
}
