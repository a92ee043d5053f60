package io.einvoice.gateway.validation;

import io.einvoice.gateway.document.Document;

/**
 * What happens to a purchase document that did not arrive as a valid Factur-X (CII, UBL, ZUGFeRD 1, an invalid
 * Factur-X): the place where the Factur-X writer generates one and calls {@code DocumentRepository.recordFacturX}.
 * Until that writer is wired in {@code Gateway}, {@link #NONE} leaves such documents without a Factur-X.
 */
@FunctionalInterface
public interface FacturXFallback {

    FacturXFallback NONE = (document, original, report) -> {
    };

    void generate(Document document, byte[] original, ValidationReport report) throws Exception;
}
