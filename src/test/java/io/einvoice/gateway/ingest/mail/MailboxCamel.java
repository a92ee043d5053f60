package io.einvoice.gateway.ingest.mail;

import io.einvoice.gateway.system.Cluster;
import io.einvoice.gateway.system.FailedInput;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

import java.nio.file.Path;
import java.util.List;

/** The mailbox routes of routes/mail.camel.yaml with the one error policy, in a Camel context of their own. */
final class MailboxCamel {

    private MailboxCamel() {
    }

    /** Started with {@code reader} as the mailbox reader, {@code routes} attached; no receipts are mailed. */
    static DefaultCamelContext start(Path home, Object reader, MailboxRoutes routes) throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        // the mailbox routes start from master: (one polling node), as in the gateway
        camel.addService(Cluster.lockService(home.resolve("cluster")));
        camel.getRegistry().bind("mailboxReader", reader);
        camel.getRegistry().bind("mailboxRoutes", routes);
        camel.getRegistry().bind("receiptMailer", new ReceiptMailer(null, null, null, null));
        camel.getRegistry().bind("failedInput", new FailedInput());
        for (String file : List.of("error-handling", "mail")) {
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel,
                    "file:" + Path.of("routes", file + ".camel.yaml").toAbsolutePath()));
        }
        camel.start();
        routes.attach(camel);
        return camel;
    }
}
