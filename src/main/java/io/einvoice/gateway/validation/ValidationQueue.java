package io.einvoice.gateway.validation;

import io.einvoice.gateway.ingest.IngestResult;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Hands committed documents to the validation route ({@code routes/validation.camel.yaml}) without waiting for it, so
 * a slow validator never delays acknowledging an input. The queue lives in memory; what it held when the gateway
 * stopped is found again at start ({@link #resubmitUnvalidated()}): a structured or recognised document without a
 * verdict. Recognised documents reach the route from the recognition route, once their fields are recorded.
 */
public class ValidationQueue implements Consumer<IngestResult> {

    static final String ENDPOINT = "{{gateway.stage.validation}}";
    private static final Logger LOG = LoggerFactory.getLogger(ValidationQueue.class);

    private final JdbcTemplate jdbc;
    private volatile ProducerTemplate producer;

    public ValidationQueue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Called once Camel runs; documents committed before that are found by {@link #resubmitUnvalidated()}. */
    public void start(CamelContext camel) {
        producer = camel.createProducerTemplate();
    }

    @Override
    public void accept(IngestResult result) {
        if (result.quarantined() || result.redelivery()) {
            return;
        }
        submit(result.documentId());
    }

    /** @return how many documents were queued again */
    public int resubmitUnvalidated() {
        String formats = DocumentValidation.formats().stream().map(f -> "'" + f + "'").collect(Collectors.joining(", "));
        List<String> ids = jdbc.queryForList("SELECT id FROM document WHERE validation_valid IS NULL"
                + " AND format IN (" + formats + ") AND status <> 'QUARANTINED'"
                + " ORDER BY received_at, id", String.class);
        ids.forEach(this::submit);
        if (!ids.isEmpty()) {
            LOG.info("validation: {} documents stored without a verdict queued again", ids.size());
        }
        return ids.size();
    }

    /** Queues one document, e.g. again after a person corrected its recognised fields. */
    public void submit(String documentId) {
        ProducerTemplate template = producer;
        if (template == null) {
            return;
        }
        try {
            template.sendBody(ENDPOINT, documentId);
        } catch (RuntimeException e) {
            // the document is committed; it will be validated at the next start
            LOG.error("validation document={}: could not be queued ({}); it is validated at the next start", documentId, e.getMessage());
        }
    }
}
