package io.einvoice.gateway.dispatch;

import io.einvoice.gateway.archive.BlobRef;
import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.dispatch.chorus.ChorusAttempt;
import io.einvoice.gateway.dispatch.chorus.ChorusDispatcher;
import io.einvoice.gateway.dispatch.chorus.SellerSiretCompletion;
import io.einvoice.gateway.directory.BuyerAddressCompletion;
import io.einvoice.gateway.directory.Directory;
import io.einvoice.gateway.directory.DirectoryLine;
import io.einvoice.gateway.directory.DirectoryUnavailableException;
import io.einvoice.gateway.dispatch.pa.PaDispatcher;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentChecks;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.ingest.IngestResult;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.Money;
import io.einvoice.gateway.invoice.Party;
import io.einvoice.gateway.party.PartyRepository;
import io.einvoice.gateway.party.PartyRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The send step of sales invoices (routes/dispatch.camel.yaml): takes a queued job, routes the invoice by its buyer
 * ({@link DispatchRouting}), sends it on that channel and records the outcome. Delivered: the document becomes SENT with
 * its channel. A failure that may pass is tried again later with exponential backoff; one that will not (a rejection)
 * or that outlived its attempts is parked with the reason until a person replays it. Also follows invoices on Chorus
 * Pro to payment.
 */
public class DispatchService {

    public static final String SENT = "SENT";
    private static final Logger LOG = LoggerFactory.getLogger(DispatchService.class);
    private static final String ACTOR = "dispatch";
    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final DocumentRepository documents;
    private final DispatchRepository dispatch;
    private final BlobStore blobs;
    private final DossierRepository dossiers;
    private final PartyRepository parties;
    private final Channels channels;
    private final TransactionTemplate transactions;
    private final DispatchSettings settings;
    private final Clock clock;
    private final SellerSiretCompletion sellerSiret = new SellerSiretCompletion();
    private final BuyerAddressCompletion buyerAddress = new BuyerAddressCompletion();

    /** The ways out; {@code pa} null: no PA channel; {@code directory} null: no directory lines consulted. */
    public record Channels(ChorusDispatcher chorus, PlatformDelivery platform, SmtpSettingsStore smtp, EmailSender email,
                           PaDispatcher pa, Directory directory) {

        public Channels(ChorusDispatcher chorus, PlatformDelivery platform, SmtpSettingsStore smtp, EmailSender email) {
            this(chorus, platform, smtp, email, null, null);
        }

        public Channels(ChorusDispatcher chorus, PlatformDelivery platform, SmtpSettingsStore smtp, EmailSender email,
                        PaDispatcher pa) {
            this(chorus, platform, smtp, email, pa, null);
        }
    }

