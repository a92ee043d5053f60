package io.einvoice.gateway.ingest.mail;

import io.einvoice.gateway.dossier.SecretCipher;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One Camel route per enabled mailbox, made from the {@code mail-mailbox} template of {@code routes/mail.camel.yaml}:
 * created at start from the database, and re-made, added or removed whenever the settings change (the API calls
 * {@link #refresh()}; a timer route does too, for changes made by another node) — no restart.
 */
public class MailboxRoutes {

    static final String TEMPLATE = "mail-mailbox";
    private static final Logger LOG = LoggerFactory.getLogger(MailboxRoutes.class);

    private final MailboxRepository mailboxes;
    private final SecretCipher secrets;
    /** route id -> the endpoint URI it runs with (in memory only: it holds the password) */
    private final Map<String, String> running = new HashMap<>();
    private CamelContext camel;

    public MailboxRoutes(MailboxRepository mailboxes, SecretCipher secrets) {
        this.mailboxes = mailboxes;
        this.secrets = secrets;
    }

    /** Called once Camel has started (the template is loaded then). */
    public synchronized void attach(CamelContext camelContext) throws Exception {
        this.camel = camelContext;
        refresh();
    }

    public synchronized void refresh() throws Exception {
        if (camel == null) {
            return; // not started yet: attach() will read the settings
        }
        Map<String, String> wanted = new HashMap<>();
        for (Mailbox m : mailboxes.all()) {
            if (!m.enabled()) {
                continue;
            }
            try {
                wanted.put(routeId(m.id()), uri(m, secrets.decrypt(m.passwordSecret())));
            } catch (IllegalStateException e) {
                LOG.error("mailbox {} is not polled: {}", m.label(), e.getMessage());
            }
        }
        Set<String> gone = running.keySet().stream().filter(id -> !wanted.containsKey(id)).collect(Collectors.toSet());
        for (String routeId : gone) {
            remove(routeId);
        }
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            if (!e.getValue().equals(running.get(e.getKey()))) {
                remove(e.getKey());
                TemplatedRouteBuilder.builder(camel, TEMPLATE).routeId(e.getKey())
                        .parameter("mailboxId", e.getKey().substring(TEMPLATE.length() + 1))
                        .parameter("mailboxUri", e.getValue())
                        .add();
                running.put(e.getKey(), e.getValue());
                LOG.info("mail route {} started", e.getKey());
            }
        }
    }

    public synchronized List<String> routeIds() {
        return running.keySet().stream().sorted().toList();
    }

    private void remove(String routeId) throws Exception {
        if (camel.getRoute(routeId) != null) {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
            LOG.info("mail route {} stopped", routeId);
        }
        running.remove(routeId);
    }

    static String routeId(String mailboxId) {
        return TEMPLATE + "-" + mailboxId;
    }

    /**
     * Peek (the mail stays unseen while it is stored), batches of {@code batchSize}, and only after the commit: move to
     * the processed folder, or mark seen when there is none (IMAP), or delete (POP3, which has no folders). A failure
     * leaves the mail untouched for the next poll.
     */
    static String uri(Mailbox m, String password) {
        StringBuilder uri = new StringBuilder(m.protocol().scheme()).append("://").append(m.host()).append(':').append(m.port())
                .append("?username=RAW(").append(m.username()).append(')')
                .append("&password=RAW(").append(password).append(')')
                .append("&peek=true&mapMailMessage=false&skipFailedMessage=false&handleFailedMessage=false")
                .append("&maxMessagesPerPoll=").append(m.batchSize()).append("&fetchSize=").append(m.batchSize())
                .append("&delay=").append(m.pollMillis()).append("&connectionTimeout=30000")
                // fetch big mails in 1 MB pieces, not the default 16 kB: 25 round trips for a 25 MB scan, not 1,600
                .append("&mail.").append(m.protocol().scheme()).append(".fetchsize=1048576");
        if (m.protocol().pop3()) {
            uri.append("&delete=true");
        } else {
            uri.append("&folderName=RAW(").append(m.folder()).append(')').append("&delete=false");
            if (m.processedFolder() != null) {
                // the folder holds only unprocessed mail, so read all of it, seen by a person or not
                uri.append("&unseen=false&moveTo=RAW(").append(m.processedFolder()).append(')');
            } else {
                uri.append("&unseen=true");
            }
        }
        return uri.toString();
    }
}
