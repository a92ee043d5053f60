package io.einvoice.gateway.dossier;

import io.einvoice.gateway.archive.Sha256;

import java.security.SecureRandom;
import java.util.Base64;

/** Bearer secrets (API keys, login tokens): 256 random bits, only their SHA-256 is ever stored. */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    public static String newToken(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256(String token) {
        return Sha256.of(token);
    }
}
