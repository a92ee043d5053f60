package io.einvoice.gateway.ingest.mail;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Hands a receipt to the {@code mail-receipt} route (seda:mail-receipt), so a slow or absent mail server never holds
 * up the mailbox that stored the mail. A receipt still queued at a stop is not sent: it is a courtesy, not a record.
 */
public class ReceiptQueue implements Consumer<Receipt> {

    public static final String ENDPOINT = "seda:mail-receipt";

    private final Supplier<CamelContext> camel;
    private volatile ProducerTemplate template;

    public ReceiptQueue(Supplier<CamelContext> camel) {
        this.camel = camel;
    }

    @Override
    public void accept(Receipt receipt) {
        if (template == null) {
            synchronized (this) {
                if (template == null) {
                    template = camel.get().createProducerTemplate();
                }
            }
        }
        template.sendBody(ENDPOINT, receipt);
    }
}
