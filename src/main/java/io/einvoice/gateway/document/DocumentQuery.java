package io.einvoice.gateway.document;

/** Filters and page of a document list; null filters match everything. */
public record DocumentQuery(Direction direction, DocumentStatus status, int limit, int offset) {

    public static final int MAX_LIMIT = 500;

    public DocumentQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }
}
