package io.einvoice.gateway.lifecycle;

import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.DossierIdentity;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.InvoiceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Emits the lifecycle statuses the documents' states call for ({@link LifecycleRules}): the database is the queue, so
 * a status is emitted once whichever step moved the document (a rule, a person, Chorus Pro) and nothing is lost at a
 * stop. Each status is written as CDAR into the blob store, then recorded with an event on the document's timeline.
 */
public class LifecycleEmission {

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleEmission.class);
    static final String ACTOR = "lifecycle:gateway";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final LifecycleRepository lifecycle;
    private final DocumentRepository documents;
    private final DossierRepository dossiers;
    private final BlobStore blobs;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public LifecycleEmission(LifecycleRepository lifecycle, DocumentRepository documents, DossierRepository dossiers,
                             BlobStore blobs, TransactionTemplate transactions, Clock clock) {
        this.lifecycle = lifecycle;
        this.documents = documents;
        this.dossiers = dossiers;
        this.blobs = blobs;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** One round: every document that owes statuses gets them; returns how many statuses were emitted. */
    public int emitPending() {
        int emitted = 0;
        List<LifecycleRepository.Due> dues = lifecycle.due(100);
        List<String> ids = dues.stream().map(LifecycleRepository.Due::documentId).toList();
        // the round's documents and their recorded statuses in two queries, not two per document
        Map<String, Document> read = documents.findAll(ids);
        Map<String, Set<LifecycleCode>> recorded = lifecycle.codesOf(ids);
        for (LifecycleRepository.Due due : dues) {
            try {
                Document d = read.get(due.documentId());
                if (d != null) {
                    emitted += emit(d, due.dispatchChannel(), recorded.getOrDefault(d.id(), Set.of()));
                }
            } catch (RuntimeException e) {
                // one document that cannot get its status must not hold back the others
                documents.postpone(due.documentId());
                LOG.error("lifecycle document={} status could not be emitted, retried after the others: {}",
                        due.documentId(), e.getMessage(), e);
            }
        }
        return emitted;
    }

    private int emit(Document d, String dispatchChannel, Set<LifecycleCode> recorded) {
        DossierIdentity dossier = dossiers.identity(d.dossierId()).orElseThrow();
        List<LifecycleCode> missing = LifecycleRules.due(d.direction(), d.status(), d.paymentStatus(), dispatchChannel)
                .stream().filter(code -> !recorded.contains(code)).toList();
        List<LifecycleStatus> written = new ArrayList<>();
        for (LifecycleCode code : missing) {
            OffsetDateTime at = OffsetDateTime.now(clock);
            ReasonCode reason = code.needsReason() ? reasonFor(d, code) : null;
            CdarMessage message = message(d, dossier, code, reason, at);
            String sha256;
            try {
                sha256 = blobs.put(CdarWriter.write(message)).sha256();
            } catch (IOException e) {
                throw new UncheckedIOException("the CDAR message could not be stored", e);
            }
            written.add(new LifecycleStatus(d.id(), code, reason, null, message.amount(), LifecycleStatus.Origin.GATEWAY,
                    ACTOR, at, sha256));
        }
        if (written.isEmpty()) {
            return 0;
        }
        // the statuses a document owes at once (202 and 204 when it is read and taken in hand) in one transaction
        List<LifecycleStatus> fresh = transactions.execute(tx -> {
            List<LifecycleStatus> firsts = new ArrayList<>();
            for (LifecycleStatus status : written) {
                // false when another poll or node recorded it first
                if (lifecycle.record(status)) {
                    documents.appendEvent(d.id(), new DocumentEvent(status.at(), ACTOR, "LIFECYCLE", null, null,
                            status.code() + (status.reasonCode() == null ? "" : " (" + status.reasonCode() + ")")
                                    + ", CDAR " + status.cdarSha256()));
                    firsts.add(status);
                }
            }
            return firsts;
        });
        for (LifecycleStatus status : fresh) {
            LOG.info("lifecycle dossier={} document={} {} {} emitted as CDAR {}", dossier.siren(), d.id(), d.direction(),
                    status.code(), status.cdarSha256());
        }
        return fresh.size();
    }

    /** The reason a person gave, else what the gateway knows: a duplicate, or an invoice it does not accept. */
    private ReasonCode reasonFor(Document d, LifecycleCode code) {
        return lifecycle.keptReason(d.id(), code).filter(code::allows)
                .orElse(d.duplicateOf() != null && code.allows(ReasonCode.DOUBLON) ? ReasonCode.DOUBLON : ReasonCode.NON_CONFORME);
    }

    private static CdarMessage message(Document d, DossierIdentity dossier, LifecycleCode code, ReasonCode reason, OffsetDateTime at) {
        Invoice inv = d.invoice();
        boolean purchase = d.direction() == Direction.PURCHASE;
        String seller = purchase ? inv.seller().siren() : dossier.siren();
        String buyer = purchase ? dossier.siren() : inv.buyer().siren();
        BigDecimal amount = code == LifecycleCode.ENCAISSEE && inv.totals() != null ? inv.totals().inclVat() : null;
        InvoiceType type = inv.type() == null || inv.type().code() == null ? InvoiceType.INVOICE : inv.type();
        return new CdarMessage(inv.number() + "_" + code.code() + "_" + at.atZoneSameInstant(ZoneOffset.UTC).format(STAMP),
                at, dossier.siren(), purchase ? CdarMessage.BUYER : CdarMessage.SELLER, purchase ? seller : buyer,
                purchase ? CdarMessage.SELLER : CdarMessage.BUYER, inv.number(), type.code(), inv.issueDate(), seller, code,
                reason, null, amount, amount == null ? null : inv.currency() == null ? "EUR" : inv.currency());
    }
}
