package io.einvoice.gateway.dispatch;

import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotAllowedException;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.einvoice.gateway.refusal.StateConflictException;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * POST /api/documents/{id}/send, GET /api/documents/{id}/dispatch, POST /api/documents/{id}/dispatch/replay and
 * GET/PUT /api/dossiers/{siren}/smtp. A document or dossier the caller may not see does not exist (404).
 */
public class DispatchApi {

    private final AccessService access;
    private final DocumentRepository documents;
    private final DispatchRepository dispatch;
    private final SmtpSettingsStore smtp;

    public DispatchApi(AccessService access, DocumentRepository documents, DispatchRepository dispatch, SmtpSettingsStore smtp) {
        this.access = access;
        this.documents = documents;
        this.dispatch = dispatch;
        this.smtp = smtp;
    }

    /** Queues a ready sales invoice for sending; 202. Asking again while it is queued changes nothing. */
    public Map<String, Object> send(Caller caller, String id) {
        Document d = visible(caller, id);
        var job = dispatch.job(id);
        if (job.isPresent()) {
            switch (job.get().state()) {
                case QUEUED, SENDING -> {
                    return answer(id);
                }
                case PARKED -> throw conflict("sending this invoice failed and was parked (" + job.get().lastError()
                        + "); fix the cause, then POST /api/documents/" + id + "/dispatch/replay");
                case DONE -> throw conflict("this invoice was already sent");
            }
        }
        String siren = access.visibleDossierById(caller, d.dossierId()).map(Dossier::siren).orElseThrow();
        String notReady = DispatchService.notReady(d, documents.checks(id), siren);
        if (notReady != null) {
            throw conflict(notReady);
        }
        dispatch.enqueue(id, d.dossierId(), OffsetDateTime.now());
        return answer(id);
    }

    /** A parked send is queued again, its attempts counted from zero; 202. */
    public Map<String, Object> replay(Caller caller, String id) {
        visible(caller, id);
        if (!dispatch.replay(id, OffsetDateTime.now())) {
            throw conflict("only a parked send can be replayed; this document's send is "
                    + dispatch.job(id).map(j -> j.state().name()).orElse("not requested (POST /api/documents/" + id + "/send)"));
        }
        return answer(id);
    }

    public Map<String, Object> dispatch(Caller caller, String id) {
        visible(caller, id);
        // the job first: a send commits its job state together with the document, so a finished job is never shown
        // beside the document as it was before
        var job = dispatch.job(id);
        Document d = visible(caller, id);
        DispatchRepository.DocumentDispatch sent = dispatch.documentDispatch(id);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("documentId", id);
        view.put("status", d.status().name());
        view.put("statusReason", d.statusReason());
        view.put("paymentStatus", d.paymentStatus().name());
        view.put("dispatchChannel", sent.channel());
        view.put("chorusStatus", sent.chorusStatus());
        view.put("job", job.map(j -> {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("state", j.state().name());
            shown.put("attempts", j.attempts());
            shown.put("nextAt", j.nextAt().toString());
            shown.put("lastError", j.lastError());
            return shown;
        }).orElse(null));
        List<DispatchRepository.Outcome> outcomes = dispatch.outcomes(id);
        view.put("outcomes", outcomes);
        return view;
    }

    public SmtpSettingsStore.SmtpView smtp(Caller caller, String siren) {
        return smtp.view(dossier(caller, siren).id());
    }

    public SmtpSettingsStore.SmtpView saveSmtp(Caller caller, String siren, String body) {
        Dossier dossier = dossier(caller, siren);
        if (!(caller instanceof Caller.Person)) {
            throw new NotAllowedException("SMTP settings hold credentials: log in as a user of the firm to change them");
        }
        try {
            return smtp.save(dossier.id(), Json.read(body, SmtpSettingsStore.SmtpRequest.class));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    private Dossier dossier(Caller caller, String siren) {
        return access.visibleDossier(caller, siren).orElseThrow(() -> new NotVisibleException("dossier " + siren));
    }

    private Document visible(Caller caller, String id) {
        return documents.findById(id).filter(d -> access.visibleDossierById(caller, d.dossierId()).isPresent())
                .orElseThrow(() -> new NotVisibleException("document " + id));
    }

    private Map<String, Object> answer(String id) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("dispatch", dispatch.job(id).map(j -> j.state().name()).orElse(null));
        return answer;
    }

    private static StateConflictException conflict(String message) {
        return new StateConflictException("conflict", message);
    }
}
