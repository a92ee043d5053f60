package io.einvoice.gateway.system;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where Java code enters the routes: a feature that commits something the pipeline must go on with (ingest, a
 * correction, a mail receipt) sends it to one endpoint a route of {@code routes/} consumes, and that route names the
 * next stage. No stage-to-stage hand-off is made here; they are all {@code to:} steps in the YAML.
 */
final class RouteEntry implements Consumer<Object> {

    private final Supplier<CamelContext> camel;
    private final String endpoint;
    private volatile ProducerTemplate template;

    RouteEntry(Supplier<CamelContext> camel, String endpoint) {
        this.camel = camel;
        this.endpoint = endpoint;
    }

    /**
     * @throws IllegalStateException when the routes are not running (a command-line tool, a start or stop in
     *                               progress): what was committed meanwhile is found again by the resume routes
     */
    @Override
    public void accept(Object body) {
        ProducerTemplate t = template;
        if (t == null) {
            synchronized (this) {
                CamelContext context = camel.get();
                if (context == null || !context.isStarted()) {
                    throw new IllegalStateException("the routes are not running, " + endpoint + " takes nothing yet");
                }
                if (template == null) {
                    template = context.createProducerTemplate();
                }
                t = template;
            }
        }
        t.sendBody(endpoint, body);
    }
}
