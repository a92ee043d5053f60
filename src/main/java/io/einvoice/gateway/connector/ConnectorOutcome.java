package io.einvoice.gateway.connector;

/** How a connector's run ended. */
public enum ConnectorOutcome {
    /** Everything listed is stored (or was before). */
    OK,
    /** Some invoices could not be fetched; they are tried again at the next run. */
    PARTIAL,
    /** The source could not be read this time (unreachable, busy, bad answer); the next run tries again. */
    FAILED,
    /** The source refused the credentials or the host is not allowed: no more runs until the settings change. */
    STOPPED
}
