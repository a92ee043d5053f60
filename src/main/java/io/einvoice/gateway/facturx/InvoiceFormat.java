package io.einvoice.gateway.facturx;

/** How a structured invoice arrived: inside a PDF (Factur-X or ZUGFeRD) or as bare XML (CII or UBL). */
public enum InvoiceFormat {
    /** PDF with a {@code factur-x.xml} attachment (CII D16B); ZUGFeRD 2.1 and later use that name too, and land here. */
    FACTUR_X,
    /** PDF with a {@code zugferd-invoice.xml}, {@code ZUGFeRD-invoice.xml} or {@code xrechnung.xml} attachment, or any ZUGFeRD 1 data. */
    ZUGFERD,
    /** Bare UN/CEFACT Cross Industry Invoice D16B XML. */
    CII,
    /** Bare OASIS UBL 2.x Invoice or CreditNote XML. */
    UBL
}
