/**
 * Connections the gateway opens to hosts its users choose (dossier SMTP servers, mailboxes, later connectors): the one
 * guard that keeps them off the gateway's own network ({@link io.einvoice.gateway.outbound.OutboundGuard}), and the
 * reading of their failures into our own sentences ({@link io.einvoice.gateway.outbound.MailFailure}). A feature
 * package rather than {@code system}: dispatch and ingest both use it, and it holds behaviour, not configuration.
 */
package io.einvoice.gateway.outbound;
