package io.einvoice.gateway.ingest.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The optional receipt (README "Mail"): once the documents of a mail are committed, dossiers that asked for it
 * ({@code mailReceipt}) reply to the sender with the documents' ids — one reply per mail, whatever the number of
 * attachments or dossiers. Never to automatic mail (RFC 3834: Auto-Submitted, Precedence, mailing lists, bounces,
 * mailer daemons, no-reply senders), so two robots never answer each other. Best effort: the reply is queued and a
 * failure is only logged; ingest never waits for it nor fails because of it.
 */
public class MailReceipts {

    private static final Logger LOG = LoggerFactory.getLogger(MailReceipts.class);
    private static final Set<String> ROBOT_LOCAL_PARTS = Set.of("mailer-daemon", "postmaster", "noreply", "no-reply",
            "donotreply", "do-not-reply", "bounce", "bounces");
    private static final Pattern BULK_PRECEDENCE = Pattern.compile("\\s*(bulk|list|junk)\\s*", Pattern.CASE_INSENSITIVE);

    /** A document stored from the mail, in the dossier {@code siren}. */
    public record Stored(String siren, String documentId, String fileName) {
    }

    /** Whether the dossier with this SIREN asked for receipts ({@code mailReceipt}). */
    private final Predicate<String> wanted;
    /** The gateway's own sender address (GATEWAY_SMTP_FROM); null: no outbound mail server, no receipts. */
    private final String from;
    private final Consumer<Receipt> outbox;

    public MailReceipts(Predicate<String> wanted, String from, Consumer<Receipt> outbox) {
        this.wanted = wanted;
        this.from = from;
        this.outbox = outbox;
    }

