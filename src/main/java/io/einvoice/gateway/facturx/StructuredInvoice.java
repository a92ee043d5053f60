package io.einvoice.gateway.facturx;

import io.einvoice.gateway.invoice.Invoice;

/**
 * An invoice read from structured data.
 *
 * @param format  the container and syntax it came in
 * @param profile the specification identifier (BT-24) as written, e.g. {@code urn:cen.eu:en16931:2017}; null when absent
 * @param xml     the invoice XML as received (for a PDF: the embedded attachment), for validation and archiving
 * @param invoice the canonical fields read from it
 */
public record StructuredInvoice(InvoiceFormat format, String profile, byte[] xml, Invoice invoice) {
}
