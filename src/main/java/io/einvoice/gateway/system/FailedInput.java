package io.einvoice.gateway.system;

import jakarta.mail.Message;
import jakarta.mail.UIDFolder;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailMessage;

/**
 * Names the input of a failed exchange for the {@code transient} error policy's log line, whatever the channel: the
 * file's path, the mail's Message-ID and UID in its mailbox route, the document id a queue carried, or the poller.
 */
public class FailedInput {

    public String describe(Exchange exchange) {
        String file = exchange.getIn().getHeader(Exchange.FILE_PATH, String.class);
        if (file != null) {
            return "file " + file;
        }
        if (exchange.getIn() instanceof MailMessage mail && mail.getOriginalMessage() != null) {
            return mail(mail.getOriginalMessage(), exchange.getFromRouteId());
        }
        Object body = exchange.getIn().getBody();
        if (body instanceof String id && !id.isBlank() && id.length() <= 200) {
            return "document " + id;
        }
        return "the input of " + (exchange.getFromEndpoint() == null ? "route " + exchange.getFromRouteId()
                : exchange.getFromEndpoint().getEndpointBaseUri());
    }

    private static String mail(Message message, String routeId) {
        StringBuilder s = new StringBuilder("mail");
        try {
            String[] messageId = message.getHeader("Message-ID");
            s.append(' ').append(messageId == null ? "without Message-ID" : messageId[0]);
            if (message.getFolder() instanceof UIDFolder uids) {
                s.append(" (UID ").append(uids.getUIDValidity()).append(':').append(uids.getUID(message)).append(')');
            } else {
                s.append(" (message ").append(message.getMessageNumber()).append(')');
            }
        } catch (Exception e) {
            // the connection may be what failed: the route still names the mailbox
            s.append(" (headers unreadable: ").append(e.getMessage()).append(')');
        }
        return s.append(" of ").append(routeId).toString();
    }
}
