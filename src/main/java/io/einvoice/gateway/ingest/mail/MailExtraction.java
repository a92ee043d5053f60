package io.einvoice.gateway.ingest.mail;

import java.util.List;

/**
 * What a mail holds for the gateway: its identity, who it was delivered to (Delivered-To, X-Original-To, To, Cc, in
 * that order), the invoice candidates, the evidence to keep beside them (.p7s signatures) and what was left out and why.
 */
public record MailExtraction(String messageId, String from, String subject, List<String> recipients,
                             List<MailAttachment> invoices, List<MailAttachment> evidence, List<String> skipped) {
}
