package io.einvoice.gateway.dispatch.chorus;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * Seals secrets stored in the database with AES-256-GCM under a key derived from {@code GATEWAY_SECRET_KEY}
 * (PBKDF2-HMAC-SHA256). A sealed value is {@code v1:<base64(12-byte nonce | ciphertext | tag)>}; the row it belongs to is
 * bound as associated data, so a sealed value copied onto another dossier does not open.
 */
public final class SecretBox {

    public static final String KEY_VARIABLE = "GATEWAY_SECRET_KEY";
    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    // the key is derived once at start, so a slow derivation costs nothing per secret
    private static final int ITERATIONS = 210_000;
    private static final byte[] SALT = "einvoice-gateway secret box v1".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException(KEY_VARIABLE + " must be at least 16 characters to encrypt stored secrets");
        }
        try {
            PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), SALT, ITERATIONS, 256);
            byte[] bytes = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            spec.clearPassword();
            key = new SecretKeySpec(bytes, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        }
    }

    public static SecretBox fromEnvironment(Map<String, String> env) {
        return new SecretBox(env.get(KEY_VARIABLE));
    }

    public String seal(String plaintext, String boundTo) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, boundTo);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    /** @throws IllegalArgumentException when the value was sealed under another key or for another row, or altered */
    public String open(String sealed, String boundTo) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new IllegalArgumentException("not a sealed secret");
        }
        byte[] in = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(in, NONCE_BYTES), boundTo);
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("sealed secret does not open: other " + KEY_VARIABLE + ", other row, or altered", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM opening failed", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String boundTo) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
