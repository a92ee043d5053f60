package io.einvoice.gateway.api;

import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.ingest.IngestResult;
import io.einvoice.gateway.ingest.ReplayRefusedException;
import io.einvoice.gateway.ingest.ReplayService;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.einvoice.gateway.refusal.StateConflictException;

import java.io.IOException;
import java.util.Map;

/**
 * POST /api/documents/{id}/replay: a quarantined document's original through the pipeline again (202 with the new
 * document, as an upload answers). A document the caller may not see does not exist (404); one that is not
 * quarantined, or was replayed already, is 409.
 */
public class ReplayApi {

    private final AccessService access;
    private final DocumentRepository documents;
    private final ReplayService replays;

    public ReplayApi(AccessService access, DocumentRepository documents, ReplayService replays) {
        this.access = access;
        this.documents = documents;
        this.replays = replays;
    }

    /** @return the new document, committed: the route hands it on, then answers with {@link #accepted} */
    public IngestResult replay(Caller caller, String id) throws IOException {
        Document old = documents.findById(id).filter(d -> access.visibleDossierById(caller, d.dossierId()).isPresent())
                .orElseThrow(() -> new NotVisibleException("document " + id));
        IngestResult replayed;
        try {
            replayed = replays.replay(old, caller.label());
        } catch (ReplayRefusedException e) {
            throw new StateConflictException("conflict", e.getMessage());
        }
        return replayed;
    }

    public Map<String, Object> accepted(IngestResult replayed, String replayOf) {
        Map<String, Object> answer = DocumentsApi.accepted(replayed);
        answer.put("replayOf", replayOf);
        return answer;
    }
}
