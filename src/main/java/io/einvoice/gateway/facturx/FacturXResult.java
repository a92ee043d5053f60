package io.einvoice.gateway.facturx;

import java.util.List;

/**
 * A Factur-X PDF/A-3 produced by {@link FacturXWriter}.
 *
 * @param pdf              the PDF/A-3 with the CII attached as {@code factur-x.xml}
 * @param profile          the profile written (XMP conformance level and BT-24 agree with it)
 * @param originalKept     true when the supplied PDF is the visual part; false when the page was rendered from the XML
 * @param originalProblems why the supplied PDF could not be made PDF/A-3 (empty when it was kept or none was supplied)
 * @param notes            what the conversion changed to fit Factur-X (profile raised, codes respelled); empty when nothing
 */
public record FacturXResult(byte[] pdf, Profile profile, boolean originalKept, List<String> originalProblems,
                            List<String> notes) {

    public FacturXResult {
        originalProblems = List.copyOf(originalProblems);
        notes = List.copyOf(notes);
    }

    FacturXResult withNotes(List<String> added) {
        return new FacturXResult(pdf, profile, originalKept, originalProblems, added);
    }
}
