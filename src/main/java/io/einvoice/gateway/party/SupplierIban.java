package io.einvoice.gateway.party;

import java.time.OffsetDateTime;

/**
 * One IBAN seen for a supplier: when it was first seen, the invoice it was read on (null when a person or an import
 * entered it), how it came ({@link Source}), and who confirmed it (null while unconfirmed).
 */
public record SupplierIban(String partyId, String iban, OffsetDateTime firstSeenAt, String firstDocumentId, Source source,
                           String confirmedBy, OffsetDateTime confirmedAt) {

    public enum Source { INVOICE, ENTERED, IMPORTED, MIGRATED }

    public boolean confirmed() {
        return confirmedBy != null;
    }
}
