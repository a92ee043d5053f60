package io.einvoice.gateway.archive;

import io.einvoice.gateway.document.AccountingStatus;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.PaymentStatus;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Filters of an archive search; null matches everything. {@code text} is a part of the invoice number, {@code party}
 * a part of the seller's or buyer's name or their exact SIREN/VAT number; amounts bound the total incl. VAT; dates are
 * inclusive.
 */
public record ArchiveQuery(
        String text,
        String party,
        LocalDate issuedFrom,
        LocalDate issuedTo,
        LocalDate archivedFrom,
        LocalDate archivedTo,
        BigDecimal minAmount,
        BigDecimal maxAmount,
        Direction direction,
        PaymentStatus paymentStatus,
        AccountingStatus accountingStatus,
        int limit,
        int offset) {

    public static final int MAX_LIMIT = 500;

    public ArchiveQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }

    public static ArchiveQuery all(int limit) {
        return new ArchiveQuery(null, null, null, null, null, null, null, null, null, null, null, limit, 0);
    }
}
