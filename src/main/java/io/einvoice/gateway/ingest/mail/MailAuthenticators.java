package io.einvoice.gateway.ingest.mail;

import org.apache.camel.component.mail.MailAuthenticator;
import org.apache.camel.component.mail.microsoft.authenticator.MicrosoftExchangeOnlineOAuth2MailAuthenticator;

/**
 * Makes the authenticator of an {@link MailAuth#OAUTH2_M365} mailbox: it asks Entra ID for a token each time the route
 * signs in, and the mail store sends it as SASL XOAUTH2 instead of a password.
 */
@FunctionalInterface
public interface MailAuthenticators {

    /** Camel's Microsoft authenticator: client credentials of the firm's app registration, scope outlook.office365.com. */
    MailAuthenticators MICROSOFT = (mailbox, clientSecret) -> new MicrosoftExchangeOnlineOAuth2MailAuthenticator(
            mailbox.oauthTenantId(), mailbox.oauthClientId(), clientSecret, mailbox.username());

    MailAuthenticator create(Mailbox mailbox, String clientSecret);
}
