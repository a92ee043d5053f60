package io.einvoice.gateway.recognition;

/**
 * What a person's correction taught about one supplier's layout: the label the right value of a field follows
 * (e.g. "Réf. facture") and where it sits on the page. Either may be null.
 */
public record SupplierHint(Field field, String label, Box box) {
}
