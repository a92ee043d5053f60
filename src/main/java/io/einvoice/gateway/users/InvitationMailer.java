package io.einvoice.gateway.users;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * Invitation mails, through the gateway's own outbound mail server (GATEWAY_SMTP_*), the one of receipts: an operator's
 * setting, not a user's, so it is not behind the outbound guard of users' hosts.
 */
public class InvitationMailer {

    private final Session session;
    private final String from;
    private final String username;
    private final String password;

    /** @param session null when the gateway has no outbound mail server: nobody can be invited then */
    public InvitationMailer(Session session, String from, String username, String password) {
        this.session = session;
        this.from = from;
        this.username = username;
        this.password = password;
    }

    public boolean configured() {
        return session != null;
    }

    public void send(String to, String subject, String text) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setText(text, StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        message.setHeader("Auto-Submitted", "auto-generated");
        if (username == null) {
            Transport.send(message);
        } else {
            Transport.send(message, username, password);
        }
    }
}
