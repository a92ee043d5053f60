package io.einvoice.gateway.lifecycle;

import io.einvoice.gateway.document.PaymentStatus;
import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.api.Download;
import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.invoice.Money;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.einvoice.gateway.refusal.StateConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * REST side of the lifecycle statuses: a document's statuses with their CDAR messages, the reason code that goes with
 * a person's rejection, and the payment of a purchase invoice (status 211).
 */
public class LifecycleApi {

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleApi.class);

    private final AccessService access;
    private final DocumentRepository documents;
    private final LifecycleRepository lifecycle;
    private final BlobStore blobs;
    private final TransactionTemplate transactions;

    public LifecycleApi(AccessService access, DocumentRepository documents, LifecycleRepository lifecycle, BlobStore blobs,
                        TransactionTemplate transactions) {
        this.access = access;
        this.documents = documents;
        this.lifecycle = lifecycle;
        this.blobs = blobs;
        this.transactions = transactions;
    }

    public Map<String, Object> list(Caller caller, String id) {
        Document d = visible(caller, id);
        List<Map<String, Object>> statuses = lifecycle.of(d.id()).stream().map(s -> view(d.id(), s)).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("documentId", d.id());
        answer.put("statuses", statuses);
        return answer;
    }

    public Download cdar(Caller caller, String id, String code) throws IOException {
        Document d = visible(caller, id);
        LifecycleCode status = code != null && code.matches("\\d{3}") ? LifecycleCode.of(Integer.parseInt(code)).orElse(null) : null;
        if (status == null) {
            throw new NotVisibleException("lifecycle status " + (code != null && code.matches("\\d{1,4}") ? code : "") + " of document " + d.id());
        }
        LifecycleStatus s = lifecycle.find(d.id(), status).filter(found -> found.cdarSha256() != null)
                .orElseThrow(() -> new NotVisibleException("lifecycle status " + status.code() + " of document " + d.id()));
        return new Download(d.id() + "-" + status.code() + ".cdar.xml", "application/xml", blobs.open(s.cdarSha256()));
    }

    /**
     * Before a person's rejection: keeps the reason code the 210 status will carry ({@code reasonCode} in the body,
     * one of those BR-FR-CDV-CL-09 allows for 210; NON_CONFORME when none is given). The rejection itself is the
     * approval step's; a reason kept for an invoice that is not rejected after all is never sent.
     */
    public void rejectionReason(Caller caller, String id, String body) {
        Document d = visible(caller, id);
        JsonNode request = body == null || body.isBlank() ? null : Json.readTree(body);
        JsonNode given = request == null ? null : request.get("reasonCode");
        if (given == null || given.isNull()) {
            return;
        }
        ReasonCode reason = given.isTextual() ? ReasonCode.of(given.asText()).filter(LifecycleCode.REFUSEE::allows).orElse(null) : null;
        if (reason == null) {
            throw new InvalidInputException("reasonCode must be one of the reasons of status 210 (BR-FR-CDV-CL-09): "
                    + ReasonCode.TX_TVA_ERR + ", " + ReasonCode.MONTANTTOTAL_ERR + ", " + ReasonCode.CALCUL_ERR + ", "
                    + ReasonCode.NON_CONFORME + ", " + ReasonCode.DOUBLON + ", " + ReasonCode.DEST_ERR + ", "
                    + ReasonCode.TRANSAC_INC + ", " + ReasonCode.EMMET_INC + ", " + ReasonCode.CONTRAT_TERM + ", "
                    + ReasonCode.DOUBLE_FACT + ", " + ReasonCode.CMD_ERR + ", " + ReasonCode.ADR_ERR + ", " + ReasonCode.REF_CT_ABSENT);
        }
        transactions.executeWithoutResult(tx -> lifecycle.keepReason(d.id(), LifecycleCode.REFUSEE, reason));
    }

    /** The dossier paid an approved purchase invoice: payment PAID, and status 211 follows. */
    public Map<String, Object> purchasePaid(Caller caller, String id) {
        Document d = visible(caller, id);
        if (d.direction() != Direction.PURCHASE) {
            throw new StateConflictException("not_purchase", "document " + d.id() + " is a sales invoice: record its payment"
                    + " with POST /api/dossiers/{siren}/sales-invoices/{id}/payment");
        }
        boolean moved = Boolean.TRUE.equals(transactions.execute(tx -> {
            if (!documents.markPurchasePaid(d.id())) {
                return false;
            }
            documents.appendEvent(d.id(), new DocumentEvent(OffsetDateTime.now(), caller.label(), "PAYMENT_STATUS", null, null,
                    "UNPAID -> PAID"));
            return true;
        }));
        if (!moved) {
            Document now = documents.findById(d.id()).orElseThrow();
            throw new StateConflictException("not_payable", "document " + d.id() + " is " + now.status() + " and "
                    + now.paymentStatus() + ": only an approved, unpaid purchase invoice can be marked paid");
        }
        LOG.info("lifecycle document={} purchase invoice marked PAID by {}", d.id(), caller.label());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", d.id());
        answer.put("paymentStatus", PaymentStatus.PAID.name());
        return answer;
    }

    private static Map<String, Object> view(String documentId, LifecycleStatus s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("code", s.code().code());
        v.put("label", s.code().label());
        v.put("reasonCode", s.reasonCode() == null ? null : s.reasonCode().name());
        v.put("reason", s.reason());
        v.put("amount", s.amount() == null ? null : Money.format(s.amount()));
        v.put("origin", s.origin().name());
        v.put("actor", s.actor());
        v.put("at", s.at().toString());
        v.put("cdar", s.cdarSha256() == null ? null : "/api/documents/" + documentId + "/lifecycle/" + s.code().code() + "/cdar");
        return v;
    }

    private Document visible(Caller caller, String id) {
        return documents.findById(id).filter(d -> access.visibleDossierById(caller, d.dossierId()).isPresent())
                .orElseThrow(() -> new NotVisibleException("document " + id));
    }
}
