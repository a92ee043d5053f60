package io.einvoice.gateway.facturx;

/**
 * The file holds no invoice the gateway can read. The message is shown to people as the reason the document is
 * quarantined, so it names what is wrong and, where there is one, what to do about it.
 */
public class UnreadableInvoiceException extends Exception {

    public UnreadableInvoiceException(String reason) {
        super(reason);
    }

    public UnreadableInvoiceException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
