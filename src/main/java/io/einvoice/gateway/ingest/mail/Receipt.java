package io.einvoice.gateway.ingest.mail;

import java.util.List;

/**
 * The reply that tells a supplier which documents the gateway stored from their mail: to the sender, threaded under
 * the mail ({@code inReplyTo}, {@code references}), marked as an automatic reply so no responder answers it back.
 */
public record Receipt(String to, String subject, String text, String inReplyTo, String references,
                      List<String> documentIds) {

    @Override
    public String toString() {
        return "receipt to " + to + " for documents " + documentIds;
    }
}
