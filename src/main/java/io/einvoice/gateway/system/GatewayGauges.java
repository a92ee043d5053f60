package io.einvoice.gateway.system;

import io.einvoice.gateway.document.DocumentStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.component.springrabbit.SpringRabbitMQEndpoint;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What an operator watches besides the routes' own throughput and latency: documents per status, the depth of each
 * stage's queue, mailboxes with a problem and sales invoices whose dispatch failed. Counts come from the database, at
 * most once per {@link #FRESHNESS} however often Prometheus scrapes.
 */
public class GatewayGauges {

    static final Duration FRESHNESS = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private Map<String, Long> counts = Map.of();
    private Instant countedAt = Instant.MIN;

    public GatewayGauges(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void register(MeterRegistry registry, CamelContext camel) {
        for (DocumentStatus status : DocumentStatus.values()) {
            Gauge.builder("gateway.documents", () -> count("status:" + status.name()))
                    .description("documents in this status").tag("status", status.name()).register(registry);
        }
        for (String state : new String[]{"RETRYING", "PARKED"}) {
            Gauge.builder("gateway.dispatch.failures", () -> count("dispatch:" + state))
                    .description("sales invoices whose sending failed: tried again later (RETRYING) or waiting for a person (PARKED)")
                    .tag("state", state).register(registry);
        }
        Gauge.builder("gateway.mailboxes.problem", () -> count("mailboxes"))
                .description("mailboxes whose last poll failed").register(registry);
        for (var endpoint : camel.getEndpoints()) {
            if (endpoint instanceof SedaEndpoint seda) {
                Gauge.builder("gateway.queue.depth", seda, SedaEndpoint::getCurrentQueueSize)
                        .description("messages waiting in a stage's in-memory queue").tag("queue", seda.getName())
                        .register(registry);
            } else if (endpoint instanceof SpringRabbitMQEndpoint broker && broker.getQueues() != null) {
                // on more than one node the stage's queue is the broker's: its depth is the same seen from any node
                RabbitAdmin admin = new RabbitAdmin(broker.getConnectionFactory());
                String queue = broker.getQueues();
                Gauge.builder("gateway.queue.depth", () -> brokerDepth(admin, queue))
                        .description("messages waiting in a stage's queue").tag("queue", queue).register(registry);
            }
        }
    }

    /** -1 while the broker does not answer: the gauge shows the trouble rather than an empty queue. */
    private static long brokerDepth(RabbitAdmin admin, String queue) {
        try {
            QueueInformation info = admin.getQueueInfo(queue);
            return info == null ? -1 : info.getMessageCount();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private synchronized long count(String key) {
        Instant now = clock.instant();
        if (countedAt.plus(FRESHNESS).isBefore(now)) {
            counts = countAll();
            countedAt = now;
        }
        return counts.getOrDefault(key, 0L);
    }

    private Map<String, Long> countAll() {
        Map<String, Long> all = new HashMap<>();
        jdbc.query("SELECT status, COUNT(*) AS n FROM document GROUP BY status",
                rs -> {
                    all.put("status:" + rs.getString("status"), rs.getLong("n"));
                });
        jdbc.query("SELECT CASE WHEN state = 'PARKED' THEN 'PARKED' ELSE 'RETRYING' END AS s, COUNT(*) AS n FROM dispatch_job"
                        + " WHERE state = 'PARKED' OR (state = 'QUEUED' AND attempts > 0) GROUP BY s",
                rs -> {
                    all.put("dispatch:" + rs.getString("s"), rs.getLong("n"));
                });
        all.put("mailboxes", jdbc.queryForObject("SELECT COUNT(*) FROM mailbox WHERE problem IS NOT NULL", Long.class));
        return all;
    }
}
