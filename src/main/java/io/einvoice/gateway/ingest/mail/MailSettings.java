package io.einvoice.gateway.ingest.mail;

import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.SecretCipher;
import io.einvoice.gateway.outbound.OutboundGuard;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reading and changing a dossier's mail settings (inbound addresses, receipt, mailboxes) and a firm's catch-all
 * mailbox. Passwords and OAuth2 client secrets are sealed before they are stored and never given back. Every change
 * re-makes the mailbox routes.
 *
 * @throws IllegalArgumentException (request not acceptable) and IllegalStateException (address already taken) with a
 * sentence for the person
 */
public class MailSettings {

    static final long MIN_POLL_MILLIS = 100;
    static final long DEFAULT_POLL_MILLIS = 60_000;
    static final int DEFAULT_BATCH_SIZE = 50;
    static final int MAX_BATCH_SIZE = 500;
    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** A tenant is named by its id or by one of its domains (contoso.onmicrosoft.com, contoso.fr). */
    private static final Pattern TENANT_DOMAIN = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    private final MailboxRepository mailboxes;
    private final InboundAddressRepository addresses;
    private final SecretCipher secrets;
    private final TransactionTemplate transactions;
    private final MailboxRoutes routes;
    /** Whether the gateway has an outbound SMTP server for its own mails (GATEWAY_SMTP_HOST): receipts need one. */
    private final boolean outboundMail;
    private final OutboundGuard guard;

    /** @param guard a mailbox's host is checked when saved (and again at each poll, by its route) */
    public MailSettings(MailboxRepository mailboxes, InboundAddressRepository addresses, SecretCipher secrets,
                        TransactionTemplate transactions, MailboxRoutes routes, boolean outboundMail, OutboundGuard guard) {
        this.outboundMail = outboundMail;
        this.guard = guard;
        this.mailboxes = mailboxes;
        this.addresses = addresses;
        this.secrets = secrets;
        this.transactions = transactions;
        this.routes = routes;
    }

    public record MailboxRequest(String id, String direction, String protocol, String host, Integer port, String username,
                                 String password, String folder, String processedFolder, String domain, Long pollMillis,
                                 Integer batchSize, Boolean enabled, String auth, String tenantId, String clientId,
                                 String clientSecret) {
    }

    /** {@code mailReceipt} left out keeps the current choice. */
    public record DossierRequest(String inboundLocalPart, String salesLocalPart, Boolean mailReceipt,
                                 List<MailboxRequest> mailboxes) {
    }

    public record MailboxView(String id, String direction, String protocol, String host, int port, String username,
                              String auth, boolean passwordSet, String tenantId, String clientId,
                              boolean clientSecretSet, String folder, String processedFolder, String domain,
                              long pollMillis, int batchSize, boolean enabled, long mailsStored, String problem,
                              String lastFailureAt, int failures) {
    }

    public record DossierView(String dossier, String inboundLocalPart, String salesLocalPart, String inboundAddress,
                              String salesInboundAddress, boolean mailReceipt, List<MailboxView> mailboxes) {
    }

    public DossierView of(Dossier dossier) {
        InboundAddress a = addresses.ofDossier(dossier.id()).orElseThrow();
        String domain = mailboxes.catchAllOf(dossier.firmId()).map(Mailbox::domain).orElse(null);
        return new DossierView(dossier.siren(), a.purchase(), a.sales(), domain == null ? null : a.purchase() + "@" + domain,
                domain == null ? null : a.sales() + "@" + domain, addresses.receiptWanted(dossier.id()),
                mailboxes.ofDossier(dossier.id()).stream().map(this::view).toList());
    }

    /** Replaces the dossier's settings: mailboxes not listed are removed, listed ones with an id are updated. */
    public DossierView update(Dossier dossier, DossierRequest request) throws Exception {
        InboundAddress wanted = new InboundAddress(dossier.id(), dossier.firmId(), dossier.siren(),
                localPart(request.inboundLocalPart(), InboundAddress.defaultPurchase(dossier.siren()), "inboundLocalPart"),
                localPart(request.salesLocalPart(), InboundAddress.defaultSales(dossier.siren()), "salesLocalPart"));
        checkAddressesFree(wanted);
        if (Boolean.TRUE.equals(request.mailReceipt()) && !outboundMail) {
            throw new IllegalArgumentException("mailReceipt needs the gateway's outbound mail server: set GATEWAY_SMTP_HOST"
                    + " and GATEWAY_SMTP_FROM (README, Configuration) and restart the gateway, then switch it on");
        }
        Map<String, Mailbox> existing = new HashMap<>();
        mailboxes.ofDossier(dossier.id()).forEach(m -> existing.put(m.id(), m));
        List<Mailbox> next = new ArrayList<>();
        List<MailboxRequest> requested = request.mailboxes() == null ? List.of() : request.mailboxes();
        for (int i = 0; i < requested.size(); i++) {
            next.add(mailbox(requested.get(i), "mailboxes[" + i + "]", dossier.firmId(), dossier.id(), existing));
        }
        transactions.executeWithoutResult(tx -> {
            addresses.update(wanted);
            if (request.mailReceipt() != null) {
                addresses.wantReceipt(dossier.id(), request.mailReceipt());
            }
            existing.keySet().stream().filter(id -> next.stream().noneMatch(m -> m.id().equals(id))).forEach(mailboxes::delete);
            next.forEach(mailboxes::save);
        });
        routes.refresh();
        return of(dossier);
    }

