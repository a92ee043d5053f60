package io.einvoice.gateway.ingest.mail;

import java.util.Locale;

/**
 * The parts before @ of a dossier's inbound addresses: purchase (default {@code SIREN<siren>}) and sales (default
 * {@code SIREN<siren>-sales}); the domain is the firm's catch-all's.
 */
public record InboundAddress(String dossierId, String firmId, String siren, String purchaseLocalPart,
                             String salesLocalPart) {

    public static String defaultPurchase(String siren) {
        return "SIREN" + siren;
    }

    public static String defaultSales(String siren) {
        return "SIREN" + siren + "-sales";
    }

    public String purchase() {
        return purchaseLocalPart == null ? defaultPurchase(siren) : purchaseLocalPart;
    }

    public String sales() {
        return salesLocalPart == null ? defaultSales(siren) : salesLocalPart;
    }

    static String key(String localPart) {
        return localPart.toLowerCase(Locale.ROOT);
    }
}
