package io.einvoice.gateway.dossier;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts the secrets a dossier's settings hold (mailbox passwords...) with AES-256-GCM, so a copy of the database
 * alone reveals none. Stored form: {@code v1:<base64(12-byte nonce + ciphertext + tag)>}.
 */
public final class SecretCipher {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** Fixed: the passphrase form is a convenience; a random 32-byte key (base64) is what production should use. */
    private static final byte[] PASSPHRASE_SALT = "einvoice-gateway secrets v1".getBytes(StandardCharsets.UTF_8);

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    private SecretCipher(SecretKey key) {
        this.key = key;
    }

    /**
     * The key from {@code GATEWAY_SECRET_KEY} (32 bytes in base64, or any passphrase, stretched with PBKDF2); when it
     * is unset, a random key kept in {@code home/secret.key} (readable by its owner only), created on first use.
     */
    public static SecretCipher fromEnvironment(String secretKey, Path home) throws IOException {
        if (secretKey != null && !secretKey.isBlank()) {
            return of(secretKey.trim());
        }
        Path file = home.resolve("secret.key");
        if (!Files.exists(file)) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Files.createDirectories(home);
            Path temp = Files.createTempFile(home, "secret", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own permissions protect it
            }
            Files.writeString(temp, Base64.getEncoder().encodeToString(fresh));
            try {
                // two nodes starting together on one shared home: the link is made only if no key is there yet
                // (atomically, unlike a move that checks first), so every node uses the first key written, whole
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException writtenByAnotherNode) {
                // that one is the key
            } catch (UnsupportedOperationException noHardLinks) {
                moveUnlessThere(temp, file);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        return of(Files.readString(file).trim());
    }

    private static void moveUnlessThere(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file);
        } catch (FileAlreadyExistsException writtenByAnotherNode) {
            // that one is the key
        }
    }

    public static SecretCipher of(String keyMaterial) {
        try {
            byte[] raw = Base64.getDecoder().decode(keyMaterial);
            if (raw.length == 32) {
                return new SecretCipher(new SecretKeySpec(raw, "AES"));
            }
        } catch (IllegalArgumentException notBase64) {
            // a passphrase
        }
        try {
            SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] derived = factory.generateSecret(new PBEKeySpec(keyMaterial.toCharArray(), PASSPHRASE_SALT, 210_000, 256))
                    .getEncoded();
            return new SecretCipher(new SecretKeySpec(derived, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM cannot derive a key with PBKDF2WithHmacSHA256", e);
        }
    }

    public String encrypt(String plain) {
        return encrypt(plain, null);
    }

    /**
     * Sealed for one row: {@code boundTo} (a dossier id...) is authenticated with the value, so a sealed value copied
     * onto another row does not open there.
     */
    public String encrypt(String plain, String boundTo) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            bind(cipher, boundTo);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** @throws IllegalStateException when the value was sealed with another key (GATEWAY_SECRET_KEY changed) */
    public String decrypt(String stored) {
        return decrypt(stored, null);
    }

    /** @throws IllegalStateException as {@link #decrypt(String)}, and when the value was sealed for another row */
    public String decrypt(String stored, String boundTo) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new IllegalStateException("not a secret sealed by this gateway");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            bind(cipher, boundTo);
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored secret cannot be decrypted: was GATEWAY_SECRET_KEY changed?"
                    + " Set the key it was stored with, or enter the secret again", e);
        }
    }

    private static void bind(Cipher cipher, String boundTo) {
        if (boundTo != null) {
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
        }
    }
}
