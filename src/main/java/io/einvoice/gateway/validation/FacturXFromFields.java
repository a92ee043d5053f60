package io.einvoice.gateway.validation;

import io.einvoice.gateway.document.Document;

/**
 * For a document that arrived without structured data (text PDF, scan, photo): writes the Factur-X from the fields
 * recognition read, records it as the document's and returns it, so validation judges what the gateway will keep
 * ({@code recognition.RecognisedFacturX}, wired in {@code Gateway}; an interface so validation does not depend on it).
 */
@FunctionalInterface
public interface FacturXFromFields {

    byte[] generate(Document document, byte[] original) throws Exception;
}
