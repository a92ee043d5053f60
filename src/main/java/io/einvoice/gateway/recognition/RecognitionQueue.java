package io.einvoice.gateway.recognition;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Hands a committed document to the recognition route (the stage endpoint {@code gateway.stage.recognition}: an
 * in-process queue, or the broker's on more than one node), so slow OCR never delays the channel that received the
 * file. What is lost from the in-memory queue at a stop is queued again at the next start.
 */
public class RecognitionQueue implements Consumer<String> {

    public static final String ENDPOINT = "{{gateway.stage.recognition}}";
    private static final Logger LOG = LoggerFactory.getLogger(RecognitionQueue.class);

    private final Supplier<CamelContext> camel;
    private volatile ProducerTemplate template;

    public RecognitionQueue(Supplier<CamelContext> camel) {
        this.camel = camel;
    }

    @Override
    public void accept(String documentId) {
        ProducerTemplate t = template;
        if (t == null) {
            synchronized (this) {
                CamelContext context = camel.get();
                if (context == null || !context.isStarted()) {
                    // ingest ran before the routes (a command-line tool, a test): the document waits, committed
                    LOG.info("recognition document={}: the routes are not running; it is queued when the gateway starts",
                            documentId);
                    return;
                }
                if (template == null) {
                    template = context.createProducerTemplate();
                }
                t = template;
            }
        }
        t.sendBody(ENDPOINT, documentId);
    }
}
