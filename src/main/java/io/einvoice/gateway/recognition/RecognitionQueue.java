package io.einvoice.gateway.recognition;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Hands a committed document to the recognition route (seda:recognition), so slow OCR never delays the channel that
 * received the file. What is lost from the in-memory queue at a stop is queued again at the next start.
 */
public class RecognitionQueue implements Consumer<String> {

    public static final String ENDPOINT = "seda:recognition";

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
                if (template == null) {
                    template = camel.get().createProducerTemplate();
                }
                t = template;
            }
        }
        t.sendBody(ENDPOINT, documentId);
    }
}