    /** Called after the commit with the documents newly stored from {@code eml}; never throws. */
    public void afterStored(byte[] eml, List<Stored> stored) {
        try {
            List<Stored> wanted = stored.stream().filter(s -> this.wanted.test(s.siren())).toList();
            if (wanted.isEmpty()) {
                return;
            }
            if (from == null) {
                LOG.warn("mail receipt dossier={} documents={} not sent: the dossier asks for receipts but the gateway"
                        + " has no outbound mail server; set GATEWAY_SMTP_HOST and GATEWAY_SMTP_FROM",
                        sirens(wanted), ids(wanted));
                return;
            }
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(eml));
            Optional<String> notFor = automatic(headers);
            String to = notFor.isPresent() ? null : replyAddress(headers);
            if (notFor.isPresent() || to == null) {
                LOG.info("mail receipt dossier={} documents={} not sent: {}", sirens(wanted), ids(wanted),
                        notFor.orElse("no sender to reply to (none, a robot's address such as"
                                + " mailer-daemon or noreply, or the gateway's own)"));
                return;
            }
            outbox.accept(compose(headers, to, wanted));
            LOG.info("mail receipt dossier={} documents={} queued for {}", sirens(wanted), ids(wanted), to);
        } catch (RuntimeException | MessagingException e) {
            LOG.error("mail receipt for documents {} not sent: {}. The documents are stored; only the reply to the"
                    + " sender is missing", ids(stored), e.getMessage(), e);
        }
    }

    /** Why this mail must get no automatic reply (RFC 3834 section 2 and common practice), or empty when it may. */
    static Optional<String> automatic(InternetHeaders h) {
        String autoSubmitted = h.getHeader("Auto-Submitted", ",");
        if (autoSubmitted != null && !autoSubmitted.split(";")[0].trim().equalsIgnoreCase("no")) {
            return Optional.of("the mail is automatic (Auto-Submitted: " + autoSubmitted.trim() + ")");
        }
        String precedence = h.getHeader("Precedence", ",");
        if (precedence != null && BULK_PRECEDENCE.matcher(precedence).matches()) {
            return Optional.of("the mail is bulk mail (Precedence: " + precedence.trim() + ")");
        }
        if (h.getHeader("List-Id") != null || h.getHeader("List-Unsubscribe") != null) {
            return Optional.of("the mail comes from a mailing list (List-Id / List-Unsubscribe)");
        }
        String suppress = h.getHeader("X-Auto-Response-Suppress", ",");
        if (suppress != null && suppress.toLowerCase(Locale.ROOT).matches(".*\\b(all|autoreply)\\b.*")) {
            return Optional.of("the sender asks for no automatic reply (X-Auto-Response-Suppress: " + suppress.trim() + ")");
        }
        String returnPath = h.getHeader("Return-Path", ",");
        if (returnPath != null && returnPath.replaceAll("[\\s<>]", "").isEmpty()) {
            return Optional.of("the mail is a bounce or notification (empty Return-Path)");
        }
        String contentType = h.getHeader("Content-Type", ",");
        if (contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/report")) {
            return Optional.of("the mail is a delivery or read report (multipart/report)");
        }
        return Optional.empty();
    }

    /**
     * Reply-To, else From: where the sender wants answers. Nothing for robots (mailer daemons, no-reply senders) nor
     * for the gateway's own address.
     */
    String replyAddress(InternetHeaders h) {
        for (String header : List.of("Reply-To", "From")) {
            String value = h.getHeader(header, ",");
            if (value == null) {
                continue;
            }
            try {
                InternetAddress[] addresses = InternetAddress.parseHeader(value, false);
                if (addresses.length == 0 || addresses[0].getAddress() == null || !addresses[0].getAddress().contains("@")) {
                    continue;
                }
                String address = addresses[0].getAddress().trim();
                String local = address.substring(0, address.lastIndexOf('@')).toLowerCase(Locale.ROOT);
                if (ROBOT_LOCAL_PARTS.contains(local) || address.equalsIgnoreCase(from)) {
                    return null;
                }
                return address;
            } catch (AddressException e) {
                // a malformed Reply-To: try From
            }
        }
        return null;
    }

    private static Receipt compose(InternetHeaders h, String to, List<Stored> stored) {
        String subject = decoded(h.getHeader("Subject", " "));
        String messageId = h.getHeader("Message-ID", " ");
        String references = h.getHeader("References", " ");
        Map<String, List<Stored>> bySiren = new LinkedHashMap<>();
        stored.forEach(s -> bySiren.computeIfAbsent(s.siren(), k -> new java.util.ArrayList<>()).add(s));
        StringBuilder fr = new StringBuilder();
        StringBuilder en = new StringBuilder();
        bySiren.forEach((siren, docs) -> {
            fr.append("Dossier SIREN ").append(siren).append(" :\n");
            en.append("File SIREN ").append(siren).append(":\n");
            for (Stored d : docs) {
                fr.append("  - ").append(d.fileName()).append(" : ").append(d.documentId()).append('\n');
                en.append("  - ").append(d.fileName()).append(": ").append(d.documentId()).append('\n');
            }
        });
        String quoted = subject == null || subject.isBlank() ? "" : " « " + subject + " »";
        String text = "Bonjour,\n\nVotre message" + quoted + " a bien été reçu. Documents enregistrés, avec leur"
                + " numéro de suivi :\n\n" + fr + "\nIndiquez ce numéro pour toute question sur ces documents.\n\n"
                + "Hello,\n\nYour mail" + (quoted.isEmpty() ? "" : " \"" + subject + "\"") + " was received. Documents"
                + " stored, with their tracking id:\n\n" + en + "\nPlease quote this id in any question about them.\n\n"
                + "-- \nMessage automatique, merci de ne pas y répondre. / Automatic message, please do not reply.\n";
        return new Receipt(to, "Accusé de réception / Receipt" + (subject == null || subject.isBlank() ? ""
                : ": " + subject), text, messageId, references == null ? messageId
                : messageId == null ? references : references + " " + messageId, ids(stored));
    }

    private static String decoded(String subject) {
        if (subject == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(subject)).trim();
        } catch (java.io.UnsupportedEncodingException e) {
            return subject.trim();
        }
    }

    private static String sirens(List<Stored> stored) {
        return String.join(",", stored.stream().map(Stored::siren).distinct().toList());
    }

    private static List<String> ids(List<Stored> stored) {
        return stored.stream().map(Stored::documentId).toList();
    }
}
