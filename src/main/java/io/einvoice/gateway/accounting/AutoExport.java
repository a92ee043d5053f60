package io.einvoice.gateway.accounting;

/** When a dossier's new journal entries are exported without anyone asking. */
public enum AutoExport {
    NONE, DAILY, ON_APPROVAL;

    /** Where an automatic export goes. */
    public enum Target {
        /** {@code GATEWAY_HOME/export/<SIREN>/} */
        FOLDER,
        /** mailed to the accountant through the dossier's SMTP server; a copy still goes to the folder */
        EMAIL
    }
}
