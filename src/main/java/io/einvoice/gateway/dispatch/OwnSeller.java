package io.einvoice.gateway.dispatch;

import io.einvoice.gateway.facturx.PartyIdentifiers;
import io.einvoice.gateway.invoice.Party;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A dossier sends only its own invoices: every SIREN the seller of a sales invoice carries — its SIREN (BT-30, scheme
 * 0002), the first nine digits of its SIRET (scheme 0009), the SIREN inside its French VAT number (BT-31, key checked) —
 * must be the dossier's, and it must carry at least one, or the invoice could go out in another company's name.
 */
public final class OwnSeller {

    private OwnSeller() {
    }

    /** Why this seller is not the dossier with this SIREN; null when it is. */
    public static String notOurs(Party seller, String dossierSiren) {
        Set<String> sirens = sirensOf(seller == null ? Party.unknown() : seller);
        if (sirens.isEmpty()) {
            return "the invoice names no seller SIREN, SIRET or French VAT number, so it cannot be shown to be"
                    + " this dossier's (SIREN " + dossierSiren + "); add the seller's SIREN (BT-30) in the billing software"
                    + " and send it again";
        }
        Set<String> others = new LinkedHashSet<>(sirens);
        others.remove(dossierSiren);
        if (others.isEmpty()) {
            return null;
        }
        return "the seller of this invoice is SIREN " + String.join(", ", others) + ", not this dossier (SIREN "
                + dossierSiren + "); a dossier sends only its own invoices: put it into the sales intake of the seller's"
                + " own dossier";
    }

    /** Only values of the right shape count: a SIREN is nine digits, a SIRET fourteen. */
    static Set<String> sirensOf(Party seller) {
        Set<String> sirens = new LinkedHashSet<>();
        if (seller.siren() != null && seller.siren().strip().matches("\\d{9}")) {
            sirens.add(seller.siren().strip());
        }
        if (seller.siret() != null && seller.siret().strip().matches("\\d{14}")) {
            sirens.add(seller.siret().strip().substring(0, 9));
        }
        String inVat = PartyIdentifiers.sirenInFrenchVatId(seller.vatId());
        if (inVat != null) {
            sirens.add(inVat);
        }
        return sirens;
    }
}
