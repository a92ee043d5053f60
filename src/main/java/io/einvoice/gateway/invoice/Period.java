package io.einvoice.gateway.invoice;

import java.time.LocalDate;

/** Invoicing period (BG-14): BT-73 start and BT-74 end date. */
public record Period(LocalDate start, LocalDate end) {
}
