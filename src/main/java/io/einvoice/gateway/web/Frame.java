package io.einvoice.gateway.web;

/**
 * What every page's layout needs: its words, title, the CSRF token of its forms, who is logged in (null on the login
 * page) and the dossier it belongs to (null above dossiers), for the navigation.
 */
public record Frame(Messages t, String title, String csrf, String userName, String siren, String dossierName) {

    static Frame anonymous(Messages t, String title, String csrf) {
        return new Frame(t, title, csrf, null, null, null);
    }

    static Frame of(Messages t, String title, WebSession.Session session) {
        return new Frame(t, title, session.csrf(), session.person().user().displayName(), null, null);
    }

    Frame inDossier(String dossierSiren, String name) {
        return new Frame(t, title, csrf, userName, dossierSiren, name);
    }
}
