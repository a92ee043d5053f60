package io.einvoice.gateway.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One link of a dossier's archive chain. {@link #hashedText()} is exactly what {@code entryHash} is the SHA-256 of,
 * so the bundle's scripts (and anyone with sha256sum) recompute it without this software.
 */
public record ArchiveEntry(
        String dossierId,
        String siren,
        long seq,
        String documentId,
        String originalSha256,
        String facturxSha256,
        String reportSha256,
        String metadataJson,
        String metadataSha256,
        String previousHash,
        String entryHash,
        Instant archivedAt,
        LocalDate retainUntil,
        String actor) {

    /** The previous hash of a dossier's first entry. */
    public static final String GENESIS = "0".repeat(64);

    static final String FORMAT = "einvoice-archive-v1";

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * {@code einvoice-archive-v1|SIREN|SEQ|DOCUMENT_ID|ORIGINAL_SHA256|FACTURX_SHA256|REPORT_SHA256|METADATA_SHA256|
     * PREVIOUS_HASH|ARCHIVED_AT|RETAIN_UNTIL}: hashes in lower-case hex, an absent file as an empty field, the time
     * in UTC with milliseconds, the retention date as yyyy-MM-dd. No field can contain '|'.
     */
    public String hashedText() {
        return String.join("|", FORMAT, siren, Long.toString(seq), documentId, originalSha256, orEmpty(facturxSha256),
                orEmpty(reportSha256), metadataSha256, previousHash, timestamp(archivedAt), retainUntil.toString());
    }

    public String computedHash() {
        return Sha256.of(hashedText());
    }

    public ArchiveEntry withEntryHash(String hash) {
        return new ArchiveEntry(dossierId, siren, seq, documentId, originalSha256, facturxSha256, reportSha256,
                metadataJson, metadataSha256, previousHash, hash, archivedAt, retainUntil, actor);
    }

    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
