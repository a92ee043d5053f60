package io.einvoice.gateway.dossier;

public record User(String id, String firmId, String email, String displayName, Role role) {
}
