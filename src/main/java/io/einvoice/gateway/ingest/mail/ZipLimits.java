package io.einvoice.gateway.ingest.mail;

/** How much a ZIP archive found in a mail may unpack to; enforced while reading, before anything is kept. */
public record ZipLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes) {

    public static final ZipLimits DEFAULT = new ZipLimits(200, 20L * 1024 * 1024, 100L * 1024 * 1024);
}
