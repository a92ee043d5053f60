package io.einvoice.gateway.ingest.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * Sends receipts through the gateway's own outbound mail server (GATEWAY_SMTP_*): the step of the {@code mail-receipt}
 * route. Plain Jakarta Mail; the session carries host, port, TLS and timeouts.
 */
public class ReceiptMailer {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiptMailer.class);

    private final Session session;
    private final String from;
    private final String username;
    private final String password;

    /** @param session null when the gateway has no outbound mail server: then nothing is queued for it either */
    public ReceiptMailer(Session session, String from, String username, String password) {
        this.session = session;
        this.from = from;
        this.username = username;
        this.password = password;
    }

    public void send(Receipt receipt) throws MessagingException {
        if (session == null) {
            throw new IllegalStateException("the gateway has no outbound mail server: set GATEWAY_SMTP_HOST");
        }
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(receipt.to()));
        message.setSubject(receipt.subject(), StandardCharsets.UTF_8.name());
        message.setText(receipt.text(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        if (receipt.inReplyTo() != null) {
            message.setHeader("In-Reply-To", receipt.inReplyTo());
        }
        if (receipt.references() != null) {
            message.setHeader("References", receipt.references());
        }
        // RFC 3834: an automatic reply says so, and asks Exchange/Outlook responders not to answer it
        message.setHeader("Auto-Submitted", "auto-replied");
        message.setHeader("X-Auto-Response-Suppress", "All");
        if (username == null) {
            Transport.send(message);
        } else {
            Transport.send(message, username, password);
        }
        LOG.info("mail receipt sent to {} for documents {}", receipt.to(), receipt.documentIds());
    }
}
