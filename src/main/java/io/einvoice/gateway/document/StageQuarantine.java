package io.einvoice.gateway.document;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a pipeline stage gave up on (its dead letters, routes/quarantine.camel.yaml): the document goes to the quarantine
 * with a sentence saying which stage gave up and after how many attempts, where a person sees it and replays it. Only a
 * purchase document still on its way to a decision is quarantined; one that moved on (approved, sent, archived...) or a
 * sales draft keeps its status, with an event saying what gave up. A message that names no document of this gateway is
 * logged and dropped. Nothing from the message is repeated: the stage is ours, the counts are numbers.
 */
public class StageQuarantine {

    private static final Logger LOG = LoggerFactory.getLogger(StageQuarantine.class);
    /** Header the stages' error policy sets: how often Camel redelivered before it gave up (routes/error-handling). */
    public static final String REDELIVERIES_HEADER = "gatewayRedeliveries";
    /** Header RabbitMQ adds to what it dead-letters itself: one entry per queue and reason, with a count. */
    public static final String X_DEATH_HEADER = "x-death";
    private static final Pattern DOCUMENT_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Set<String> STAGES = Set.of("recognition", "facturx", "validation", "archive", "dispatch");
    /** Statuses of a purchase document the pipeline has not decided on yet: a stage's failure quarantines these. */
    private static final Set<DocumentStatus> UNDECIDED = Set.of(DocumentStatus.RECEIVED,
            DocumentStatus.AWAITING_RECOGNITION, DocumentStatus.RECOGNIZED, DocumentStatus.PENDING_APPROVAL);
    private static final long MAX_COUNT = 1_000_000;

    public enum Outcome { QUARANTINED, ALREADY_QUARANTINED, KEPT_STATUS, NOT_A_DOCUMENT }

    private final DocumentRepository documents;
    private final TransactionTemplate transactions;

    public StageQuarantine(DocumentRepository documents, TransactionTemplate transactions) {
        this.documents = documents;
        this.transactions = transactions;
    }

    /**
     * @param stage   the stage whose dead letters these are (recognition, facturx, validation, archive, dispatch)
     * @param body    the message: a document id, or anything a peer put there
     * @param headers the message's headers ({@link #REDELIVERIES_HEADER}, {@link #X_DEATH_HEADER})
     */
    public Outcome quarantine(String stage, String body, Map<String, Object> headers) {
        if (!STAGES.contains(stage)) {
            throw new IllegalArgumentException("no pipeline stage is called " + stage);
        }
        String id = body == null ? "" : body.strip();
        if (id.length() != 36 || !DOCUMENT_ID.matcher(id).matches() || documents.findById(id).isEmpty()) {
            LOG.error("dead letter of the {} stage dropped: its body ({} characters) is not the id of a document of this"
                    + " gateway", stage, body == null ? 0 : body.length());
            return Outcome.NOT_A_DOCUMENT;
        }
        String reason = reason(stage, headers == null ? Map.of() : headers);
        return transactions.execute(tx -> {
            documents.lock(id);
            Document d = documents.findById(id).orElseThrow();
            OffsetDateTime now = OffsetDateTime.now();
            String actor = "system:" + stage;
            if (d.status() == DocumentStatus.QUARANTINED) {
                LOG.info("dead letter of the {} stage: document {} is quarantined already", stage, id);
                return Outcome.ALREADY_QUARANTINED;
            }
            if (d.direction() == Direction.PURCHASE && UNDECIDED.contains(d.status())
                    && documents.transition(id, d.status(), DocumentStatus.QUARANTINED, reason,
                    new DocumentEvent(now, actor, "QUARANTINED", d.status(), DocumentStatus.QUARANTINED, reason))) {
                LOG.warn("dead letter of the {} stage: document {} QUARANTINED: {}", stage, id, reason);
                return Outcome.QUARANTINED;
            }
            String kept = reason + " It keeps its status " + d.status() + ".";
            documents.appendEvent(id, new DocumentEvent(now, actor, "STAGE_GAVE_UP", null, null, kept));
            LOG.error("dead letter of the {} stage: document {} {}", stage, id, kept);
            return Outcome.KEPT_STATUS;
        });
    }

    /** Our sentence: the stage, and the attempts the error policy made or the deliveries the broker counted. */
    static String reason(String stage, Map<String, Object> headers) {
        String how = redeliveries(headers).map(r -> " after " + (r + 1) + (r == 0 ? " attempt" : " attempts"))
                .or(() -> brokerDeaths(stage, headers).map(n -> ", which the broker dead-lettered"
                        + (n == 1 ? " once" : " " + n + " times")))
                .orElse("");
        return "The " + stage + " stage gave up on this document" + how
                + "; the error is in the gateway's log. Replay it once the cause is fixed.";
    }

    private static Optional<Long> redeliveries(Map<String, Object> headers) {
        return count(headers.get(REDELIVERIES_HEADER));
    }

    /** The x-death entry of the stage's own queue ({@code <prefix>.<stage>}); its count is a number RabbitMQ keeps. */
    private static Optional<Long> brokerDeaths(String stage, Map<String, Object> headers) {
        if (!(headers.get(X_DEATH_HEADER) instanceof List<?> deaths)) {
            return Optional.empty();
        }
        for (Object death : deaths) {
            if (death instanceof Map<?, ?> entry && entry.get("queue") != null
                    && String.valueOf(entry.get("queue")).endsWith("." + stage)) {
                return count(entry.get("count")).filter(n -> n > 0);
            }
        }
        return Optional.empty();
    }

    private static Optional<Long> count(Object value) {
        long n;
        if (value instanceof Number number) {
            n = number.longValue();
        } else if (value instanceof CharSequence text && text.toString().matches("\\d{1,7}")) {
            n = Long.parseLong(text.toString());
        } else {
            return Optional.empty();
        }
        return n >= 0 && n <= MAX_COUNT ? Optional.of(n) : Optional.empty();
    }
}
