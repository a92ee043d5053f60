package io.einvoice.gateway.system;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where Java code that is not a route enters the routes, after its commit: the web pages, served by a Vert.x router
 * ({@code web.WebApp}) and not by routes, hand an upload's or a replay's documents to {@code direct:ingest-committed}
 * and a corrected document to {@code direct:recognition-corrected}; a mail receipt goes to {@code seda:mail-receipt}.
 * The route there names the next stage. The channels that are routes hand their documents on in the YAML; no
 * stage-to-stage hand-off is made here. A failure is logged and does not fail the caller: what it sends is committed,
 * and the resume routes queue it at the next start.
 */
final class RouteEntry implements Consumer<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(RouteEntry.class);

    private final Supplier<CamelContext> camel;
    private final String endpoint;
    private volatile ProducerTemplate template;

    RouteEntry(Supplier<CamelContext> camel, String endpoint) {
        this.camel = camel;
        this.endpoint = endpoint;
    }

    /**
     * Sends nothing while the routes are not running nor starting (a command-line tool, demo seeding before the
     * start): what was committed meanwhile is queued by the resume routes when they start.
     */
    @Override
    public void accept(Object body) {
        ProducerTemplate t = template;
        if (t == null) {
            synchronized (this) {
                CamelContext context = camel.get();
                // while starting, a direct: producer waits for its route's consumer (block=true); before, what is
                // committed is already there for the resume routes' query
                if (context == null || !context.getStatus().isStarted() && !context.getStatus().isStarting()) {
                    LOG.info("{} not sent to {}: the routes are not running; the resume routes queue it when they start",
                            body, endpoint);
                    return;
                }
                if (template == null) {
                    template = context.createProducerTemplate();
                }
                t = template;
            }
        }
        try {
            t.sendBody(endpoint, body);
        } catch (RuntimeException e) {
            LOG.error("{} not sent to {}: {}; it is committed, and the resume routes queue it at the next start", body,
                    endpoint, e.getMessage());
        }
    }
}
