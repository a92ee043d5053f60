package io.einvoice.gateway.api;

import io.einvoice.gateway.dossier.Dossier;

/** A dossier as the API shows it. */
public record DossierView(String siren, String siret, String name, String vatNumber, int closingMonth, String status,
                          boolean firmOwn, Long documents) {

    static DossierView of(Dossier d, Long documents) {
        return new DossierView(d.siren(), d.siret(), d.name(), d.vatNumber(), d.closingMonth(), d.status(), d.firmOwn(),
                documents);
    }
}
