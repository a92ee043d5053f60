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
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;

/**
 * The step of the per-mailbox route: takes the mail Camel polled (still unseen, still in its folder: the route peeks),
 * keys it by UIDVALIDITY + UID (POP3: its UIDL) and hands it to {@link MailIngest}. Camel marks it seen only when this
 * returns, and the mailbox's {@link ProcessedMailMove}, if it has a processed folder, moves it after the poll. A mail
 * larger than {@code maxMailBytes} (its size comes with the poll's first FETCH) is not downloaded: its headers become a
 * quarantined document, and it is acknowledged so the mailbox moves on ({@link #refuseOversized}).
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

    /** @return the documents the mail is, committed, for the route to hand on */
    public List<IngestResult> read(Exchange exchange, String mailboxId) throws Exception {
        MailMessage camelMessage = exchange.getIn(MailMessage.class);
        if (camelMessage == null || camelMessage.getOriginalMessage() == null) {
            throw new IllegalStateException("route mail-mailbox-" + mailboxId + " did not get a mail from its mailbox");
        }
        Message mail = camelMessage.getOriginalMessage();
        int size = mail.getSize();
        if (size > maxMailBytes) {
            return refuseOversized(exchange, mailboxId, mail, size);
        }
        String[] key = key(mail);
        MailPrefetch prefetch = exchange.getContext().getRegistry()
                .lookupByNameAndType(MailboxRoutes.prefetchName(mailboxId), MailPrefetch.class);
        List<IngestResult> documents = ingest.receive(mailboxId, key[0], key[1], () -> prefetch != null
                ? prefetch.body(mail, maxMailBytes) : download(mail, size));
        stored(exchange, mailboxId, key);
        return documents;
    }

    /**
     * Its headers (fetched with the poll's first FETCH, not its body) become a quarantined document saying why, and the
     * mail is acknowledged like a stored one: moved to the processed folder, or marked seen, so the mails behind it
     * are read; it stays on the server. POP3 has neither: there it is quarantined once and left (acknowledging would
     * delete it), so each poll still meets it.
     */
    private List<IngestResult> refuseOversized(Exchange exchange, String mailboxId, Message mail, int size) throws Exception {
        String[] key = key(mail);
        boolean pop3 = mail.getFolder() instanceof POP3Folder;
        String where = pop3 ? "on the POP3 server" : "in IMAP folder " + ingest.acknowledgedFolder(mailboxId, mail.getFolder().getFullName());
        List<IngestResult> documents = ingest.receiveOversized(mailboxId, key[0], key[1], headers(mail), size, maxMailBytes, where);
        LOG.error("mail mailbox={} uid={}:{} subject=\"{}\" is {} bytes, more than the {} bytes a mail may have (four times"
                + " GATEWAY_MAX_FILE_BYTES plus 1 MB): not downloaded, its headers quarantined, the mail left {}", mailboxId, key[0],
                key[1], mail.getSubject(), size, maxMailBytes, where);
        if (pop3) {
            exchange.setRollbackOnly(true); // Camel would delete it
        } else {
            stored(exchange, mailboxId, key);
        }
        return documents;
    }

    private static byte[] download(Message mail, int size) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(size, 1024));
        mail.writeTo(out);
        return out.toByteArray();
    }

    /** The header block as in the mail, without its body. */
    static byte[] headers(Message mail) throws MessagingException {
        StringBuilder block = new StringBuilder();
        Enumeration<String> lines = ((jakarta.mail.internet.MimeMessage) mail).getAllHeaderLines();
        while (lines.hasMoreElements()) {
            block.append(lines.nextElement()).append("\r\n");
        }
        return block.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
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
