package io.einvoice.gateway.document;

import io.einvoice.gateway.invoice.Invoice;

import java.time.OffsetDateTime;

/**
 * One stored document: where it came from, its original bytes (by hash), what was read from it and its statuses.
 * {@code invoice} is null while nothing could be read (quarantined); read back from storage it carries the header
 * fields only, its line count is {@code lineCount}.
 */
public record Document(
        String id,
        String dossierId,
        Direction direction,
        Channel channel,
        String transportId,
        String fileName,
        String originalSha256,
        String format,
        String profile,
        Invoice invoice,
        Integer lineCount,
        DocumentStatus status,
        String statusReason,
        PaymentStatus paymentStatus,
        AccountingStatus accountingStatus,
        String duplicateOf,
        OffsetDateTime receivedAt) {
}
