package io.einvoice.gateway.ingest.mail;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailMessage;
import org.eclipse.angus.mail.pop3.POP3Folder;

import java.io.ByteArrayOutputStream;

/**
 * The step of the per-mailbox route: takes the mail Camel polled (still unseen, still in its folder: the route peeks),
 * keys it by UIDVALIDITY + UID (POP3: its UIDL) and hands it to {@link MailIngest}. Camel marks it seen or moves it
 * only when this returns.
 */
public class MailboxReader {

    private final MailIngest ingest;

    public MailboxReader(MailIngest ingest) {
        this.ingest = ingest;
    }

    public int read(Exchange exchange, String mailboxId) throws Exception {
        MailMessage camelMessage = exchange.getIn(MailMessage.class);
        if (camelMessage == null || camelMessage.getOriginalMessage() == null) {
            throw new IllegalStateException("route mail-mailbox-" + mailboxId + " did not get a mail from its mailbox");
        }
        Message mail = camelMessage.getOriginalMessage();
        String[] key = key(mail);
        return ingest.receive(mailboxId, key[0], key[1], () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(mail.getSize(), 1024));
            mail.writeTo(out);
            return out.toByteArray();
        }).size();
    }

    /** {UIDVALIDITY, UID}: a UID alone is reused after a mailbox is rebuilt; POP3 has the UIDL and no validity. */
    static String[] key(Message mail) throws MessagingException {
        Folder folder = mail.getFolder();
        if (folder instanceof UIDFolder uids) {
            return new String[] {String.valueOf(uids.getUIDValidity()), String.valueOf(uids.getUID(mail))};
        }
        if (folder instanceof POP3Folder pop3) {
            String uidl = pop3.getUID(mail);
            if (uidl != null) {
                return new String[] {"pop3", uidl};
            }
        }
        throw new MessagingException("the mail store gives no UID for this mail (" + folder + "): it cannot be"
                + " de-duplicated safely and is left in the mailbox");
    }
}
