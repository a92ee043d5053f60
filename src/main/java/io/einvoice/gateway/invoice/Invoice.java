package io.einvoice.gateway.invoice;

import java.time.LocalDate;
import java.util.List;

/**
 * The canonical invoice every step shares, whatever format it arrived in (EN 16931 semantic model, the part the
 * gateway uses so far). Amounts are the ones the document states, never recomputed here.
 */
public record Invoice(
        String number,
        InvoiceType type,
        LocalDate issueDate,
        LocalDate dueDate,
        String currency,
        Party seller,
        Party buyer,
        Totals totals,
        List<InvoiceLine> lines) {

    public Invoice {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
