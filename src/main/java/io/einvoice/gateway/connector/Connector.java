package io.einvoice.gateway.connector;

import java.time.OffsetDateTime;

/**
 * A supplier source of a dossier's purchase invoices. {@code sealedSecret} is the token, API key, password or client
 * secret sealed with the gateway's key for this connector's id; {@code cursor} is the newest invoice date fetched.
 */
public record Connector(String id, String dossierId, String name, ConnectorKind kind, SourceSettings settings,
                        String sealedSecret, int pollMinutes, boolean paused, String cursor, OffsetDateTime lastRunAt,
                        ConnectorOutcome lastOutcome, String lastProblem, OffsetDateTime updatedAt) {

    /** The REST/JSON settings; null for another kind. */
    public RestSettings rest() {
        return settings instanceof RestSettings r ? r : null;
    }

    /** The portal settings; null for another kind. */
    public PortalSettings portal() {
        return settings instanceof PortalSettings p ? p : null;
    }

    /** The SFTP settings; null for another kind. */
    public SftpSettings sftp() {
        return settings instanceof SftpSettings s ? s : null;
    }

    /** The FTPS settings; null for another kind. */
    public FtpsSettings ftps() {
        return settings instanceof FtpsSettings s ? s : null;
    }

    /** The Chorus Pro reception settings; null for another kind. */
    public ChorusProSettings chorusPro() {
        return settings instanceof ChorusProSettings s ? s : null;
    }

    /** For logs and events: what a person recognises, never the secret. */
    public String label() {
        return name + " (" + id + ")";
    }
}
