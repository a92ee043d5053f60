package io.einvoice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.recognition.CorrectionService;
import io.einvoice.gateway.recognition.ExtractedInvoice;
import io.einvoice.gateway.recognition.Field;
import io.einvoice.gateway.recognition.RecognitionRepository;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.einvoice.gateway.refusal.StateConflictException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GET /api/documents/{id}/recognition (each field with value, confidence, page and box) and PATCH /api/documents/{id}
 * (a person's corrections, learnt as hints for the supplier). Same visibility as the document: 404 outside the caller's dossiers.
 */
public class RecognitionApi {

    private final AccessService access;
    private final DocumentRepository documents;
    private final RecognitionRepository recognitions;
    private final CorrectionService corrections;

    public RecognitionApi(AccessService access, DocumentRepository documents, RecognitionRepository recognitions,
                          CorrectionService corrections) {
        this.access = access;
        this.documents = documents;
        this.recognitions = recognitions;
        this.corrections = corrections;
    }

    public JsonNode recognition(Caller caller, String id) {
        Document d = visible(caller, id);
        ExtractedInvoice extracted = recognitions.find(d.id())
                .orElseThrow(() -> new NotVisibleException("recognition of document " + id));
        return read(extracted);
    }

    /**
     * What a correction answers (the corrected fields), and the document to have its Factur-X written and validated
     * again when it was waiting for a decision, which the caller hands to {@code direct:recognition-corrected}.
     */
    public record Correction(JsonNode answer, List<String> revalidate) {
    }

    public Correction correct(Caller caller, String id, String body) {
        Document d = visible(caller, id);
        JsonNode json = Json.readTree(body);
        if (json == null || !json.isObject()) {
            throw new InvalidInputException("a JSON object is required: {\"fields\": {\"number\": \"FA-12\", \"totalInclVat\": \"120.00\"}}");
        }
        JsonNode fields = json.has("fields") ? json.get("fields") : json;
        Map<String, Object> given = new LinkedHashMap<>();
        fields.fields().forEachRemaining(e -> given.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        Map<Field, String> parsed;
        try {
            parsed = CorrectionService.parse(given);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        CorrectionService.Corrected corrected = corrections.correct(d, d.dossierId(), parsed, caller.label())
                .orElseThrow(() -> new StateConflictException("not_recognised",
                        "document " + id + " was not read by recognition (it carries structured data or is not recognised yet):"
                                + " there are no recognised fields to correct"));
        return new Correction(read(corrected.invoice()), corrected.revalidate() ? List.of(d.id()) : List.of());
    }

    private static JsonNode read(ExtractedInvoice extracted) {
        try {
            return Json.MAPPER.readTree(io.einvoice.gateway.recognition.RecognitionRepository.json(extracted));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Document visible(Caller caller, String id) {
        return documents.findById(id).filter(d -> access.visibleDossierById(caller, d.dossierId()).isPresent())
                .orElseThrow(() -> new NotVisibleException("document " + id));
    }
}
