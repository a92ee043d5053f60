package io.einvoice.gateway.ingest.mail;

import io.einvoice.gateway.document.Direction;

import java.time.OffsetDateTime;

/**
 * A mailbox the gateway polls. A dossier's own ({@code dossierId} set: every mail is that dossier's, in
 * {@code direction}) or the firm's catch-all for its inbound {@code domain} ({@code dossierId} null: each mail goes to
 * the dossiers whose inbound addresses it was sent to). The secret is kept sealed ({@code passwordSecret}): the
 * password, or for {@link MailAuth#OAUTH2_M365} the client secret of the Entra application ({@code oauthTenantId},
 * {@code oauthClientId}) whose tokens sign in as {@code username}.
 */
public record Mailbox(String id, String firmId, String dossierId, Direction direction, MailProtocol protocol,
                      String host, int port, String username, String passwordSecret, String folder,
                      String processedFolder, String domain, long pollMillis, int batchSize, boolean enabled,
                      OffsetDateTime updatedAt, MailAuth auth, String oauthTenantId, String oauthClientId) {

    public boolean catchAll() {
        return dossierId == null;
    }

    /** What a person recognises in logs and events; never the password. */
    public String label() {
        return protocol.scheme() + "://" + username + "@" + host + ":" + port + "/" + folder;
    }
}
