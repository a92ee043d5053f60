package io.einvoice.gateway.recognition;

import java.util.ArrayList;
import java.util.List;

/** The identifiers a supplier is known by, strongest first: hints are stored and found under these. */
public record SupplierKeys(String siren, String vat, String iban) {

    public static SupplierKeys of(ExtractedInvoice e) {
        return new SupplierKeys(e.value(Field.SELLER_SIREN).orElse(null), e.value(Field.SELLER_VAT).orElse(null),
                e.value(Field.IBAN).orElse(null));
    }

    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        if (siren != null) {
            keys.add("SIREN:" + siren);
        }
        if (vat != null) {
            keys.add("VAT:" + vat);
        }
        if (iban != null) {
            keys.add("IBAN:" + iban);
        }
        return keys;
    }

    public boolean isEmpty() {
        return siren == null && vat == null && iban == null;
    }
}
