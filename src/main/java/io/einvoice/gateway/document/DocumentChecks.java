package io.einvoice.gateway.document;

import java.util.List;

/**
 * What the steps after ingest found about a document: the Factur-X kept for it, the validation verdict with its stored
 * report, and why a person must check it. Every field is null (the list empty) until the step that fills it has run.
 */
public record DocumentChecks(
        String facturxSha256,
        Boolean valid,
        Integer validationErrors,
        String validationReportSha256,
        List<String> checkReasons) {

    public static final DocumentChecks NONE = new DocumentChecks(null, null, null, null, List.of());

    /** Auto-approval needs a validated document that nobody has to look at. */
    public boolean cleanAndValid() {
        return Boolean.TRUE.equals(valid) && checkReasons.isEmpty();
    }
}
