package io.einvoice.gateway.approval;

import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.SecurityEvents;
import io.einvoice.gateway.invoice.Money;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotAllowedException;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.einvoice.gateway.refusal.StateConflictException;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * POST /api/documents/{id}/approve and /reject, GET/PUT /api/dossiers/{siren}/settings, GET
 * /api/dossiers/{siren}/counters. A document or dossier the caller may not see answers 404.
 */
public class ApprovalApi {

    private final AccessService access;
    private final DocumentRepository documents;
    private final ApprovalService approvals;
    private final SettingsRepository settings;
    private final ApprovalQueries queries;
    private final DossierRepository dossiers;
    private final SecurityEvents events;

    public ApprovalApi(AccessService access, DocumentRepository documents, ApprovalService approvals,
                       SettingsRepository settings, ApprovalQueries queries, DossierRepository dossiers,
                       SecurityEvents events) {
        this.access = access;
        this.documents = documents;
        this.approvals = approvals;
        this.settings = settings;
        this.queries = queries;
        this.dossiers = dossiers;
        this.events = events;
    }

    /** {@code reasonCode}: the lifecycle reason of a rejection (status 210), kept by the lifecycle step before this one. */
    public record DecisionRequest(String reason, String reasonCode) {
    }

    /** {@code clientsMayApprove}: null leaves it as it is; only a person of the firm may change it. */
    public record SettingsBody(String approvalMode, BigDecimal approvalThreshold, Boolean clientsMayApprove) {
    }

    public Map<String, Object> approve(Caller caller, String id, String body) {
        String reason = body == null || body.isBlank() ? null : Json.read(body, DecisionRequest.class).reason();
        return decide(caller, id, true, reason);
    }

    public Map<String, Object> reject(Caller caller, String id, String body) {
        Document d = visible(caller, id);
        String reason = body == null || body.isBlank() ? null : Json.read(body, DecisionRequest.class).reason();
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("a rejection needs a reason: send {\"reason\": \"...\"}");
        }
        return decide(caller, d.id(), false, reason.strip());
    }

    private Map<String, Object> decide(Caller caller, String id, boolean approve, String reason) {
        Document d = visible(caller, id);
        String siren = access.visibleDossierById(caller, d.dossierId()).map(Dossier::siren).orElseThrow();
        if (caller.isClient() && !dossiers.clientsMayApprove(d.dossierId())) {
            throw new NotAllowedException("the firm keeping this dossier's books has not let its clients approve or reject"
                    + " invoices; ask the firm to decide, or to allow it in the dossier's settings");
        }
        switch (approvals.decide(d, siren, approve, caller.label(), reason)) {
            case TAKEN -> {
            }
            case NOT_PENDING -> throw new StateConflictException("not_pending", "document " + id + " is "
                    + documents.findById(id).orElseThrow().status() + ", not PENDING_APPROVAL: only an invoice waiting for"
                    + " approval can be " + (approve ? "approved" : "rejected"));
            case AWAITING_VALIDATION -> throw new StateConflictException("awaiting_validation", "document " + id
                    + " is still being validated: approve it once its validation verdict is shown (a few seconds), or"
                    + " reject it now");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("status", (approve ? DocumentStatus.APPROVED : DocumentStatus.REJECTED).name());
        answer.put("by", caller.label());
        answer.put("reason", reason);
        return answer;
    }

    public Map<String, Object> settings(Caller caller, String siren) {
        Dossier dossier = dossier(caller, siren);
        return view(settings.find(dossier.id()), dossiers.clientsMayApprove(dossier.id()));
    }

    /** The approval settings; letting the dossier's clients approve is an access change, recorded as such. */
    public Map<String, Object> saveSettings(Caller caller, String siren, String body, String clientAddress) {
        Dossier dossier = dossier(caller, siren);
        SettingsBody request = Json.read(body, SettingsBody.class);
        if (request.clientsMayApprove() != null
                && !(caller instanceof Caller.Person person && person.user().role().ofTheFirm())) {
            throw new NotAllowedException("only a person of the firm, logged in, may let the dossier's clients approve"
                    + " invoices; an API key may not");
        }
        ApprovalSettings saved;
        try {
            ApprovalMode mode = request.approvalMode() == null ? null : ApprovalMode.valueOf(request.approvalMode().trim());
            saved = new ApprovalSettings(mode, request.approvalThreshold());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage() != null && e.getMessage().startsWith("approval")
                    ? e.getMessage() : "approvalMode must be one of ALL, EXCEPT_TRUSTED, NONE");
        }
        settings.save(dossier.id(), saved);
        if (request.clientsMayApprove() != null
                && dossiers.setClientsMayApprove(dossier.id(), request.clientsMayApprove())) {
            events.record(SecurityEvents.Type.CLIENTS_MAY_APPROVE_CHANGED, caller.label(), clientAddress, dossier.firmId(),
                    dossier.id(), "clients may approve: " + request.clientsMayApprove());
        }
        return view(saved, dossiers.clientsMayApprove(dossier.id()));
    }

    public ApprovalQueries.Counters counters(Caller caller, String siren) {
        return queries.counters(dossier(caller, siren).id());
    }

    private static Map<String, Object> view(ApprovalSettings s, boolean clientsMayApprove) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("approvalMode", s.mode().name());
        view.put("approvalThreshold", Money.format(s.threshold()));
        view.put("clientsMayApprove", clientsMayApprove);
        return view;
    }

    private Dossier dossier(Caller caller, String siren) {
        return access.visibleDossier(caller, siren).orElseThrow(() -> new NotVisibleException("dossier " + siren));
    }

    private Document visible(Caller caller, String id) {
        return documents.findById(id).filter(d -> access.visibleDossierById(caller, d.dossierId()).isPresent())
                .orElseThrow(() -> new NotVisibleException("document " + id));
    }
}
