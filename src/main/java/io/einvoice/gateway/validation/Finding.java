package io.einvoice.gateway.validation;

/**
 * One thing a check found.
 *
 * @param layer    the check that found it
 * @param source   the artefact that holds the rule (schematron or schema file, PDF/A part), null for input problems
 * @param ruleId   the rule's identifier as its authors name it (BR-CO-10, FX-SCH-A-000123, ISO 19005-3:6.2.11.4.1...)
 * @param severity whether it makes the invoice invalid
 * @param location where: an XPath into the invoice XML, a line and column, or a PDF object path
 * @param message  the rule's own text
 */
public record Finding(Layer layer, String source, String ruleId, Severity severity, String location, String message) {

    static Finding error(Layer layer, String ruleId, String message) {
        return new Finding(layer, null, ruleId, Severity.ERROR, null, message);
    }
}
