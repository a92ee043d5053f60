package io.einvoice.gateway.facturx;

import java.util.List;

/**
 * A Factur-X PDF/A-3 produced by {@link FacturXWriter}.
 *
 * @param pdf              the PDF/A-3 with the CII attached as {@code factur-x.xml}
 * @param profile          the profile written (XMP conformance level and BT-24 agree with it)
 * @param originalKept     true when the supplied PDF is the visual part; false when the page was rendered from the XML
 * @param originalProblems why the supplied PDF could not be made PDF/A-3 (empty when it was kept or none was supplied)
 */
public record FacturXResult(byte[] pdf, Profile profile, boolean originalKept, List<String> originalProblems) {

    public FacturXResult {
        originalProblems = List.copyOf(originalProblems);
    }
}
