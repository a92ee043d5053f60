package io.einvoice.gateway.approval;

import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentChecks;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.dossier.DossierIdentity;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.invoice.Party;
import io.einvoice.gateway.party.IbanRules;
import io.einvoice.gateway.party.PartyRepository;
import io.einvoice.gateway.party.StoredParty;
import io.einvoice.gateway.party.SupplierDirectory;
import io.einvoice.gateway.party.SupplierIbans;
import io.einvoice.gateway.validation.DocumentValidation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides what happens to a recognised purchase invoice: links it to its supplier (creating it when unknown), flags
 * duplicates and misrouted invoices, then applies {@link ApprovalPolicy}. {@link #evaluate} may run again at any time
 * — in particular after validation has recorded its verdict — and moves an invoice still waiting to the new outcome.
 * Every status change goes through {@code DocumentRepository.transition}, so a person and a rule deciding at the same
 * moment cannot both win.
 */
public class ApprovalService {

    private static final Logger LOG = LoggerFactory.getLogger(ApprovalService.class);
    private static final String ACTOR_SCREENING = "approval:screening";

    private final DocumentRepository documents;
    private final DossierRepository dossiers;
    private final SettingsRepository settings;
    private final PartyRepository parties;
    private final SupplierDirectory suppliers;
    private final SupplierIbans ibans;
    private final DuplicateDetector duplicates;
    private final ApprovalQueries queries;
    private final ApprovalPolicy policy;
    private final TransactionTemplate transactions;

    public ApprovalService(DocumentRepository documents, DossierRepository dossiers, SettingsRepository settings,
                           PartyRepository parties, SupplierDirectory suppliers, SupplierIbans ibans,
                           DuplicateDetector duplicates, ApprovalQueries queries, ApprovalPolicy policy,
                           TransactionTemplate transactions) {
        this.documents = documents;
        this.dossiers = dossiers;
        this.settings = settings;
        this.parties = parties;
        this.suppliers = suppliers;
        this.ibans = ibans;
        this.duplicates = duplicates;
        this.queries = queries;
        this.policy = policy;
        this.transactions = transactions;
    }

    /** Evaluates the recognised purchase invoices no rule has looked at yet; returns how many it evaluated. */
    public int evaluateWaiting() {
        List<String> ids = queries.awaitingEvaluation(100);
        int evaluated = 0;
        for (String id : ids) {
            try {
                evaluate(id);
                evaluated++;
            } catch (RuntimeException e) {
                // one document that cannot be evaluated must not hold back the others: it stays RECOGNIZED and goes to
                // the back of the queue
                documents.postpone(id);
                LOG.error("approval document={} could not be evaluated, retried after the others", id, e);
            }
        }
        return evaluated;
    }

    /**
     * Applies the approval rules to one document if it is a purchase invoice that is RECOGNIZED or still
     * PENDING_APPROVAL; the hook for the steps that learn something new about it (validation).
     *
     * @return the document's status afterwards, empty when there is no such document
     */
    public Optional<DocumentStatus> evaluate(String documentId) {
        List<String> flaggedMeanwhile = new ArrayList<>();
        DocumentStatus status = transactions.execute(tx -> evaluateInTransaction(documentId, flaggedMeanwhile));
        // other invoices waiting with an IBAN this one shares: their reasons changed, so may their outcome
        flaggedMeanwhile.forEach(this::evaluate);
        return Optional.ofNullable(status);
    }

    private DocumentStatus evaluateInTransaction(String documentId, List<String> flaggedMeanwhile) {
        // held: the poller's first look and validation's call after its verdict may evaluate one document at once, and
        // the one that read the document without the verdict must not decide last
        DocumentRepository.Checked read = documents.lockChecked(documentId).orElse(null);
        if (read == null) {
            return null;
        }
        Document d = read.document();
        if (d.direction() != Direction.PURCHASE
                || (d.status() != DocumentStatus.RECOGNIZED && d.status() != DocumentStatus.PENDING_APPROVAL)) {
            return d.status();
        }
        DossierIdentity dossier = dossiers.identity(d.dossierId()).orElseThrow();
        Screening screening = new Screening(d, dossier, read.checks().checkReasons());
        Optional<io.einvoice.gateway.party.Party> supplier = supplier(screening);
        String duplicateOf = flagDuplicate(screening);
        flagWrongDossier(screening);
        boolean unconfirmedIban = supplier.map(p -> screenBankDetails(screening, p, flaggedMeanwhile)).orElse(false);
        DocumentChecks checks = screening.checks(read.checks());
        SupplierStanding standing = supplier.map(p -> new SupplierStanding(p.label(), p.trusted(), p.blacklisted(),
                unconfirmedIban)).orElse(null);
        ApprovalDecision decision = policy.decide(new ApprovalCase(settings.find(d.dossierId()), standing, checks,
                duplicateOf, d.invoice() == null || d.invoice().totals() == null ? null : d.invoice().totals().inclVat()));
        if (d.status() == decision.status() && Objects.equals(d.statusReason(), decision.reasonText())) {
            return d.status();
        }
        boolean moved = documents.transition(d.id(), d.status(), decision.status(), decision.reasonText(),
                new DocumentEvent(OffsetDateTime.now(), decision.actor(), decision.status().name(), d.status(),
                        decision.status(), decision.reasonText()));
        if (!moved) {
            // someone decided meanwhile: their decision stands
            return documents.findById(d.id()).map(Document::status).orElse(null);
        }
        if (d.status() == decision.status()) {
            LOG.info("approval dossier={} document={} still {}: {}", dossier.siren(), d.id(), d.status(), decision.reasonText());
        } else {
            LOG.info("approval dossier={} document={} {} -> {} by {}: {}", dossier.siren(), d.id(), d.status(),
                    decision.status(), decision.actor(), decision.reasonText());
        }
        return decision.status();
    }

    /**
     * The supplier the document is linked to; on first sight, the one the directory finds or creates, with what a
     * person must check about that match recorded on the document.
     */
    private Optional<io.einvoice.gateway.party.Party> supplier(Screening screening) {
        Document d = screening.document;
        Optional<StoredParty> linked = parties.supplierOfDocument(d.id());
        if (linked.isPresent()) {
            return linked.map(StoredParty::party);
        }
        if (d.invoice() == null || d.invoice().seller() == null) {
            return Optional.empty();
        }
        Party seller = d.invoice().seller();
        Optional<SupplierDirectory.Found> found = suppliers.matchOrCreate(d.dossierId(),
                new SupplierDirectory.Seller(seller.name(), seller.siren(), seller.siret(), seller.vatId(),
                        d.invoice().sellerIban()));
        found.ifPresent(f -> {
            documents.linkSupplier(d.id(), f.party().id());
            LOG.info("approval dossier={} document={} supplier {}{}", screening.dossier.siren(), d.id(), f.party().number(),
                    f.created() ? " created from the invoice" : " matched");
            f.checkReasons().forEach(reason -> screening.flag("SUPPLIER_CHECK", reason));
        });
        return found.map(SupplierDirectory.Found::party);
    }

    /**
     * Checks the invoice's IBAN and BIC, keeps the IBAN among the supplier's bank details, and flags the IBAN when
     * other companies' suppliers in the firm have it too (flagging their waiting invoices as well).
     *
     * @return true when the invoice's IBAN is not confirmed for this supplier
     */
    private boolean screenBankDetails(Screening screening, io.einvoice.gateway.party.Party supplier,
                                      List<String> flaggedMeanwhile) {
        Document d = screening.document;
        DossierIdentity dossier = screening.dossier;
        String iban = d.invoice() == null ? null : IbanRules.compact(d.invoice().sellerIban());
        if (iban == null) {
            return false;
        }
        BankDetailChecks.ibanReasons(iban, d.invoice().sellerBic()).forEach(reason -> screening.flag("BANK_DETAILS", reason));
        if (!IbanRules.isValid(iban)) {
            return true;
        }
        ibans.seenOnInvoice(supplier.id(), iban, d.id());
        List<SupplierIbans.Sharer> sharers = ibans.sharers(iban, dossier.firmId(), supplier.id()).stream()
                .filter(s -> BankDetailChecks.differentCompanies(supplier, s.party())).toList();
        for (int i = 0; i < sharers.size(); i++) {
            SupplierIbans.Sharer other = sharers.get(i);
            if (i == SupplierIbans.MAX_SHARERS) {
                screening.flag("SHARED_IBAN", BankDetailChecks.moreSharers(iban));
                break;
            }
            boolean sameDossier = other.party().dossierId().equals(dossier.id());
            screening.flag("SHARED_IBAN", BankDetailChecks.sharedIban(iban, other.party(), sameDossier));
            for (String waiting : queries.waitingOf(other.party().id())) {
                Document earlier = documents.findById(waiting).orElse(null);
                if (earlier != null && earlier.invoice() != null && iban.equals(IbanRules.compact(earlier.invoice().sellerIban()))
                        && flag(earlier, other.dossierSiren(), "SHARED_IBAN",
                                BankDetailChecks.sharedIban(iban, supplier, sameDossier))) {
                    flaggedMeanwhile.add(waiting);
                }
            }
        }
        return ibans.find(supplier.id(), iban).map(i -> !i.confirmed()).orElse(true);
    }

    /** Adds a check reason and its event once to another document than the one evaluated; false when it had it already. */
    private boolean flag(Document d, String dossierSiren, String type, String reason) {
        if (documents.checks(d.id()).checkReasons().contains(reason)) {
            return false;
        }
        documents.addCheckReason(d.id(), reason);
        documents.appendEvent(d.id(), new DocumentEvent(OffsetDateTime.now(), ACTOR_SCREENING, type, null, null, reason));
        LOG.info("approval dossier={} document={} flagged: {}", dossierSiren, d.id(), reason);
        return true;
    }

    /** @return the id of the original this document duplicates, when it is in a dossier of the same firm */
    private String flagDuplicate(Screening screening) {
        Document d = screening.document;
        DossierIdentity dossier = screening.dossier;
        if (d.duplicateOf() != null) {
            boolean explained = screening.reasons.stream()
                    .anyMatch(r -> r.startsWith("duplicate of document " + d.duplicateOf()));
            if (!explained) {
                screening.addReason("duplicate of document " + d.duplicateOf() + " (same file)");
            }
            return d.duplicateOf();
        }
        Optional<DuplicateDetector.Original> found = duplicates.originalOf(d);
        if (found.isEmpty()) {
            return null;
        }
        DuplicateDetector.Original original = found.get();
        DossierIdentity where = dossiers.identity(original.dossierId()).orElseThrow();
        String reason;
        String duplicateOf = null;
        if (where.firmId().equals(dossier.firmId())) {
            duplicateOf = original.documentId();
            reason = "duplicate of document " + original.documentId() + " (" + original.why()
                    + (where.id().equals(dossier.id()) ? "" : ", received in dossier " + where.siren()) + ")";
            documents.markDuplicate(d.id(), duplicateOf);
        } else {
            // another firm's document: say that it exists, never which one or where
            reason = "the same invoice (" + original.why() + ") was already received on this platform for another company";
        }
        screening.flag("DUPLICATE", reason);
        return duplicateOf;
    }

    private void flagWrongDossier(Screening screening) {
        Document d = screening.document;
        DossierIdentity dossier = screening.dossier;
        String buyerSiren = d.invoice() == null || d.invoice().buyer() == null ? null : d.invoice().buyer().siren();
        if (buyerSiren == null || buyerSiren.equals(dossier.siren())) {
            return;
        }
        dossiers.findBySiren(buyerSiren).filter(other -> other.firmId().equals(dossier.firmId())).ifPresent(other -> {
            String reason = "probably sent to the wrong dossier: the buyer SIREN " + buyerSiren + " is dossier "
                    + other.name() + " of the firm";
            screening.flag("WRONG_DOSSIER", reason);
        });
    }

    /**
     * The document under evaluation, and the check reasons it has: read with it, and kept current as the screening
     * adds its own, so the decision sees them without reading the document again.
     */
    private final class Screening {
        private final Document document;
        private final DossierIdentity dossier;
        private final List<String> reasons;

        Screening(Document document, DossierIdentity dossier, List<String> reasons) {
            this.document = document;
            this.dossier = dossier;
            this.reasons = new ArrayList<>(reasons);
        }

        /** Adds a check reason and its event once. */
        void flag(String type, String reason) {
            if (reasons.contains(reason)) {
                return;
            }
            addReason(reason);
            documents.appendEvent(document.id(), new DocumentEvent(OffsetDateTime.now(), ACTOR_SCREENING, type, null, null, reason));
            LOG.info("approval dossier={} document={} flagged: {}", dossier.siren(), document.id(), reason);
        }

        void addReason(String reason) {
            documents.addCheckReason(document.id(), reason);
            reasons.add(reason);
        }

        DocumentChecks checks(DocumentChecks read) {
            return new DocumentChecks(read.facturxSha256(), read.valid(), read.validationErrors(),
                    read.validationReportSha256(), List.copyOf(reasons));
        }
    }

    /** What became of a person's decision. */
    public enum Decision {
        TAKEN,
        /** the invoice was not (or no longer) waiting for approval */
        NOT_PENDING,
        /** an approval of an invoice whose validation has not given its verdict yet */
        AWAITING_VALIDATION
    }

    /**
     * A person's decision on an invoice waiting for approval. Approval waits for the validation verdict: the rules put
     * an invoice before people as soon as it is read, and one approved before its Factur-X and report were recorded
     * would be sealed in the archive without them. Rejecting needs no verdict.
     */
    public Decision decide(Document d, String siren, boolean approve, String actor, String reason) {
        DocumentStatus to = approve ? DocumentStatus.APPROVED : DocumentStatus.REJECTED;
        String details = approve ? "approved" + (reason == null || reason.isBlank() ? "" : ": " + reason) : "rejected: " + reason;
        Decision decision = transactions.execute(tx -> {
            // a correction clears the verdict after writing this row: holding it keeps the verdict read here current
            DocumentRepository.Checked now = documents.lockChecked(d.id()).orElse(null);
            if (now == null || now.document().status() != DocumentStatus.PENDING_APPROVAL) {
                return Decision.NOT_PENDING;
            }
            if (approve && DocumentValidation.applies(d.format()) && now.checks().valid() == null) {
                return Decision.AWAITING_VALIDATION;
            }
            return documents.transition(d.id(), DocumentStatus.PENDING_APPROVAL, to, approve ? null : reason,
                    new DocumentEvent(OffsetDateTime.now(), actor, to.name(), DocumentStatus.PENDING_APPROVAL, to, details))
                    ? Decision.TAKEN : Decision.NOT_PENDING;
        });
        if (decision == Decision.TAKEN) {
            LOG.info("approval dossier={} document={} PENDING_APPROVAL -> {} by {}", siren, d.id(), to, actor);
        }
        return decision;
    }
}
