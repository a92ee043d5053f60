package io.einvoice.gateway.ereporting;

import java.time.LocalDate;

/** A sale recorded paid (the whole amount) on a day. */
public record ReportedPayment(ReportedSale sale, LocalDate paidOn) {
}
