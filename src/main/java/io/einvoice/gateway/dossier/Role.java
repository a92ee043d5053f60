package io.einvoice.gateway.dossier;

/**
 * What a person may see: every dossier of the firm, every client dossier, only the dossiers assigned to them, or (a
 * person of the client company) their own dossier only, through the few endpoints of {@code api.ClientEndpoints}.
 */
public enum Role {
    ADMIN,
    ADMIN_EXCEPT_FIRM,
    USER,
    CLIENT;

    /** A person of the firm, as opposed to a person of one of its clients. */
    public boolean ofTheFirm() {
        return this != CLIENT;
    }
}
