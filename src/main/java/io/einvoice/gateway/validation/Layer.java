package io.einvoice.gateway.validation;

/** Which check produced a finding, from the outside in. */
public enum Layer {
    /** the file itself: empty, neither PDF nor XML, not well-formed, DOCTYPE refused, no embedded invoice */
    INPUT,
    /** ISO 19005 (PDF/A) conformance of the container, checked by veraPDF */
    PDFA,
    /** the Factur-X / ZUGFeRD XMP metadata of the container */
    XMP,
    /** the XML schema of the syntax and profile */
    XSD,
    /** business rules: Factur-X profile, EN 16931, French BR-FR, XRechnung schematrons */
    SCHEMATRON;

    /** The layers that judge the PDF container; the others judge the invoice data. */
    boolean judgesContainer() {
        return this == PDFA || this == XMP;
    }
}
