package io.einvoice.gateway.dossier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    @Test
    void aSecretSealedWithAKeyOpensWithThatKeyOnlyAndNeverLooksTheSame() {
        SecretCipher cipher = SecretCipher.of(Base64.getEncoder().encodeToString(new byte[32]));
        String first = cipher.encrypt("mot de passe é");
        String second = cipher.encrypt("mot de passe é");

        assertThat(first).startsWith("v1:").doesNotContain("mot de passe").isNotEqualTo(second);
        assertThat(cipher.decrypt(first)).isEqualTo("mot de passe é");
        assertThat(SecretCipher.of("a passphrase, not base64").decrypt(SecretCipher.of("a passphrase, not base64")
                .encrypt("x"))).isEqualTo("x");
        assertThatThrownBy(() -> SecretCipher.of("another key entirely").decrypt(first))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("GATEWAY_SECRET_KEY");
    }

    @Test
    void aSecretSealedForOneRowOpensForThatRowOnly() {
        SecretCipher cipher = SecretCipher.of("a test key");
        String sealed = cipher.encrypt("TECH_1_abc@cpro.fr:s3cret", "dossier-a");

        assertThat(sealed).startsWith("v1:").doesNotContain("s3cret");
        assertThat(cipher.decrypt(sealed, "dossier-a")).isEqualTo("TECH_1_abc@cpro.fr:s3cret");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "dossier-b")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt(sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTamperedSecretIsRefused() {
        SecretCipher cipher = SecretCipher.of("k");
        String sealed = cipher.encrypt("secret");
        char[] chars = sealed.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> cipher.decrypt(new String(chars))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutAConfiguredKeyOneIsCreatedOnceInTheHomeFolderAndReused(@TempDir Path home) throws Exception {
        String sealed = SecretCipher.fromEnvironment(null, home).encrypt("pw");
        assertThat(Files.readString(home.resolve("secret.key"))).isNotBlank();
        assertThat(SecretCipher.fromEnvironment("", home).decrypt(sealed)).isEqualTo("pw");
    }

    @Test
    void nodesStartingTogetherOnOneSharedHomeAllUseTheFirstKeyWritten(@TempDir Path root) throws Exception {
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            for (int start = 0; start < 50; start++) {
                Path home = root.resolve("home-" + start);
                CyclicBarrier together = new CyclicBarrier(2);
                Callable<SecretCipher> node = () -> {
                    together.await();
                    return SecretCipher.fromEnvironment(null, home);
                };
                Future<SecretCipher> first = nodes.submit(node);
                Future<SecretCipher> second = nodes.submit(node);
                // what one node seals, the other opens: the same key, and neither failed to start
                assertThat(second.get().decrypt(first.get().encrypt("pw"))).isEqualTo("pw");
                try (Stream<Path> files = Files.list(home)) {
                    assertThat(files.map(f -> f.getFileName().toString())).containsExactly("secret.key");
                }
            }
        } finally {
            nodes.shutdownNow();
        }
    }
}
