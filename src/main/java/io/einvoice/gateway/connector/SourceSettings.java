package io.einvoice.gateway.connector;

/** The settings of one kind of source ({@link RestSettings}...), stored as JSON in the connector's row; never a secret. */
public interface SourceSettings {
}
