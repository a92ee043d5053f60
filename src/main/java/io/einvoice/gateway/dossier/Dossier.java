package io.einvoice.gateway.dossier;

/** A company whose books a firm keeps. {@code firmOwn} marks the firm's own dossier (hidden from ADMIN_EXCEPT_FIRM). */
public record Dossier(
        String id,
        String firmId,
        String siren,
        String siret,
        String name,
        String vatNumber,
        int closingMonth,
        String status,
        boolean firmOwn) {
}
