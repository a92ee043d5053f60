package io.einvoice.gateway.ingest.mail;

import io.einvoice.gateway.dossier.SecretCipher;
import io.einvoice.gateway.outbound.OutboundGuard;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mail.MailAuthenticator;
import org.apache.camel.component.mail.MailBoxPostProcessAction;
import org.apache.camel.component.mail.MailUidGenerator;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
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
    private final MailAuthenticators authenticators;
    private final OutboundGuard guard;
    /** route id -> the endpoint URI and secret it runs with (in memory only: it holds the password or client secret) */
    private final Map<String, String> running = new HashMap<>();
    /** mailbox id -> why its route could not be made */
    private final Map<String, String> problems = new HashMap<>();
    private CamelContext camel;

    /** @param guard every connection of every mailbox goes through it (the host is checked again at each poll) */
    public MailboxRoutes(MailboxRepository mailboxes, SecretCipher secrets, MailAuthenticators authenticators,
                         OutboundGuard guard) {
        this.mailboxes = mailboxes;
        this.secrets = secrets;
        this.authenticators = authenticators;
        this.guard = guard;
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
        Map<String, Wanted> wanted = new HashMap<>();
        for (Mailbox m : mailboxes.all()) {
            if (!m.enabled()) {
                continue;
            }
            try {
                String secret = secrets.decrypt(m.passwordSecret());
                wanted.put(routeId(m.id()), new Wanted(m, secret, uri(m, secret)));
            } catch (IllegalStateException e) {
                LOG.error("mailbox {} is not polled: {}", m.label(), e.getMessage());
            }
        }
        Set<String> gone = running.keySet().stream().filter(id -> !wanted.containsKey(id)).collect(Collectors.toSet());
        for (String routeId : gone) {
            remove(routeId);
        }
        for (Map.Entry<String, Wanted> e : wanted.entrySet()) {
            Wanted w = e.getValue();
            if (!w.fingerprint().equals(running.get(e.getKey()))) {
                remove(e.getKey());
                try {
                    add(e.getKey(), w);
                    problems.remove(w.mailbox().id());
                } catch (Exception failed) {
                    // an OAuth2 mailbox gets its first token before its route is made: Entra ID refusing the client
                    // secret, or out of reach, must not stop the other mailboxes; the next refresh tries again
                    remove(e.getKey());
                    // the endpoint outlives a route that failed to start: made again, it would keep the old authenticator
                    camel.removeEndpoints(w.uri());
                    String problem = rootMessage(failed);
                    problems.put(w.mailbox().id(), problem);
                    LOG.error("mailbox {} is not polled ({}); check its settings (PUT /api/dossiers/{siren}/mailboxes),"
                            + " it is tried again within a minute", w.mailbox().label(), problem);
                }
            }
        }
        problems.keySet().retainAll(wanted.values().stream().map(w -> w.mailbox().id()).collect(Collectors.toSet()));
    }

    /** Why the mailbox is not polled (its route could not be made), or empty. */
    public synchronized Optional<String> problem(String mailboxId) {
        return Optional.ofNullable(problems.get(mailboxId));
    }

    private void add(String routeId, Wanted w) throws Exception {
        camel.getRegistry().bind(propertiesName(w.mailbox().id()), Properties.class, sessionProperties(w.mailbox()));
        camel.getRegistry().bind(pollWatchName(w.mailbox().id()), PollingConsumerPollStrategy.class,
                new MailboxPollWatch(w.mailbox(), mailboxes, Clock.systemUTC()));
        camel.getRegistry().bind(prefetchName(w.mailbox().id()), MailUidGenerator.class,
                new MailPrefetch(w.mailbox().batchSize(), !w.mailbox().protocol().pop3() && !movesAfterPoll(w.mailbox())));
        if (movesAfterPoll(w.mailbox())) {
            camel.getRegistry().bind(processedMoveName(w.mailbox().id()), MailBoxPostProcessAction.class,
                    new ProcessedMailMove(w.mailbox().processedFolder()));
        }
        if (w.mailbox().auth() == MailAuth.OAUTH2_M365) {
            MailAuthenticator authenticator = authenticators.create(w.mailbox(), w.secret());
            // the first token is asked for here: the consumer is only made on the node that wins the pollers (master:),
            // later and elsewhere, and a client secret Entra ID refuses must be this mailbox's problem at once
            authenticator.getPasswordAuthentication();
            camel.getRegistry().bind(authenticatorName(w.mailbox().id()), MailAuthenticator.class, authenticator);
        }
        TemplatedRouteBuilder.builder(camel, TEMPLATE).routeId(routeId)
                .parameter("mailboxId", w.mailbox().id())
                .parameter("mailboxUri", w.uri())
                .add();
        running.put(routeId, w.fingerprint());
        LOG.info("mail route {} started ({}, {})", routeId, w.mailbox().label(), w.mailbox().auth());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /**
     * An OAuth2 mailbox's URI names its authenticator, not the secret: a new client secret must re-make it too; the
     * URI names the processed folder's mover, not the folder: another folder must re-make it too.
     */
    private record Wanted(Mailbox mailbox, String secret, String uri) {
        String fingerprint() {
            String route = uri + "\n" + mailbox.processedFolder();
            return mailbox.auth() == MailAuth.OAUTH2_M365
                    ? route + "\n" + mailbox.oauthTenantId() + "\n" + mailbox.oauthClientId() + "\n" + secret : route;
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
        ModelCamelContext model = (ModelCamelContext) camel;
        if (model.getRouteDefinition(routeId) != null) {
            model.removeRouteDefinition(model.getRouteDefinition(routeId)); // left by a route that failed to start
        }
        String mailboxId = routeId.substring(TEMPLATE.length() + 1);
        camel.getRegistry().unbind(authenticatorName(mailboxId));
        camel.getRegistry().unbind(propertiesName(mailboxId));
        camel.getRegistry().unbind(pollWatchName(mailboxId));
        camel.getRegistry().unbind(prefetchName(mailboxId));
        camel.getRegistry().unbind(processedMoveName(mailboxId));
        running.remove(routeId);
    }

    static String routeId(String mailboxId) {
        return TEMPLATE + "-" + mailboxId;
    }

    static String authenticatorName(String mailboxId) {
        return "mailAuthenticator-" + mailboxId;
    }

    static String propertiesName(String mailboxId) {
        return "mailProperties-" + mailboxId;
    }

    static String pollWatchName(String mailboxId) {
        return "mailPollWatch-" + mailboxId;
    }

    static String prefetchName(String mailboxId) {
        return "mailPrefetch-" + mailboxId;
    }

    static String processedMoveName(String mailboxId) {
        return "mailProcessedMove-" + mailboxId;
    }

    /** An IMAP mailbox with a processed folder: its mails are moved there after each poll, all together. */
    static boolean movesAfterPoll(Mailbox m) {
        return !m.protocol().pop3() && m.processedFolder() != null;
    }

    /**
     * The Jakarta Mail settings of the mailbox's session, bound as {@link #propertiesName}: connections through the
     * guard (objects, which a URI cannot carry); big mails fetched in 1 MB pieces, not the default 16 kB (25 round
     * trips for a 25 MB scan, not 1,600); an OAuth2 mailbox signs in with SASL XOAUTH2, the only mechanism Microsoft
     * 365 accepts.
     */
    Properties sessionProperties(Mailbox m) {
        String scheme = m.protocol().scheme();
        Properties p = guard.protect(new Properties(), scheme);
        p.put("mail." + scheme + ".fetchsize", "1048576");
        if (m.auth() == MailAuth.OAUTH2_M365) {
            p.put("mail." + scheme + ".auth.mechanisms", "XOAUTH2");
        }
        return p;
    }

    /**
     * Peek (the mail stays unseen while it is stored), batches of {@code batchSize} whose UIDs, flags, sizes and headers
     * come in one FETCH ({@link MailPrefetch}, bound as {@link #prefetchName}), and only after the commit: mark seen
     * (IMAP) and, with a processed folder, move there after the poll all at once ({@link ProcessedMailMove}, bound as
     * {@link #processedMoveName}), or delete (POP3, which has no folders). A failure leaves the mail untouched for the
     * next poll; how each poll went is recorded by its {@link MailboxPollWatch} (bound as {@link #pollWatchName}). An
     * OAuth2 mailbox signs in with the token its authenticator gets (bound as {@link #authenticatorName}).
     */
    static String uri(Mailbox m, String secret) {
        StringBuilder uri = new StringBuilder(m.protocol().scheme()).append("://").append(m.host()).append(':').append(m.port())
                .append("?username=RAW(").append(m.username()).append(')');
        if (m.auth() == MailAuth.OAUTH2_M365) {
            uri.append("&authenticator=#").append(authenticatorName(m.id()));
        } else {
            uri.append("&password=RAW(").append(secret).append(')');
        }
        uri.append("&peek=true&mapMailMessage=false&skipFailedMessage=false&handleFailedMessage=false")
                .append("&maxMessagesPerPoll=").append(m.batchSize()).append("&fetchSize=").append(m.batchSize())
                .append("&delay=").append(m.pollMillis()).append("&connectionTimeout=30000")
                .append("&additionalJavaMailProperties=#").append(propertiesName(m.id()))
                .append("&pollStrategy=#").append(pollWatchName(m.id()))
                .append("&mailUidGenerator=#").append(prefetchName(m.id()));
        if (m.protocol().pop3()) {
            uri.append("&delete=true");
        } else {
            uri.append("&folderName=RAW(").append(m.folder()).append(')').append("&delete=false");
            if (movesAfterPoll(m)) {
                // the folder holds only unprocessed mail, so read all of it, seen by a person or not
                uri.append("&unseen=false&postProcessAction=#").append(processedMoveName(m.id()));
            } else {
                uri.append("&unseen=true");
            }
        }
        return uri.toString();
    }
}
