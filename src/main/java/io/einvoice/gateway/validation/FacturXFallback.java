package io.einvoice.gateway.validation;

import io.einvoice.gateway.document.Document;

/**
 * What happens to a purchase document that did not arrive as a valid Factur-X (CII, UBL, ZUGFeRD 1, an invalid
 * Factur-X): the place where the Factur-X writer generates one and records it ({@code facturx.FacturXGeneration},
 * wired in {@code Gateway}; kept behind this interface so validation does not depend on the writer).
 */
@FunctionalInterface
public interface FacturXFallback {

    void generate(Document document, byte[] original, ValidationReport report) throws Exception;
}