    public DispatchService(DocumentRepository documents, DispatchRepository dispatch, BlobStore blobs,
                           DossierRepository dossiers, PartyRepository parties, Channels channels,
                           TransactionTemplate transactions, DispatchSettings settings, Clock clock) {
        this.documents = documents;
        this.dispatch = dispatch;
        this.blobs = blobs;
        this.dossiers = dossiers;
        this.parties = parties;
        this.channels = channels;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Why a document cannot be sent now; null when it is ready (SALES, DRAFT, valid, with its Factur-X, its seller the
     * dossier with SIREN {@code dossierSiren}).
     */
    public static String notReady(Document d, DocumentChecks checks, String dossierSiren) {
        if (d.direction() != Direction.SALES) {
            return "only sales invoices are sent; this is a " + d.direction().name().toLowerCase() + " document";
        }
        if (d.status() != DocumentStatus.DRAFT) {
            return "only a DRAFT sales invoice is sent; this one is " + d.status();
        }
        if (!Boolean.TRUE.equals(checks.valid())) {
            return checks.valid() == null ? "the invoice has not been validated yet" : "the invoice is not valid ("
                    + checks.validationErrors() + " errors, see its validation report)";
        }
        if (checks.facturxSha256() == null) {
            return "the invoice has no Factur-X to send";
        }
        return OwnSeller.notOurs(d.invoice() == null ? null : d.invoice().seller(), dossierSiren);
    }

    /** Documents whose send is due (new, or a retry whose wait is over), for the timer that feeds the send route. */
    public List<String> due() {
        return dispatch.due(now(), 100);
    }

    /**
     * What one send attempt came to.
     *
     * @param state     {@link #SENT}, RETRY, PARKED, or SKIPPED (not due, or taken by another consumer)
     * @param committed the purchase document a delivery to another dossier of this platform committed there, for the
     *                  route to hand to that dossier's pipeline; empty for the other channels
     */
    public record Attempt(String state, List<IngestResult> committed) {
    }

    /** One send attempt of one document. */
    public Attempt send(String documentId) {
        if (!dispatch.claim(documentId, now())) {
            return new Attempt("SKIPPED", List.of());
        }
        int attempt = dispatch.job(documentId).map(DispatchRepository.Job::attempts).orElse(0) + 1;
        // filled once the buyer's dossier committed the purchase: a failure after that still hands it on
        List<IngestResult> committed = new ArrayList<>();
        try {
            return new Attempt(attempt(documentId, attempt, committed), committed);
        } catch (IOException | RuntimeException e) {
            // the job is claimed: it must not stay SENDING until the next start; it is tried again after its backoff
            LOG.error("dispatch document={}: send attempt {} could not run", documentId, attempt, e);
            String reason = "the send could not run: " + e.getMessage();
            if (attempt < settings.maxAttempts()) {
                dispatch.retryLater(documentId, attempt, now().plus(settings.backoff(attempt)), reason);
                return new Attempt("RETRY", committed);
            }
            dispatch.park(documentId, attempt, reason);
            return new Attempt("PARKED", committed);
        }
    }

    private String attempt(String documentId, int attempt, List<IngestResult> committed) throws IOException {
        Document d = documents.findById(documentId).orElseThrow();
        String siren = siren(d.dossierId());
        String notReady = notReady(d, documents.checks(documentId), siren);
        if (notReady != null) {
            return failed(d, siren, attempt, null, DispatchOutcome.failed(false, null, null, List.of(notReady)));
        }
        Optional<DirectoryLine> line;
        try {
            line = directoryLine(d);
        } catch (DirectoryUnavailableException e) {
            return failed(d, siren, attempt, null, DispatchOutcome.failed(true, null, null, List.of(e.getMessage()
                    + "; the send is tried again later")));
        }
        DispatchRouting.Route route;
        try {
            route = DispatchRouting.decide(buyer(d, line), siret -> channels.chorus().isPublicStructure(d.dossierId(), siret));
        } catch (Exception e) {
            return failed(d, siren, attempt, null, DispatchOutcome.failed(true, null, null,
                    List.of("the buyer could not be looked up on Chorus Pro: " + e.getMessage())));
        }
        if (!route.found()) {
            return failed(d, siren, attempt, null, DispatchOutcome.failed(false, null, null, List.of(route.why())));
        }
        LOG.info("dispatch dossier={} document={} invoice {} via {} ({}), attempt {}", siren, documentId, number(d),
                route.channel(), route.why(), attempt);
        byte[] facturX = facturX(documentId);
        if (line.isPresent()) {
            facturX = withBuyerAddress(d, siren, facturX, line.get());
        }
        if (route.channel() == DispatchChannel.CHORUS) {
            facturX = withSellerSiret(d, siren, facturX);
        }
        DispatchOutcome outcome;
        try {
            outcome = sendOn(route, d, facturX);
        } catch (RuntimeException e) {
            LOG.error("dispatch dossier={} document={}: {} failed unexpectedly", siren, documentId, route.channel(), e);
            outcome = DispatchOutcome.failed(true, null, null, List.of(route.channel() + " failed: " + e));
        }
        if (outcome.committed() != null) {
            committed.add(outcome.committed());
        }
        if (outcome.delivered()) {
            sent(d, siren, route, outcome, attempt);
            return SENT;
        }
        return failed(d, siren, attempt, route.channel(), outcome);
    }

    private DispatchOutcome sendOn(DispatchRouting.Route route, Document d, byte[] facturX) {
        return switch (route.channel()) {
            case PLATFORM -> channels.platform().deliver(d.id(), route.address(), attachmentName(d), facturX);
            case CHORUS -> channels.chorus().send(d.dossierId(), d.id(), facturX);
            case PA -> channels.pa().send(d.dossierId(), d.id(), attachmentName(d), facturX);
            case EMAIL -> email(d, route.address(), facturX);
        };
    }

    /**
     * Chorus Pro identifies the seller by its SIRET: an invoice of this dossier that names only its SIREN gets the
     * dossier's SIRET ({@link SellerSiretCompletion}). The completed Factur-X becomes the document's, so what is archived
     * is what was deposited, and a later attempt finds it complete.
     */
    private byte[] withSellerSiret(Document d, String siren, byte[] facturX) throws IOException {
        Optional<SellerSiretCompletion.Completed> completed = dossiers.findById(d.dossierId())
                .flatMap(dossier -> sellerSiret.complete(facturX, dossier.siren(), dossier.siret()));
        if (completed.isEmpty()) {
            return facturX;
        }
        becomesTheDocumentsFacturX(d, completed.get().facturX(), completed.get().note());
        LOG.info("dispatch dossier={} document={} invoice {}: seller SIRET completed from the dossier for Chorus Pro", siren,
                d.id(), number(d));
        return completed.get().facturX();
    }

    /** A completed Factur-X is stored and becomes the document's, with a NOTE event saying what was completed. */
    private void becomesTheDocumentsFacturX(Document d, byte[] facturX, String note) throws IOException {
        BlobRef stored = blobs.put(facturX);
        transactions.executeWithoutResult(tx -> {
            documents.recordBlob(stored.sha256(), stored.size(), "application/pdf");
            documents.recordFacturX(d.id(), stored.sha256());
            documents.appendEvent(d.id(), new DocumentEvent(OffsetDateTime.now(), ACTOR, "NOTE", null, null, note));
        });
    }

    /**
     * BT-49 from the buyer's directory line when the invoice lacks it in scheme 0225 ({@link BuyerAddressCompletion}):
     * the completed Factur-X becomes the document's, as for the seller's SIRET.
     */
    private byte[] withBuyerAddress(Document d, String siren, byte[] facturX, DirectoryLine line) throws IOException {
        Optional<BuyerAddressCompletion.Completed> completed = buyerAddress.complete(facturX, line);
        if (completed.isEmpty()) {
            return facturX;
        }
        becomesTheDocumentsFacturX(d, completed.get().facturX(), completed.get().note());
        LOG.info("dispatch dossier={} document={} invoice {}: buyer electronic address (BT-49) {} from the directory", siren,
                d.id(), number(d), line.electronicAddress());
        return completed.get().facturX();
    }

    /** The buyer's directory line in effect (the directory service asked through the dossier's PA when due). */
    private Optional<DirectoryLine> directoryLine(Document d) throws DirectoryUnavailableException {
        Party buyer = d.invoice().buyer() == null ? Party.unknown() : d.invoice().buyer();
        if (channels.directory() == null || buyer.siren() == null) {
            return Optional.empty();
        }
        String siret = buyer.siret() != null ? buyer.siret() : parties.findBy(d.dossierId(), PartyRole.CUSTOMER, "siren",
                buyer.siren()).map(io.einvoice.gateway.party.Party::siret).orElse(null);
        return channels.directory().lineFor(d.dossierId(), buyer.siren(), siret, null);
    }

    private DispatchOutcome email(Document d, String to, byte[] facturX) {
        Optional<SmtpSettings> server = channels.smtp().find(d.dossierId());
        if (server.isEmpty()) {
            return DispatchOutcome.failed(true, null, "NO_SMTP", List.of("the dossier has no SMTP settings to send mail"
                    + " with: set them (PUT /api/dossiers/{siren}/smtp), then replay"));
        }
        SmtpSettings s = server.get();
        Map<String, String> values = values(d);
        return channels.email().send(s, channels.smtp().password(d.dossierId(), s), new EmailSender.Mail(s.sender(), to,
                MessageTemplate.render(s.subjectTemplate(), values), MessageTemplate.render(s.bodyTemplate(), values),
                attachmentName(d), facturX));
    }

    private void sent(Document d, String siren, DispatchRouting.Route route, DispatchOutcome outcome, int attempt) {
        String details = route.channel() + " (" + route.why() + ")" + (outcome.reference() == null ? ""
                : ", reference " + outcome.reference()) + (outcome.status() == null ? "" : ", status " + outcome.status());
        transactions.executeWithoutResult(tx -> {
            dispatch.recordOutcome(d.id(), route.channel(), outcome);
            documents.transition(d.id(), DocumentStatus.DRAFT, DocumentStatus.SENT, null,
                    new DocumentEvent(OffsetDateTime.now(), ACTOR, "SENT", DocumentStatus.DRAFT, DocumentStatus.SENT, details));
            documents.recordDispatch(d.id(), route.channel().name(), route.channel() == DispatchChannel.CHORUS ? outcome.status() : null);
            dispatch.done(d.id(), attempt);
        });
        LOG.info("dispatch dossier={} document={} invoice {} SENT via {}", siren, d.id(), number(d), details);
    }

    private String failed(Document d, String siren, int attempt, DispatchChannel channel, DispatchOutcome outcome) {
        String reasons = String.join("; ", outcome.reasons());
        boolean again = outcome.retryFeasible() && attempt < settings.maxAttempts();
        OffsetDateTime next = now().plus(settings.backoff(attempt));
        String reason = again ? "send attempt " + attempt + " failed: " + reasons + "; next attempt at " + next
                : "not sent: " + reasons + (outcome.retryFeasible() ? " (gave up after " + attempt + " attempts;"
                + " once the cause is fixed: POST /api/documents/" + d.id() + "/dispatch/replay)" : "");
        transactions.executeWithoutResult(tx -> {
            dispatch.recordOutcome(d.id(), channel, outcome);
            if (again) {
                dispatch.retryLater(d.id(), attempt, next, reasons);
            } else {
                dispatch.park(d.id(), attempt, reasons);
            }
            if (d.status() == DocumentStatus.DRAFT) {
                documents.explainDispatch(d.id(), reason);
            }
            documents.appendEvent(d.id(), new DocumentEvent(OffsetDateTime.now(), ACTOR,
                    again ? "SEND_FAILED" : "SEND_PARKED", null, null, (channel == null ? "" : channel + ": ") + reason));
        });
        if (again) {
            LOG.warn("dispatch dossier={} document={} invoice {} attempt {} failed, again at {}: {}", siren, d.id(),
                    number(d), attempt, next, reasons);
            return "RETRY";
        }
        LOG.warn("dispatch dossier={} document={} invoice {} PARKED: {}", siren, d.id(), number(d), reasons);
        return "PARKED";
    }

    /**
     * One round of Chorus Pro follow-up: statuses land on the documents, MISE_EN_PAIEMENT makes the invoice PAID, a
     * rejection shows its reasons; a deposit first unacknowledged and found later makes its document SENT.
     *
     * @return documents that became SENT in this round (to archive)
     */
    public List<String> followChorus() {
        List<String> newlySent = new ArrayList<>();
        for (ChorusAttempt followed : channels.chorus().followUpAll()) {
            Optional<Document> found = followed.documentId() == null ? Optional.empty() : documents.findById(followed.documentId());
            if (found.isEmpty()) {
                continue;
            }
            Document d = found.get();
            String siren = siren(d.dossierId());
            // a deposit whose send gave up unacknowledged, found on Chorus Pro since; not one a send is working on now
            boolean sending = dispatch.job(d.id()).filter(j -> j.state() == DispatchRepository.JobState.SENDING).isPresent();
            // read after the job: a send that has finished since the follow-up step may have moved the attempt on
            // (e.g. read the rejection), and what it stored is what counts, not this round's older view
            ChorusAttempt a = channels.chorus().attempt(followed.id()).orElse(followed);
            if (d.status() == DocumentStatus.DRAFT && !sending && EnumSet.of(ChorusAttempt.State.DEPOSITED,
                    ChorusAttempt.State.INTEGRATED, ChorusAttempt.State.PAID).contains(a.state())) {
                DispatchOutcome outcome = ChorusDispatcher.outcome(a);
                sent(d, siren, new DispatchRouting.Route(DispatchChannel.CHORUS, null, "deposit found on Chorus Pro"),
                        outcome, dispatch.job(d.id()).map(DispatchRepository.Job::attempts).orElse(0));
                newlySent.add(d.id());
            }
            String status = a.chorusStatus() != null ? a.chorusStatus() : a.fluxState();
            if (status == null || !documents.recordChorusStatus(d.id(), status)) {
                continue;
            }
            String details = "Chorus Pro status " + status + (a.reasons().isEmpty() ? "" : ": " + String.join("; ", a.reasons()));
            documents.appendEvent(d.id(), new DocumentEvent(OffsetDateTime.now(), "dispatch:chorus", "CHORUS_STATUS", null,
                    null, details));
            if (a.state() == ChorusAttempt.State.PAID && documents.markPaidByRecipient(d.id())) {
                documents.appendEvent(d.id(), new DocumentEvent(OffsetDateTime.now(), "dispatch:chorus", "PAID", null, null,
                        "payment status PAID: Chorus Pro says " + status));
            }
            if (a.state() == ChorusAttempt.State.REJECTED) {
                documents.explainDispatch(d.id(), "rejected on Chorus Pro (" + status + "): " + String.join("; ", a.reasons()));
                // the send that deposited it may have read the same rejection in its own report: one outcome, not two
                // (a send still running records it itself; one that finished has recorded it already)
                DispatchOutcome rejection = ChorusDispatcher.outcome(a);
                if (!sending && !dispatch.hasOutcome(d.id(), rejection.reference(), rejection.status())) {
                    dispatch.recordOutcome(d.id(), DispatchChannel.CHORUS, rejection);
                }
            }
            LOG.info("dispatch dossier={} document={} invoice {} {}", siren, d.id(), number(d), details);
        }
        return newlySent;
    }

    /** At start: sends a stop interrupted are queued again (an e-mail may then go twice; a Chorus deposit never does). */
    public int resumeAtStart() {
        int requeued = dispatch.requeueInterrupted(now());
        if (requeued > 0) {
            LOG.info("dispatch: {} sends interrupted by the last stop queued again", requeued);
        }
        return requeued;
    }

    private DispatchRouting.Buyer buyer(Document d, Optional<DirectoryLine> line) {
        Party buyer = d.invoice().buyer() == null ? Party.unknown() : d.invoice().buyer();
        Optional<io.einvoice.gateway.party.Party> customer = parties.findBy(d.dossierId(), PartyRole.CUSTOMER, "siren", buyer.siren())
                .or(() -> parties.findBy(d.dossierId(), PartyRole.CUSTOMER, "siret", buyer.siret()))
                .or(() -> parties.findBy(d.dossierId(), PartyRole.CUSTOMER, "vat_number", buyer.vatId()));
        boolean onPlatform = buyer.siren() != null && dossiers.findBySiren(buyer.siren())
                .filter(other -> !other.id().equals(d.dossierId())).isPresent();
        String siret = buyer.siret() != null ? buyer.siret() : customer.map(io.einvoice.gateway.party.Party::siret).orElse(null);
        boolean throughPa = channels.pa() != null && channels.pa().reaches(d.dossierId(), buyer.siren());
        String platform = line.map(DirectoryLine::platformType).orElse(null);
        return new DispatchRouting.Buyer(buyer.name(), buyer.siren(), siret,
                customer.map(io.einvoice.gateway.party.Party::publicEntity).orElse(false),
                customer.map(io.einvoice.gateway.party.Party::email).orElse(null), onPlatform, throughPa, platform,
                channels.pa() != null && channels.pa().hasAccount(d.dossierId()));
    }

    static Map<String, String> values(Document d) {
        Invoice inv = d.invoice();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("number", inv.number());
        values.put("seller", inv.seller() == null ? null : inv.seller().name());
        values.put("buyer", inv.buyer() == null ? null : inv.buyer().name());
        values.put("total", inv.totals() == null ? null : Money.format(inv.totals().inclVat()));
        values.put("currency", inv.currency());
        values.put("issueDate", inv.issueDate() == null ? null : FRENCH_DATE.format(inv.issueDate()));
        values.put("dueDate", inv.dueDate() == null ? null : FRENCH_DATE.format(inv.dueDate()));
        return values;
    }

    private byte[] facturX(String documentId) throws IOException {
        try (InputStream in = blobs.open(documents.checks(documentId).facturxSha256())) {
            return in.readAllBytes();
        }
    }

    private static String attachmentName(Document d) {
        String number = number(d);
        return "Facture-" + (number == null ? d.id() : number.replaceAll("[^A-Za-z0-9_-]", "_")) + ".pdf";
    }

    private static String number(Document d) {
        return d.invoice() == null ? null : d.invoice().number();
    }

    private String siren(String dossierId) {
        return dossiers.sirenForLogs(dossierId);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
