package io.einvoice.gateway.validation;

import java.util.List;

/**
 * The verdict on one file and everything behind it. {@code valid} means no ERROR in any layer: unlike Mustang's
 * overall status, a PDF/A failure of the container counts.
 *
 * @param fileName  the name the file was given to us under
 * @param container {@code PDF} or {@code XML}
 * @param syntax    {@code CII}, {@code UBL}, {@code ZUGFERD_1}, or null when the data could not be read
 * @param profile   the specification identifier (BT-24 / CustomizationID) as written, null when absent
 * @param ruleSets  every schema and schematron applied, in order
 * @param millis    how long the validation took
 */
public record ValidationReport(String fileName, String container, String syntax, String profile, boolean valid,
                               int errors, int warnings, List<String> ruleSets, List<Finding> findings, long millis) {

    static ValidationReport of(String fileName, String container, String syntax, String profile, List<String> ruleSets,
                               List<Finding> findings, long millis) {
        int errors = (int) findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        int warnings = (int) findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        return new ValidationReport(fileName, container, syntax, profile, errors == 0, errors, warnings,
                List.copyOf(ruleSets), List.copyOf(findings), millis);
    }

    /** The container verdict alone (PDF/A and XMP); true for bare XML. */
    public boolean containerValid() {
        return findings.stream().noneMatch(f -> f.severity() == Severity.ERROR && f.layer().judgesContainer());
    }

    /** The invoice data verdict alone (input, XSD, schematron): what Mustang's overall status reports. */
    public boolean dataValid() {
        return findings.stream().noneMatch(f -> f.severity() == Severity.ERROR && !f.layer().judgesContainer());
    }

    /** The distinct rule ids of the errors, for one-line summaries. */
    public List<String> errorRuleIds() {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).map(Finding::ruleId).distinct().toList();
    }
}
