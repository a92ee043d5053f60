package io.einvoice.gateway.ingest.mail;

import java.util.Locale;

/** The mail stores the gateway reads; POP3 has no folders, so its mails are deleted once stored. */
public enum MailProtocol {
    IMAP, IMAPS, POP3, POP3S;

    public String scheme() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean pop3() {
        return this == POP3 || this == POP3S;
    }

    public int defaultPort() {
        return switch (this) {
            case IMAP -> 143;
            case IMAPS -> 993;
            case POP3 -> 110;
            case POP3S -> 995;
        };
    }
}
