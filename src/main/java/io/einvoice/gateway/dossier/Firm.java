package io.einvoice.gateway.dossier;

/** An accounting firm (cabinet) using the gateway for its own books and its clients'. */
public record Firm(String id, String name, String siren) {
}
