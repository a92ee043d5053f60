package io.einvoice.gateway.dispatch;

import jakarta.activation.DataHandler;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * Sends one mail with one PDF attached through an SMTP server (Jakarta Mail), and says what came of it: the server took
 * it (its Message-ID as reference), or a failure that may pass by itself (connection refused or timed out, SMTP 4xx)
 * or not (SMTP 5xx: recipient refused, authentication refused).
 */
public class EmailSender {

    private final Duration timeout;

    public EmailSender(Duration timeout) {
        this.timeout = timeout;
    }

    public record Mail(String from, String to, String subject, String body, String attachmentName, byte[] attachment) {
    }

    public DispatchOutcome send(SmtpSettings server, String password, Mail mail) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(properties(server)));
            message.setFrom(new InternetAddress(mail.from(), true));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.to(), true));
            message.setSubject(mail.subject(), "UTF-8");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.body(), "UTF-8");
            MimeBodyPart pdf = new MimeBodyPart();
            pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(mail.attachment(), "application/pdf")));
            pdf.setFileName(mail.attachmentName());
            message.setContent(new MimeMultipart(text, pdf));
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

    static DispatchOutcome failure(SmtpSettings server, MessagingException e) {
        String where = server.host() + ":" + server.port();
        if (e instanceof AuthenticationFailedException) {
            return DispatchOutcome.failed(true, null, "AUTH_REFUSED", List.of("the SMTP server " + where
                    + " refused the username or password: correct the dossier's SMTP settings, then replay"));
        }
        int code = e instanceof SMTPSendFailedException s ? s.getReturnCode()
                : e.getNextException() instanceof SMTPAddressFailedException a ? a.getReturnCode() : -1;
        if (code >= 500) {
            return DispatchOutcome.failed(false, null, "SMTP_" + code, List.of("the SMTP server " + where
                    + " refused the mail (" + code + "): " + firstLine(e)));
        }
        if (code >= 400) {
            return DispatchOutcome.failed(true, null, "SMTP_" + code, List.of("the SMTP server " + where
                    + " deferred the mail (" + code + "): " + firstLine(e)));
        }
        Throwable cause = rootCause(e);
        String reason = cause instanceof ConnectException ? "connection refused by the SMTP server " + where
                : cause instanceof SocketTimeoutException ? "the SMTP server " + where + " did not answer in time"
                : cause instanceof UnknownHostException ? "the SMTP server name " + server.host() + " is unknown"
                : "mail to " + where + " failed: " + firstLine(e);
        return DispatchOutcome.failed(true, null, "UNREACHABLE", List.of(reason));
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage()).strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
