package io.einvoice.gateway.document;

import java.util.Collection;
import java.util.Collections;

/** The placeholders of an {@code IN (...)} list, one per value: the values themselves always go as parameters. */
public final class SqlLists {

    private SqlLists() {
    }

    /** {@code ?, ?, ?} for three values. */
    public static String placeholders(Collection<?> values) {
        return String.join(", ", Collections.nCopies(values.size(), "?"));
    }
}
