package io.einvoice.gateway.ingest.mail;

/**
 * How the gateway signs in to a mailbox: its password, or (Microsoft 365, where basic authentication is switched off)
 * an OAuth2 access token the gateway gets from Entra ID with the client credentials of an application registered by
 * the firm, sent to the server as SASL XOAUTH2.
 */
public enum MailAuth {
    PASSWORD, OAUTH2_M365
}
