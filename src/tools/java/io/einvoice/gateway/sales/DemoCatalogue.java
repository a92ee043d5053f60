package io.einvoice.gateway.sales;

import io.einvoice.gateway.dossier.Dossier;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * What the demo seller dossier (the firm's own, "Cabinet Démo") sells, and the sales settings it needs to finalise
 * an invoice: written once, left alone when the dossier already has a catalogue or an IBAN.
 */
public final class DemoCatalogue {

    private final CatalogueRepository catalogue;
    private final SalesSettingsRepository settings;

    public DemoCatalogue(CatalogueRepository catalogue, SalesSettingsRepository settings) {
        this.catalogue = catalogue;
        this.settings = settings;
    }

    public void seed(Dossier seller) {
        if (catalogue.list(seller.id(), null).isEmpty()) {
            for (CatalogueItem item : List.of(
                    item(seller, LineKind.SERVICE, "Tenue de comptabilité mensuelle", "MON", "350", "20"),
                    item(seller, LineKind.SERVICE, "Établissement des comptes annuels", "C62", "1200", "20"),
                    item(seller, LineKind.SERVICE, "Conseil fiscal", "HUR", "95", "20"),
                    item(seller, LineKind.GOODS, "Classeur d'archivage", "C62", "4.5", "20"))) {
                catalogue.insert(item);
            }
        }
        if (settings.get(seller.id()).iban() == null) {
            settings.save(new SalesSettings(seller.id(), "FA-", "FR7630006000011234567890189", "AGRIFRPPXXX",
                    "10 place de la République", "75003", "Paris", "FR", "facturation@cabinet-demo.fr",
                    SalesSettings.DEFAULT_PAYMENT_DAYS));
        }
    }

    private static CatalogueItem item(Dossier seller, LineKind kind, String label, String unit, String price, String rate) {
        return new CatalogueItem(UUID.randomUUID().toString(), seller.id(), kind, label, unit, new BigDecimal(price),
                VatChoice.of(new BigDecimal(rate), null, null, null), true);
    }
}
