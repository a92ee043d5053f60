package io.einvoice.gateway.dossier;

/** What a user of a firm may see: every dossier, every client dossier, or only the dossiers assigned to them. */
public enum Role {
    ADMIN,
    ADMIN_EXCEPT_FIRM,
    USER
}
