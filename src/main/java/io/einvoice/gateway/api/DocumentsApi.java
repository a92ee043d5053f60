package io.einvoice.gateway.api;

import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.dispatch.DispatchRepository;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentQuery;
import io.einvoice.gateway.document.DocumentReplays;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.ingest.IngestResult;
import io.einvoice.gateway.party.PartyRepository;
import io.einvoice.gateway.party.StoredParty;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotVisibleException;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /api/dossiers/{siren}/documents and /api/documents/{id}: every read goes through the caller's visible dossiers. */
public class DocumentsApi {

    private final AccessService access;
    private final DocumentRepository documents;
    private final BlobStore blobs;
    private final PartyRepository parties;
    private final DispatchRepository dispatch;
    private final DocumentReplays replays;

    public DocumentsApi(AccessService access, DocumentRepository documents, BlobStore blobs, PartyRepository parties,
                        DispatchRepository dispatch, DocumentReplays replays) {
        this.dispatch = dispatch;
        this.replays = replays;
        this.access = access;
        this.documents = documents;
        this.blobs = blobs;
        this.parties = parties;
    }

    public List<DocumentView> list(Caller caller, String siren, String direction, String status, String limit, String offset) {
        Dossier dossier = access.visibleDossier(caller, siren).orElseThrow(() -> new NotVisibleException("dossier " + siren));
        DocumentQuery query;
        try {
            query = new DocumentQuery(
                    parse(Direction.class, "direction", direction),
                    parse(DocumentStatus.class, "status", status),
                    number("limit", limit, 100), number("offset", offset, 0));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        return documents.list(dossier.id(), query).stream().map(listed -> DocumentView.of(listed.document(), dossier.siren(),
                listed.checks(), null, supplierRef(listed.supplier()))
                .withDispatch(listed.dispatchChannel(), listed.chorusStatus())).toList();
    }

    public DocumentView get(Caller caller, String id) {
        // the dispatch columns before the document: a send commits both together, so a channel is never shown beside
        // the status the document had before it was sent
        DispatchRepository.DocumentDispatch sent = dispatch.documentDispatch(id);
        Visible visible = visible(caller, id);
        return DocumentView.of(visible.document(), visible.dossier().siren(), documents.checks(id), documents.events(id),
                supplier(id)).withDispatch(sent.channel(), sent.chorusStatus())
                .withReplays(replays.replayOf(id).orElse(null), replays.replayedBy(id).orElse(null));
    }

    public Download original(Caller caller, String id) throws IOException {
        Document document = visible(caller, id).document();
        String mediaType = document.format() == null ? "application/octet-stream"
                : document.format().equals("CII") || document.format().equals("UBL") ? "application/xml"
                // a sales draft: the JSON it was written from
                : document.format().equals("JSON") ? "application/json" : "application/pdf";
        return new Download(document.fileName(), mediaType, blobs.open(document.originalSha256()));
    }

    private DocumentView.SupplierRef supplier(String documentId) {
        return parties.supplierOfDocument(documentId).map(StoredParty::party)
                .map(p -> new DocumentView.SupplierRef(p.id(), p.number(), p.displayName(), p.trusted(), p.blacklisted(),
                        p.active()))
                .orElse(null);
    }

    private static DocumentView.SupplierRef supplierRef(DocumentRepository.LinkedSupplier s) {
        return s == null ? null : new DocumentView.SupplierRef(s.id(), s.number(), s.name(), s.trusted(), s.blacklisted(),
                s.active());
    }

    /** The Factur-X the gateway keeps for a document (received, or generated from its data); 404 until there is one. */
    public Download facturx(Caller caller, String id) throws IOException {
        Document document = visible(caller, id).document();
        String sha = documents.checks(id).facturxSha256();
        if (sha == null) {
            throw new NotVisibleException("Factur-X of document " + id + " (not validated yet, or none could be made: see its events)");
        }
        String base = document.fileName().replaceFirst("\\.[^.]*$", "");
        return new Download(base + ".facturx.pdf", "application/pdf", blobs.open(sha));
    }

    /** The full validation report (JSON) of a document; 404 until validation has run on it. */
    public Download report(Caller caller, String id) throws IOException {
        Document document = visible(caller, id).document();
        String sha = documents.checks(id).validationReportSha256();
        if (sha == null) {
            throw new NotVisibleException("validation report of document " + id + " (not validated yet, or not structured data)");
        }
        return new Download(document.fileName() + ".validation.json", "application/json", blobs.open(sha));
    }

    static Map<String, Object> accepted(IngestResult result) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", result.documentId());
        answer.put("status", result.status().name());
        answer.put("reason", result.reason());
        answer.put("duplicateOf", result.duplicateOf());
        return answer;
    }

    private Visible visible(Caller caller, String id) {
        return documents.findById(id)
                .flatMap(d -> access.visibleDossierById(caller, d.dossierId()).map(dossier -> new Visible(d, dossier)))
                .orElseThrow(() -> new NotVisibleException("document " + id));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static int number(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
    }

    private record Visible(Document document, Dossier dossier) {
    }
}
