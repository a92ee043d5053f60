package io.einvoice.gateway.ingest;

/** A file was addressed to a SIREN that is no dossier of this gateway. */
public class UnknownDossierException extends Exception {

    public UnknownDossierException(String siren) {
        super("no dossier with SIREN '" + siren + "' on this gateway: create the dossier (POST /api/dossiers)"
                + " or move the file into the folder of an existing dossier");
    }
}
