package io.einvoice.gateway.ingest.mail;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import org.apache.camel.component.mail.MailBoxPostProcessAction;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The acknowledgement of an IMAP mailbox with a processed folder, bound per mailbox as its route's
 * {@code postProcessAction}: after each poll, the mails {@link MailboxReader} reported {@link #stored} (committed) are
 * moved to the processed folder together, in one command (MOVE, or where the server lacks it one COPY and one STORE
 * \Deleted, expunged when Camel closes the folder). Camel's own {@code moveTo} costs four round trips per mail (flag,
 * look up the folder, copy, flag deleted). A mail whose storing failed is not reported, so it stays for the next poll;
 * one stored but not moved (the move failed, the gateway stopped) is found in the ledger at the next poll, not read
 * again, and moved then.
 */
public class ProcessedMailMove implements MailBoxPostProcessAction {

    private final String processedFolder;
    /** "UIDVALIDITY:UID" of the mails stored since the last move */
    private final List<String> stored = new ArrayList<>();

    public ProcessedMailMove(String processedFolder) {
        this.processedFolder = Objects.requireNonNull(processedFolder);
    }

    /** Called once the mail's documents are committed. */
    public synchronized void stored(String uidValidity, String uid) {
        stored.add(uidValidity + ":" + uid);
    }

    @Override
    public void process(Folder folder) throws Exception {
        List<String> keys;
        synchronized (this) {
            keys = List.copyOf(stored);
            stored.clear();
        }
        if (keys.isEmpty() || !(folder instanceof IMAPFolder imap)) {
            return;
        }
        String validity = String.valueOf(imap.getUIDValidity());
        long[] uids = keys.stream().filter(k -> k.startsWith(validity + ":"))
                .mapToLong(k -> Long.parseLong(k.substring(validity.length() + 1))).toArray();
        if (uids.length == 0) {
            return;
        }
        Message[] mails = Arrays.stream(imap.getMessagesByUID(uids)).filter(Objects::nonNull).toArray(Message[]::new);
        if (mails.length == 0) {
            return;
        }
        Folder target = folder.getStore().getFolder(processedFolder);
        if (!target.exists()) {
            target.create(Folder.HOLDS_MESSAGES);
        }
        if (((IMAPStore) folder.getStore()).hasCapability("MOVE")) {
            imap.moveMessages(mails, target);
        } else {
            imap.copyMessages(mails, target);
            imap.setFlags(mails, new Flags(Flags.Flag.DELETED), true);
        }
    }
}
