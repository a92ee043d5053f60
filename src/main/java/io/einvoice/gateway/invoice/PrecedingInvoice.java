package io.einvoice.gateway.invoice;

import java.time.LocalDate;

/** Preceding invoice reference (BG-3): BT-25 number and BT-26 issue date, e.g. the invoice a credit note corrects. */
public record PrecedingInvoice(String number, LocalDate issueDate) {
}
