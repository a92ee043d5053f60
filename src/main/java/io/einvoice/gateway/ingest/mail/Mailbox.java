package io.einvoice.gateway.ingest.mail;

import io.einvoice.gateway.document.Direction;

import java.time.OffsetDateTime;

/**
 * A mailbox the gateway polls. A dossier's own ({@code dossierId} set: every mail is that dossier's, in
 * {@code direction}) or the firm's catch-all for its inbound {@code domain} ({@code dossierId} null: each mail goes to
 * the dossiers whose inbound addresses it was sent to). The password is kept sealed ({@code passwordSecret}).
 */
public record Mailbox(String id, String firmId, String dossierId, Direction direction, MailProtocol protocol,
                      String host, int port, String username, String passwordSecret, String folder,
                      String processedFolder, String domain, long pollMillis, int batchSize, boolean enabled,
                      OffsetDateTime updatedAt) {

    public boolean catchAll() {
        return dossierId == null;
    }

    /** What a person recognises in logs and events; never the password. */
    public String label() {
        return protocol.scheme() + "://" + username + "@" + host + ":" + port + "/" + folder;
    }
}
