package io.einvoice.gateway.web;

import io.einvoice.gateway.dossier.Role;

/**
 * What every page's layout needs: its words, title, the CSRF token of its forms, who is logged in (null on the login
 * page) and the dossier it belongs to (null above dossiers), for the navigation. {@code firm}: a person of the firm,
 * who sees the firm's pages (a client's navigation leaves them out); {@code admin}: a firm ADMIN, who sees the
 * administration.
 */
public record Frame(Messages t, String title, String csrf, String userName, String siren, String dossierName,
                    boolean firm, boolean admin) {

    static Frame anonymous(Messages t, String title, String csrf) {
        return new Frame(t, title, csrf, null, null, null, false, false);
    }

    static Frame of(Messages t, String title, WebSession.Session session) {
        Role role = session.person().user().role();
        return new Frame(t, title, session.csrf(), session.person().user().displayName(), null, null, role.ofTheFirm(),
                role == Role.ADMIN);
    }

    Frame inDossier(String dossierSiren, String name) {
        return new Frame(t, title, csrf, userName, dossierSiren, name, firm, admin);
    }
}
