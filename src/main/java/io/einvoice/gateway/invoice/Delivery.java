package io.einvoice.gateway.invoice;

import java.time.LocalDate;

/** Delivery information (BG-13): BT-70 party name, BT-71 location id, BT-72 actual delivery date, BG-15 address. */
public record Delivery(String partyName, String locationId, LocalDate date, PostalAddress address) {
}
