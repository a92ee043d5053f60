package io.einvoice.gateway.dispatch;

import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentChecks;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.dossier.DossierRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Sales invoices from billing software (the {@code sales/} drop folder, the upload API, the dossier's sales mail
 * address) are read and validated like purchases but never approved: once validation has spoken, a valid invoice with
 * its Factur-X whose seller is the dossier itself ({@link OwnSeller}) becomes a DRAFT ready to send, with its dispatch
 * job (the row dispatch-send claims, retried from), and the route (validation-document) hands it to the dispatch stage;
 * any other becomes a DRAFT that says why it is not sent.
 */
public class SalesIntake {

    static final String ACTOR = "dispatch:intake";
    private static final Logger LOG = LoggerFactory.getLogger(SalesIntake.class);

    private final DocumentRepository documents;
    private final DispatchRepository dispatch;
    private final TransactionTemplate transactions;
    private final DossierRepository dossiers;

    public SalesIntake(DocumentRepository documents, DispatchRepository dispatch, TransactionTemplate transactions,
                       DossierRepository dossiers) {
        this.dossiers = dossiers;
        this.documents = documents;
        this.dispatch = dispatch;
        this.transactions = transactions;
    }

    /**
     * Called after validation of every document; acts on validated sales documents still RECOGNIZED only.
     *
     * @return true when the document goes to dispatch: its job is queued, the route sends it to the dispatch stage
     */
    public boolean afterValidation(String documentId) {
        Document d = documents.findById(documentId).orElse(null);
        if (d == null || d.direction() != Direction.SALES || d.status() != DocumentStatus.RECOGNIZED) {
            return false;
        }
        DocumentChecks checks = documents.checks(documentId);
        if (checks.valid() == null) {
            return false;
        }
        String notOurs = OwnSeller.notOurs(d.invoice() == null ? null : d.invoice().seller(), siren(d));
        if (notOurs == null && Boolean.TRUE.equals(checks.valid()) && checks.facturxSha256() != null) {
            Boolean queued = transactions.execute(tx -> {
                boolean moved = documents.transition(documentId, DocumentStatus.RECOGNIZED, DocumentStatus.DRAFT, null,
                        new DocumentEvent(OffsetDateTime.now(), ACTOR, "READY_TO_SEND", DocumentStatus.RECOGNIZED,
                                DocumentStatus.DRAFT, "valid Factur-X from " + d.channel() + ": sent automatically"));
                return moved && dispatch.enqueue(documentId, d.dossierId(), OffsetDateTime.now());
            });
            LOG.info("dispatch dossier={} document={} sales invoice {} valid, queued for sending", siren(d), documentId,
                    d.invoice() == null ? null : d.invoice().number());
            return Boolean.TRUE.equals(queued);
        }
        String reason = notOurs != null ? "not sent: " + notOurs : notSentReason(documentId, checks);
        documents.transition(documentId, DocumentStatus.RECOGNIZED, DocumentStatus.DRAFT, reason,
                new DocumentEvent(OffsetDateTime.now(), ACTOR, "NOT_SENT", DocumentStatus.RECOGNIZED, DocumentStatus.DRAFT,
                        reason));
        LOG.warn("dispatch dossier={} document={} sales invoice not sent: {}", siren(d), documentId, reason);
        return false;
    }

    /** At start: validated sales documents a stop caught before this step. @return those that go to dispatch */
    public List<String> resume() {
        return dispatch.salesAwaitingIntake().stream().filter(this::afterValidation).toList();
    }

    private String siren(Document d) {
        return dossiers.sirenForLogs(d.dossierId());
    }

    private String notSentReason(String documentId, DocumentChecks checks) {
        if (Boolean.TRUE.equals(checks.valid())) {
            return "not sent: no Factur-X could be generated for this invoice " + checks.checkReasons()
                    + "; correct it in the billing software and send it again";
        }
        // the validation event names the failed rules; the full report is at /api/documents/{id}/report
        String rules = documents.events(documentId).stream().filter(e -> "VALIDATION_FAILED".equals(e.type()))
                .reduce((first, second) -> second).map(DocumentEvent::details).orElse(checks.validationErrors() + " errors");
        return "not sent: the invoice is not valid (" + rules + "); correct it in the billing software and send it again";
    }
}
