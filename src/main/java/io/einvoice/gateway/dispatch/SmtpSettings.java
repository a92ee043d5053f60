package io.einvoice.gateway.dispatch;

/**
 * A dossier's outbound mail server, for invoices sent by e-mail.
 *
 * @param passwordSecret the password as stored, encrypted by {@link io.einvoice.gateway.dossier.SecretCipher}; null
 *                       when the server takes mail without authentication
 */
public record SmtpSettings(String host, int port, TlsMode tlsMode, String username, String passwordSecret, String sender,
                           String subjectTemplate, String bodyTemplate) {

    public static final String DEFAULT_SUBJECT = "Facture {number} de {seller}";
    public static final String DEFAULT_BODY = """
            Bonjour,

            Veuillez trouver ci-joint notre facture {number} du {issueDate}, d'un montant de {total} {currency}, \
            à régler au plus tard le {dueDate}.

            Le fichier joint est une facture électronique Factur-X : vous pouvez l'importer directement dans votre \
            logiciel comptable.

            Cordialement,
            {seller}
            """;

    /** NONE: plain SMTP (a local relay); STARTTLS: upgraded on port 587 or 25; TLS: implicit TLS, port 465. */
    public enum TlsMode {
        NONE, STARTTLS, TLS;

        int defaultPort() {
            return switch (this) {
                case NONE -> 25;
                case STARTTLS -> 587;
                case TLS -> 465;
            };
        }
    }
}
