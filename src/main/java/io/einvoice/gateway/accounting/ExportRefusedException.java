package io.einvoice.gateway.accounting;

/** An export that cannot be made as asked (period, size, a value a format cannot hold); the message says what to do. */
public class ExportRefusedException extends RuntimeException {

    public ExportRefusedException(String message) {
        super(message);
    }
}
