package io.einvoice.gateway.invoice;

/** Electronic address (BT-34 / BT-49) with its EAS scheme (e.g. {@code 0225} SIREN-based French routing, {@code EM} e-mail). */
public record ElectronicAddress(String scheme, String value) {
}
