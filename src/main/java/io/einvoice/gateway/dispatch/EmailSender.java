package io.einvoice.gateway.dispatch;

import io.einvoice.gateway.outbound.MailFailure;
import io.einvoice.gateway.outbound.OutboundGuard;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * Sends one mail with one file attached (an invoice's PDF, an accounting export) through an SMTP server (Jakarta Mail), and says what came of it: the server took
 * it (its Message-ID as reference), or a failure that may pass by itself (connection refused or timed out, SMTP 4xx),
 * or needs the settings corrected (authentication or TLS refused, not an SMTP server, a host the gateway must not
 * reach), or not (SMTP 5xx: recipient or mail refused). Failures are our own sentences ({@link MailFailure}).
 */
public class EmailSender {

    private final Duration timeout;
    private final OutboundGuard guard;

    /** @param guard every connection goes through it: the dossier's server must be a public host */
    public EmailSender(Duration timeout, OutboundGuard guard) {
        this.timeout = timeout;
        this.guard = guard;
    }

    /** @param attachmentType the attachment's media type */
    public record Mail(String from, String to, String subject, String body, String attachmentName, String attachmentType,
                       byte[] attachment) {
        /** A mail carrying a PDF, as invoices go. */
        public Mail(String from, String to, String subject, String body, String attachmentName, byte[] attachment) {
            this(from, to, subject, body, attachmentName, "application/pdf", attachment);
        }
    }

    public DispatchOutcome send(SmtpSettings server, String password, Mail mail) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(properties(server)));
            message.setFrom(new InternetAddress(mail.from(), true));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.to(), true));
            message.setSubject(mail.subject(), "UTF-8");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.body(), "UTF-8");
            MimeBodyPart file = new MimeBodyPart();
            file.setDataHandler(new DataHandler(new ByteArrayDataSource(mail.attachment(), mail.attachmentType())));
            file.setFileName(mail.attachmentName());
            message.setContent(new MimeMultipart(text, file));
            message.saveChanges();
            if (server.username() == null) {
                Transport.send(message);
            } else {
                Transport.send(message, server.username(), password);
            }
            return DispatchOutcome.delivered(message.getMessageID(), "ACCEPTED");
        } catch (MessagingException e) {
            return failure(server, e);
        }
    }

    private Properties properties(SmtpSettings server) {
        Properties p = new Properties();
        String millis = String.valueOf(timeout.toMillis());
        p.put("mail.smtp.host", server.host());
        p.put("mail.smtp.port", String.valueOf(server.port()));
        p.put("mail.smtp.connectiontimeout", millis);
        p.put("mail.smtp.timeout", millis);
        p.put("mail.smtp.writetimeout", millis);
        p.put("mail.smtp.auth", String.valueOf(server.username() != null));
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        guard.protect(p, "smtp");
        switch (server.tlsMode()) {
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
            }
            case TLS -> p.put("mail.smtp.ssl.enable", "true");
            case NONE -> {
            }
        }
        return p;
    }

    /** Our own sentence for the failure, never the server's words (whatever answers on that port may send anything). */
    static DispatchOutcome failure(SmtpSettings server, MessagingException e) {
        MailFailure failure = MailFailure.of("SMTP", server.host(), server.port(), e);
        return switch (failure.kind()) {
            case AUTH_REFUSED -> DispatchOutcome.failed(true, null, "AUTH_REFUSED", List.of(failure.sentence()
                    + ": correct the dossier's SMTP settings, then replay"));
            case REFUSED, RECIPIENT_REFUSED -> DispatchOutcome.failed(false, null, "SMTP_" + failure.code(),
                    List.of(failure.sentence()));
            case DEFERRED -> DispatchOutcome.failed(true, null, "SMTP_" + failure.code(), List.of(failure.sentence()));
            case HOST_REFUSED, TLS, NOT_THE_PROTOCOL -> DispatchOutcome.failed(true, null, failure.kind().name(),
                    List.of(failure.sentence() + ": correct the dossier's SMTP settings, then replay"));
            default -> DispatchOutcome.failed(true, null, "UNREACHABLE", List.of(failure.sentence()));
        };
    }
}
