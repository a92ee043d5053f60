package io.einvoice.gateway.dispatch.pa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.dispatch.DispatchRepository;
import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.ingest.IncomingFile;
import io.einvoice.gateway.ingest.IngestResult;
import io.einvoice.gateway.ingest.IngestService;
import io.einvoice.gateway.ingest.UnknownDossierException;
import io.einvoice.gateway.lifecycle.CdarMessage;
import io.einvoice.gateway.lifecycle.CdarReader;
import io.einvoice.gateway.lifecycle.LifecycleCode;
import io.einvoice.gateway.lifecycle.LifecycleRepository;
import io.einvoice.gateway.lifecycle.LifecycleStatus;
import io.einvoice.gateway.lifecycle.ReasonCode;
import io.einvoice.gateway.lifecycle.UnreadableCdarException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Follows each dossier's flows at its PA (route pa-follow, and the webhook): searches the flows changed since the
 * dossier's cursor and handles each once, keyed on its flow id. Our sales invoices' acknowledgements land on their
 * documents; CDAR statuses about them are recorded through the lifecycle package (212 Encaissée makes the invoice
 * PAID); purchase invoices waiting at the PA are committed as purchase documents with channel PLATFORM_PA, which
 * the routes hand on to the pipeline ({@link Round#committed}). Then the statuses the gateway emitted for those
 * purchases (204, 205, 210...) are posted back to the PA as CDAR flows.
 */
public class PaFollower {

    private static final Logger LOG = LoggerFactory.getLogger(PaFollower.class);
    private static final String ACTOR = "dispatch:pa";
    static final int PAGE = 100;
    private static final int MAX_PAGES = 20;
    /** A flow changed just as the last search ran may carry the cursor's own time: ask again from a little before. */
    private static final long OVERLAP_SECONDS = 5;
    private static final Pattern CODE = Pattern.compile("[A-Za-z_]{1,40}");
    private static final Pattern FLOW_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final PaApi api;
    private final PaAccounts accounts;
    private final PaFlows flows;
    private final PaDispatcher dispatcher;
    private final DossierRepository dossiers;
    private final DocumentRepository documents;
    private final DispatchRepository dispatch;
    private final LifecycleRepository lifecycle;
    private final BlobStore blobs;
    private final IngestService ingest;
    private final TransactionTemplate transactions;
    private final PaWebhookSubscriptions subscriptions;

    /**
     * What a round (or a flow announced by webhook) did: how many flows it handled (new or changed), and the purchases
     * it committed, which its route hands to {@code direct:ingest-committed} (routes/pa.camel.yaml).
     */
    public record Round(int handled, List<IngestResult> committed) {
    }

    public PaFollower(PaApi api, PaAccounts accounts, PaFlows flows, PaDispatcher dispatcher, DossierRepository dossiers,
                      DocumentRepository documents, DispatchRepository dispatch, LifecycleRepository lifecycle,
                      BlobStore blobs, IngestService ingest, TransactionTemplate transactions,
                      PaWebhookSubscriptions subscriptions) {
        this.api = api;
        this.accounts = accounts;
        this.flows = flows;
        this.dispatcher = dispatcher;
        this.dossiers = dossiers;
        this.documents = documents;
        this.dispatch = dispatch;
        this.lifecycle = lifecycle;
        this.blobs = blobs;
        this.ingest = ingest;
        this.transactions = transactions;
        this.subscriptions = subscriptions;
    }

    /** One round for every dossier with a PA account (its webhooks subscribed first when due). */
    public Round followAll() {
        int handled = 0;
        // filled as purchases are committed: those of a dossier whose follow-up breaks later in the round still go on
        List<IngestResult> committed = new ArrayList<>();
        for (String dossierId : accounts.withAccount()) {
            try {
                String problem = subscribe(dossierId);
                handled += follow(dossierId, committed);
                accounts.recordProblem(dossierId, problem);
            } catch (PaException e) {
                accounts.recordProblem(dossierId, e.getMessage());
                LOG.warn("pa dossier={} follow-up failed: {}", dossiers.sirenForLogs(dossierId), e.getMessage());
            } catch (RuntimeException e) {
                // one dossier whose follow-up breaks must not hold back the others
                LOG.error("pa dossier={} follow-up failed", dossiers.sirenForLogs(dossierId), e);
            }
        }
        handled += postStatusesAfterCommits();
        return new Round(handled, committed);
    }

    /**
     * The dossier's webhooks subscribed at its PA when due. A PA that refuses them (or does not offer them) must not stop
     * the follow-up: the timer reads the same flows, only later.
     *
     * @return our sentence for what went wrong, null when nothing did
     */
    private String subscribe(String dossierId) {
        try {
            subscriptions.ensure(dossierId, dispatcher.credentials(dossierId).orElseThrow());
            return null;
        } catch (PaException e) {
            LOG.warn("pa dossier={}: webhooks not subscribed: {}", dossiers.sirenForLogs(dossierId), e.getMessage());
            return "the webhooks could not be subscribed at the PA (the flows are still followed every round): "
                    + e.getMessage();
        }
    }

    /** The flows of one dossier changed since its cursor; the purchases committed are added to {@code committed}. */
    int follow(String dossierId, List<IngestResult> committed) throws PaException {
        PaAccount account = accounts.find(dossierId).orElseThrow();
        PaApi.Credentials c = dispatcher.credentials(dossierId).orElseThrow();
        OffsetDateTime after = account.followCursor() == null ? null : account.followCursor().minusSeconds(OVERLAP_SECONDS);
        int handled = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            ObjectNode where = PaApi.JSON.createObjectNode();
            if (after != null) {
                where.put("updatedAfter", after.toString());
            }
            JsonNode results = api.search(c, where, PAGE).path("results");
            OffsetDateTime newest = null;
            for (JsonNode flow : results) {
                if (handle(dossierId, c, flow, committed)) {
                    handled++;
                }
                OffsetDateTime updated = updatedAt(flow);
                if (updated != null && (newest == null || updated.isAfter(newest))) {
                    newest = updated;
                }
            }
            if (newest != null) {
                accounts.advanceCursor(dossierId, newest);
            }
            if (results.size() < PAGE || newest == null || (after != null && !newest.isAfter(after))) {
                break;
            }
            after = newest;
        }
        return handled;
    }

    /** A flow the PA announced by webhook: read again from the PA (the call's body is only a hint), then handled. */
    public Round announced(String dossierId, String flowId) throws PaException {
        if (flowId == null || !FLOW_ID.matcher(flowId).matches()) {
            return new Round(0, List.of());
        }
        PaApi.Credentials c = dispatcher.credentials(dossierId).orElseThrow();
        List<IngestResult> committed = new ArrayList<>();
        boolean handled = handle(dossierId, c, api.flow(c, flowId), committed);
        postStatusesAfterCommits();
        return new Round(handled ? 1 : 0, committed);
    }

    /** @return whether something changed; a purchase committed is added to {@code committed} */
    boolean handle(String dossierId, PaApi.Credentials c, JsonNode flow, List<IngestResult> committed) throws PaException {
        String flowId = flow.path("flowId").asText("");
        if (!FLOW_ID.matcher(flowId).matches()) {
            LOG.warn("pa dossier={}: a flow without a usable flowId is skipped", dossiers.sirenForLogs(dossierId));
            return false;
        }
        String direction = flow.path("flowDirection").asText("");
        String type = flow.path("flowType").asText("");
        if (direction.equals("Out")) {
            return acknowledged(flowId, flow);
        }
        if (!direction.equals("In") || flows.find(flowId).isPresent()) {
            return false;
        }
        return switch (type) {
            case "CustomerInvoiceLC" -> salesStatus(dossierId, c, flowId);
            case "SupplierInvoice" -> purchase(dossierId, c, flowId, flow.path("name").asText("pa-" + flowId), committed);
            default -> flows.record(new PaFlows.Flow(flowId, dossierId, null, PaFlows.IN, cut(type, 40), null, null, "IGNORED",
                    "a flow of this type is not followed by the gateway"));
        };
    }

    /** The acknowledgement of a flow we posted: Ok, or Error with the spec's reason codes, on the document. */
    private boolean acknowledged(String flowId, JsonNode flow) {
        Optional<PaFlows.Flow> ours = flows.find(flowId);
        String status = flow.at("/acknowledgement/status").asText("");
        if (ours.isEmpty() || !(status.equals("Ok") || status.equals("Error") || status.equals("Pending"))) {
            return false;
        }
        List<String> reasons = new ArrayList<>();
        for (JsonNode detail : flow.at("/acknowledgement/details")) {
            String code = detail.path("reasonCode").asText("");
            if (CODE.matcher(code).matches()) {
                reasons.add(code);
            }
        }
        String reason = reasons.isEmpty() ? null : String.join(", ", reasons);
        if (!flows.updateStatus(flowId, status, reason)) {
            return false;
        }
        String documentId = ours.get().documentId();
        if (documentId != null && ours.get().lifecycleCode() == null) {
            String details = "PA flow " + flowId + " acknowledgement " + status + (reason == null ? "" : " (" + reason + ")");
            transactions.executeWithoutResult(tx -> {
                documents.appendEvent(documentId, new DocumentEvent(OffsetDateTime.now(), ACTOR, "PA_ACK", null, null, details));
                if (status.equals("Error")) {
                    documents.explainDispatch(documentId, "refused by the PA: " + (reason == null ? "no reason given" : reason));
                }
            });
        }
        return true;
    }

    /** A CDAR status about one of our sales invoices: recorded once on the document; 212 makes it PAID. */
    private boolean salesStatus(String dossierId, PaApi.Credentials c, String flowId) throws PaException {
        byte[] cdar = api.download(c, flowId);
        CdarMessage message;
        try {
            message = new CdarReader().read(cdar);
        } catch (UnreadableCdarException e) {
            return flows.record(new PaFlows.Flow(flowId, dossierId, null, PaFlows.IN, "CustomerInvoiceLC", null, null,
                    "UNREADABLE", e.getMessage()));
        }
        Dossier dossier = dossiers.findById(dossierId).orElseThrow();
        Optional<String> document = dossier.siren().equals(message.invoiceSellerSiren())
                ? flows.salesDocumentByNumber(dossierId, message.invoiceNumber(), message.reasonCode() == ReasonCode.DOUBLON)
                : Optional.empty();
        if (document.isEmpty()) {
            return flows.record(new PaFlows.Flow(flowId, dossierId, null, PaFlows.IN, "CustomerInvoiceLC", null, null,
                    "UNMATCHED", message.status() + ": no sales invoice of this dossier has the number the status names"));
        }
        String documentId = document.get();
        String sha256 = store(cdar);
        LifecycleCode code = message.status();
        String details = code + (message.reasonCode() == null ? "" : " (" + message.reasonCode() + ")") + " from the PA, flow "
                + flowId + ", CDAR " + sha256;
        boolean fresh = Boolean.TRUE.equals(transactions.execute(tx -> {
            // lifecycle_code is left to the statuses we post (one per document and code): a PA may send a status twice
            if (!flows.record(new PaFlows.Flow(flowId, dossierId, documentId, PaFlows.IN, "CustomerInvoiceLC", null, null,
                    "RECORDED", code.toString()))) {
                return false;
            }
            OffsetDateTime now = OffsetDateTime.now();
            lifecycle.record(new LifecycleStatus(documentId, code, message.reasonCode(), null, message.amount(),
                    LifecycleStatus.Origin.PLATFORM, ACTOR, now, sha256));
            documents.appendEvent(documentId, new DocumentEvent(now, ACTOR, "LIFECYCLE", null, null, details));
            if (code == LifecycleCode.ENCAISSEE && documents.markPaidByRecipient(documentId)) {
                documents.appendEvent(documentId, new DocumentEvent(now, ACTOR, "PAID", null, null,
                        "payment status PAID: the PA says 212 Encaissée"));
            }
            if (code == LifecycleCode.REJETEE || code == LifecycleCode.REFUSEE || code == LifecycleCode.IRRECEVABLE) {
                documents.explainDispatch(documentId, code + " at the PA" + (message.reasonCode() == null ? ""
                        : " (" + message.reasonCode() + ")"));
            }
            return true;
        }));
        if (fresh) {
            LOG.info("pa dossier={} document={} {}", dossier.siren(), documentId, details);
        }
        return fresh;
    }

    /** A purchase invoice waiting at the PA: into the purchase pipeline once (transport id pa:flowId). */
    private boolean purchase(String dossierId, PaApi.Credentials c, String flowId, String name,
                             List<IngestResult> committed) throws PaException {
        Dossier dossier = dossiers.findById(dossierId).orElseThrow();
        byte[] file = api.download(c, flowId);
        IngestResult result;
        try {
            result = ingest.receive(new IncomingFile(dossier.siren(), Direction.PURCHASE, Channel.PLATFORM_PA,
                    cut(name.replaceAll("[^A-Za-z0-9._ -]", "_"), 200), "pa:" + flowId), new ByteArrayInputStream(file));
        } catch (IOException | UnknownDossierException e) {
            throw new PaException(PaException.Kind.UNAVAILABLE, "the purchase invoice of PA flow " + flowId
                    + " could not be stored; the next round fetches it again", e);
        }
        committed.add(result);
        boolean fresh = flows.record(new PaFlows.Flow(flowId, dossierId, result.documentId(), PaFlows.IN, "SupplierInvoice",
                null, null, "RECEIVED", null));
        if (fresh) {
            LOG.info("pa dossier={} document={} purchase invoice received from the PA, flow {}", dossier.siren(),
                    result.documentId(), flowId);
        }
        return fresh;
    }

    /**
     * {@link #postStatuses} once purchases may have been committed: a failure here must not keep them from their
     * route's hand-off; the next round posts the statuses.
     */
    private int postStatusesAfterCommits() {
        try {
            return postStatuses();
        } catch (RuntimeException e) {
            LOG.error("pa: statuses not posted back now, the next round posts them", e);
            return 0;
        }
    }

    /**
     * Posts back, as CDAR flows, the statuses the gateway emitted for purchases that came through the PA. The trackingId
     * is derived from the document and the code, so a post cut off by a stop is found, not made twice.
     */
    public int postStatuses() {
        int posted = 0;
        for (PaFlows.StatusToPost s : flows.statusesToPost(50)) {
            Optional<PaApi.Credentials> c = dispatcher.credentials(s.dossierId());
            if (c.isEmpty()) {
                continue;
            }
            String trackingId = UUID.nameUUIDFromBytes((s.documentId() + ":" + s.code()).getBytes(StandardCharsets.UTF_8))
                    .toString();
            try {
                byte[] cdar;
                try (InputStream in = blobs.open(s.cdarSha256())) {
                    cdar = in.readAllBytes();
                }
                JsonNode flow = api.submitOnce(c.get(), new PaApi.FlowInfo("CDV-" + s.code() + "-" + s.documentId() + ".xml",
                        "CDAR", null, "NotApplicable", trackingId, s.cdarSha256()), cdar);
                String flowId = flow.path("flowId").asText("");
                if (!FLOW_ID.matcher(flowId).matches()) {
                    continue;
                }
                String status = flow.at("/acknowledgement/status").asText("Pending");
                transactions.executeWithoutResult(tx -> {
                    if (flows.record(new PaFlows.Flow(flowId, s.dossierId(), s.documentId(), PaFlows.OUT, "SupplierInvoiceLC",
                            trackingId, s.code(), status, null))) {
                        documents.appendEvent(s.documentId(), new DocumentEvent(OffsetDateTime.now(), ACTOR, "PA_STATUS_SENT",
                                null, null, "status " + s.code() + " posted to the PA as CDAR, flow " + flowId));
                    }
                });
                posted++;
            } catch (PaException | IOException | RuntimeException e) {
                accounts.recordProblem(s.dossierId(), "a status could not be posted back to the PA: " + e.getMessage());
                LOG.warn("pa dossier={} document={}: status {} not posted back yet: {}", dossiers.sirenForLogs(s.dossierId()),
                        s.documentId(), s.code(), e.getMessage());
            }
        }
        return posted;
    }

    private String store(byte[] cdar) {
        try {
            return blobs.put(cdar).sha256();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the CDAR message could not be stored", e);
        }
    }

    private static OffsetDateTime updatedAt(JsonNode flow) {
        try {
            return flow.hasNonNull("updatedAt") ? OffsetDateTime.parse(flow.get("updatedAt").asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
