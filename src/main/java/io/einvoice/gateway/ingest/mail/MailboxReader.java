package io.einvoice.gateway.ingest.mail;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailMessage;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.einvoice.gateway.ingest.IngestResult;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The step of the per-mailbox route: takes the mail Camel polled (still unseen, still in its folder: the route peeks),
 * keys it by UIDVALIDITY + UID (POP3: its UIDL) and hands it to {@link MailIngest}. Camel marks it seen only when this
 * returns, and the mailbox's {@link ProcessedMailMove}, if it has a processed folder, moves it after the poll. A mail
 * larger than {@code maxMailBytes} (its size comes with the poll's first FETCH) is not downloaded: it stays where it
 * is, untouched, and each poll says so in the log.
 */
public class MailboxReader {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxReader.class);

    private final MailIngest ingest;
    private final long maxMailBytes;

    public MailboxReader(MailIngest ingest, long maxMailBytes) {
        this.ingest = ingest;
        this.maxMailBytes = maxMailBytes;
    }

    /**
     * The largest mail read, from the largest file accepted: an attachment somewhat past that limit is still stored,
     * then quarantined as too large (so the person sees it), and base64 makes it a third bigger in the mail; a mail
     * four times the limit is no invoice, and reading it would take that much memory.
     */
    public static long maxMailBytes(long maxFileBytes) {
        return 4 * maxFileBytes + 1024 * 1024;
    }

    /** @return the documents the mail is, committed, for the route to hand on (none when it is not read) */
    public List<IngestResult> read(Exchange exchange, String mailboxId) throws Exception {
        MailMessage camelMessage = exchange.getIn(MailMessage.class);
        if (camelMessage == null || camelMessage.getOriginalMessage() == null) {
            throw new IllegalStateException("route mail-mailbox-" + mailboxId + " did not get a mail from its mailbox");
        }
        Message mail = camelMessage.getOriginalMessage();
        int size = mail.getSize();
        if (size > maxMailBytes) {
            LOG.error("mail mailbox={} subject=\"{}\" is {} bytes, more than the {} bytes a mail may have (four times"
                    + " GATEWAY_MAX_FILE_BYTES): it is not read and stays in the mailbox; ask the sender for the invoice"
                    + " alone, or upload it (REST, drop folder), then remove the mail", mailboxId, mail.getSubject(),
                    size, maxMailBytes);
            exchange.setRollbackOnly(true); // neither stored nor acknowledged, and not retried at once
            return List.of();
        }
        String[] key = key(mail);
        List<IngestResult> documents = ingest.receive(mailboxId, key[0], key[1], () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(size, 1024));
            mail.writeTo(out);
            return out.toByteArray();
        });
        stored(exchange, mailboxId, key);
        return documents;
    }

    /**
     * Tells the mailbox's {@link ProcessedMailMove}, if it has a processed folder, that this mail is committed: it is
     * moved there after the poll. What reads a mailbox's mails in place of this reader says so the same way.
     */
    public static void stored(Exchange exchange, String mailboxId, Message mail) throws MessagingException {
        stored(exchange, mailboxId, key(mail));
    }

    private static void stored(Exchange exchange, String mailboxId, String[] key) {
        ProcessedMailMove move = exchange.getContext().getRegistry()
                .lookupByNameAndType(MailboxRoutes.processedMoveName(mailboxId), ProcessedMailMove.class);
        if (move != null) {
            move.stored(key[0], key[1]);
        }
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
