package io.einvoice.gateway.connector;

/** A run of this connector is under way; one at a time. */
public class ConnectorBusyException extends Exception {

    public ConnectorBusyException() {
        super("a run of this connector is under way; ask again when it has ended");
    }
}