    public Optional<MailboxView> catchAll(String firmId) {
        return mailboxes.catchAllOf(firmId).map(this::view);
    }

    public MailboxView updateCatchAll(String firmId, MailboxRequest request) throws Exception {
        if (request.domain() == null || !request.domain().matches("[A-Za-z0-9.-]+\\.[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("domain is required: the inbound domain the catch-all receives for,"
                    + " e.g. factures.example.fr");
        }
        Map<String, Mailbox> existing = new HashMap<>();
        mailboxes.catchAllOf(firmId).ifPresent(m -> existing.put(m.id(), m));
        MailboxRequest withId = existing.isEmpty() ? request : new MailboxRequest(existing.keySet().iterator().next(),
                "PURCHASE", request.protocol(), request.host(), request.port(), request.username(), request.password(),
                request.folder(), request.processedFolder(), request.domain(), request.pollMillis(), request.batchSize(),
                request.enabled(), request.auth(), request.tenantId(), request.clientId(), request.clientSecret());
        Mailbox mailbox = mailbox(withId, "catch-all", firmId, null, existing);
        mailboxes.save(mailbox);
        routes.refresh();
        return view(mailbox);
    }

    /** For start-up tasks (the demo): the dossier's own mailbox, created or updated, password sealed here. */
    public Mailbox saveOwnMailbox(Dossier dossier, MailboxRequest request) throws Exception {
        Map<String, Mailbox> existing = new HashMap<>();
        mailboxes.ofDossier(dossier.id()).forEach(m -> existing.put(m.id(), m));
        Mailbox mailbox = mailbox(request, "mailbox", dossier.firmId(), dossier.id(), existing);
        mailboxes.save(mailbox);
        routes.refresh();
        return mailbox;
    }

