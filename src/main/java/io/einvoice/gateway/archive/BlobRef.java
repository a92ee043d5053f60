package io.einvoice.gateway.archive;

/** Bytes stored in the blob store: their SHA-256 (hex, the address) and size. */
public record BlobRef(String sha256, long size) {
}
