package io.einvoice.gateway.outbound;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.iap.ConnectionException;
import org.eclipse.angus.mail.iap.ParsingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * What went wrong talking to a mail server (SMTP, IMAP, POP3), in our own sentence naming the server as host:port.
 * Never the server's words: whatever answers on that port (an IMAP banner, an HTTP status line, a hostile peer) must not
 * reach what we store and show.
 *
 * @param kind     the failure, for decisions (retry or not) and tests
 * @param code     the SMTP reply code when the server gave one (4xx, 5xx), else 0
 * @param sentence for the person who can fix it
 */
public record MailFailure(Kind kind, int code, String sentence) {

    public enum Kind {
        HOST_REFUSED, UNKNOWN_HOST, CONNECTION_REFUSED, TIMEOUT, TLS, AUTH_REFUSED, NOT_THE_PROTOCOL,
        RECIPIENT_REFUSED, DEFERRED, REFUSED, FAILED
    }

    /** Whether the same attempt may succeed later without anyone changing a setting. */
    public boolean passing() {
        return switch (kind) {
            case CONNECTION_REFUSED, TIMEOUT, DEFERRED, FAILED -> true;
            default -> false;
        };
    }

    /** @param protocol SMTP, IMAP or POP3 (with or without the S of TLS) */
    public static MailFailure of(String protocol, String host, int port, Throwable failure) {
        String p = protocol.toUpperCase(Locale.ROOT).replaceFirst("^(IMAP|POP3)S$", "$1");
        String server = "the " + p + " server at " + host + ":" + port;
        HostRefusedException refused = find(failure, HostRefusedException.class);
        if (refused != null) {
            return new MailFailure(Kind.HOST_REFUSED, 0, refused.getMessage());
        }
        if (find(failure, AuthenticationFailedException.class) != null) {
            return new MailFailure(Kind.AUTH_REFUSED, 0, server + " refused the username or password");
        }
        SMTPAddressFailedException recipient = find(failure, SMTPAddressFailedException.class);
        if (recipient != null && recipient.getReturnCode() >= 500) {
            return new MailFailure(Kind.RECIPIENT_REFUSED, recipient.getReturnCode(), server + " refused the recipient"
                    + " address (" + recipient.getReturnCode() + ")");
        }
        int code = recipient != null ? recipient.getReturnCode() : smtpCode(failure);
        if (code >= 500 && code <= 599) {
            return new MailFailure(Kind.REFUSED, code, server + " refused the mail (" + code + ")");
        }
        if (code >= 400 && code <= 499) {
            return new MailFailure(Kind.DEFERRED, code, server + " deferred the mail (" + code + "): it will be"
                    + " tried again");
        }
        if (find(failure, UnknownHostException.class) != null) {
            return new MailFailure(Kind.UNKNOWN_HOST, 0, "the " + p + " server name " + host + " is unknown");
        }
        if (find(failure, ConnectException.class) != null) {
            return new MailFailure(Kind.CONNECTION_REFUSED, 0, server + " refused the connection");
        }
        if (find(failure, NoRouteToHostException.class) != null) {
            return new MailFailure(Kind.CONNECTION_REFUSED, 0, server + " could not be reached");
        }
        if (find(failure, SocketTimeoutException.class) != null) {
            return new MailFailure(Kind.TIMEOUT, 0, server + " did not answer in time");
        }
        if (find(failure, SSLException.class) != null || mentions(failure, "STARTTLS")) {
            return new MailFailure(Kind.TLS, 0, server + " could not agree on a secure (TLS) connection: check the"
                    + " port and TLS mode, and that its certificate is valid for " + host);
        }
        if (find(failure, ConnectionException.class) != null || find(failure, ParsingException.class) != null) {
            // IMAP: the greeting was not "* OK" (angus quotes it as the message: never shown)
            return new MailFailure(Kind.NOT_THE_PROTOCOL, 0, server + " did not answer as an " + p + " server");
        }
        if (mentions(failure, "bad greeting") || mentions(failure, "[EOF]") || mentions(failure, "Connect failed")) {
            return new MailFailure(Kind.NOT_THE_PROTOCOL, 0, server + " did not answer as an " + p + " server");
        }
        return new MailFailure(Kind.FAILED, 0, "the exchange with " + server + " failed");
    }

    private static int smtpCode(Throwable failure) {
        SMTPSendFailedException send = find(failure, SMTPSendFailedException.class);
        return send == null ? -1 : send.getReturnCode();
    }

    /** The library's own wording (never the server's) tells a few failures apart that have no type of their own. */
    private static boolean mentions(Throwable failure, String words) {
        for (Throwable t = failure; t != null; t = next(t)) {
            String message = t.getMessage();
            if (message != null && libraryMessage(message).contains(words)) {
                return true;
            }
        }
        return false;
    }

    /** The part of a library message before it quotes the server (angus appends ", response: ..." or the reply). */
    private static String libraryMessage(String message) {
        int quoted = message.indexOf(", response:");
        return quoted < 0 ? message : message.substring(0, quoted);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Causes, and the exceptions Jakarta Mail chains with setNextException (a refused recipient in a send). */
    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