    private Mailbox mailbox(MailboxRequest r, String where, String firmId, String dossierId, Map<String, Mailbox> existing) {
        Mailbox before = null;
        if (r.id() != null) {
            before = existing.get(r.id());
            if (before == null) {
                throw new IllegalArgumentException(where + ".id " + r.id() + " is no mailbox of this dossier;"
                        + " leave id out to add a mailbox");
            }
        }
        MailProtocol protocol = parse(MailProtocol.class, r.protocol(), where + ".protocol", "IMAP, IMAPS, POP3, POP3S");
        Direction direction = r.direction() == null ? Direction.PURCHASE
                : parse(Direction.class, r.direction(), where + ".direction", "PURCHASE, SALES");
        String host = required(r.host(), where + ".host").trim();
        String username = required(r.username(), where + ".username");
        int port = r.port() == null ? protocol.defaultPort() : r.port();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(where + ".port must be between 1 and 65535");
        }
        MailAuth auth = r.auth() == null ? MailAuth.PASSWORD : parse(MailAuth.class, r.auth(), where + ".auth",
                "PASSWORD, OAUTH2_M365");
        String tenantId = null;
        String clientId = null;
        String secret;
        if (auth == MailAuth.PASSWORD) {
            if (r.tenantId() != null || r.clientId() != null || r.clientSecret() != null) {
                throw new IllegalArgumentException(where + ".tenantId, clientId and clientSecret are for \"auth\":"
                        + " \"OAUTH2_M365\"; this mailbox signs in with its password");
            }
            secret = secret(r.password(), before, auth, where + ".password");
        } else {
            if (r.password() != null) {
                throw new IllegalArgumentException(where + ".password is not used with OAUTH2_M365: the gateway signs in"
                        + " with tokens for the application; give its clientSecret instead");
            }
            tenantId = required(r.tenantId(), where + ".tenantId").trim();
            if (!GUID.matcher(tenantId).matches() && !TENANT_DOMAIN.matcher(tenantId).matches()) {
                throw new IllegalArgumentException(where + ".tenantId must be the Directory (tenant) ID of Entra ID (a"
                        + " GUID) or one of the tenant's domains, got '" + r.tenantId() + "'");
            }
            clientId = required(r.clientId(), where + ".clientId").trim();
            if (!GUID.matcher(clientId).matches()) {
                throw new IllegalArgumentException(where + ".clientId must be the Application (client) ID of the app"
                        + " registration (a GUID), got '" + r.clientId() + "'");
            }
            secret = secret(r.clientSecret(), before, auth, where + ".clientSecret");
        }
        long poll = r.pollMillis() == null ? DEFAULT_POLL_MILLIS : r.pollMillis();
        if (poll < MIN_POLL_MILLIS) {
            throw new IllegalArgumentException(where + ".pollMillis must be at least " + MIN_POLL_MILLIS);
        }
        int batch = r.batchSize() == null ? DEFAULT_BATCH_SIZE : r.batchSize();
        if (batch < 1 || batch > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException(where + ".batchSize must be between 1 and " + MAX_BATCH_SIZE);
        }
        String folder = r.folder() == null || r.folder().isBlank() ? "INBOX" : r.folder().trim();
        String processed = protocol.pop3() ? null
                : r.processedFolder() == null ? "Processed" : r.processedFolder().isBlank() ? null : r.processedFolder().trim();
        String refusal = guard.refusal(host); // last: it resolves the name
        if (refusal != null) {
            throw new IllegalArgumentException(where + ".host: " + refusal);
        }
        return new Mailbox(before == null ? UUID.randomUUID().toString() : before.id(), firmId, dossierId, direction,
                protocol, host.trim(), port, username.trim(), secret, folder, processed,
                dossierId == null ? r.domain().trim().toLowerCase(Locale.ROOT) : null, poll, batch,
                r.enabled() == null || r.enabled(), OffsetDateTime.now(), auth, tenantId, clientId);
    }

    /** A new secret is sealed; none given keeps the stored one, unless the mailbox is new or signs in another way. */
    private String secret(String given, Mailbox before, MailAuth auth, String field) {
        if (given != null && !given.isEmpty()) {
            return secrets.encrypt(given);
        }
        if (before != null && before.auth() == auth) {
            return before.passwordSecret();
        }
        throw new IllegalArgumentException(field + " is required for a new mailbox"
                + (before == null ? "" : " and when it changes how it signs in"));
    }

    private void checkAddressesFree(InboundAddress wanted) {
        if (InboundAddress.key(wanted.purchase()).equals(InboundAddress.key(wanted.sales()))) {
            throw new IllegalArgumentException("inboundLocalPart and salesLocalPart must differ");
        }
        for (InboundAddress other : addresses.all()) {
            if (other.dossierId().equals(wanted.dossierId())) {
                continue;
            }
            for (String mine : List.of(wanted.purchase(), wanted.sales())) {
                for (String theirs : List.of(other.purchase(), other.sales())) {
                    if (InboundAddress.key(mine).equals(InboundAddress.key(theirs))) {
                        throw new IllegalStateException("the inbound address '" + mine + "' is already another"
                                + " dossier's; choose another");
                    }
                }
            }
        }
    }

    private static String localPart(String requested, String fallback, String field) {
        if (requested == null || requested.isBlank() || requested.equalsIgnoreCase(fallback)) {
            return null;
        }
        if (!LOCAL_PART.matcher(requested).matches()) {
            throw new IllegalArgumentException(field + " must be 1 to 64 letters, digits, '.', '_' or '-' (the part"
                    + " of the address before @), got '" + requested + "'");
        }
        return requested;
    }

    /**
     * {@code problem}: why the mailbox's route could not be made, else why its polls fail (with when the last one
     * failed and how many in a row), else null.
     */
    private MailboxView view(Mailbox m) {
        boolean oauth = m.auth() == MailAuth.OAUTH2_M365;
        Optional<MailboxRepository.PollProblem> poll = mailboxes.pollProblem(m.id());
        return new MailboxView(m.id(), m.direction().name(), m.protocol().name(), m.host(), m.port(), m.username(),
                m.auth().name(), !oauth, m.oauthTenantId(), m.oauthClientId(), oauth, m.folder(), m.processedFolder(),
                m.domain(), m.pollMillis(), m.batchSize(), m.enabled(), mailboxes.storedCount(m.id()),
                routes.problem(m.id()).orElse(poll.map(MailboxRepository.PollProblem::sentence).orElse(null)),
                poll.map(p -> p.lastFailureAt().toInstant().toString()).orElse(null),
                poll.map(MailboxRepository.PollProblem::failures).orElse(0));
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, String allowed) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required (" + allowed + ")");
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be one of " + allowed + ", got '" + value + "'");
        }
    }
}
