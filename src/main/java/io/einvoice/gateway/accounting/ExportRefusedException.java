package io.einvoice.gateway.accounting;

import io.einvoice.gateway.refusal.NotPossibleException;

/** An export that cannot be made as asked (period, size, a value a format cannot hold); the message says what to do. */
public class ExportRefusedException extends NotPossibleException {

    public ExportRefusedException(String message) {
        super("export_refused", message);
    }
}
