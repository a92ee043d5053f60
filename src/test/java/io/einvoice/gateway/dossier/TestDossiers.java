package io.einvoice.gateway.dossier;

import java.util.UUID;

/** The smallest tenant a test below the HTTP API needs: firm "F" (443322110) and one ACTIVE dossier "A" of it. */
public final class TestDossiers {

    private TestDossiers() {
    }

    public static Dossier firmWithDossier(DossierRepository dossiers, String siren) {
        Firm firm = new Firm(UUID.randomUUID().toString(), "F", "443322110");
        dossiers.insertFirm(firm);
        Dossier dossier = new Dossier(UUID.randomUUID().toString(), firm.id(), siren, null, "A", null, 12, "ACTIVE", false);
        dossiers.insert(dossier);
        return dossier;
    }
}
