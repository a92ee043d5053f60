package io.einvoice.gateway.ingest.mail;

import jakarta.mail.FetchProfile;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.component.mail.MailUidGenerator;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Camel's key for each polled mail (UIDVALIDITY:UID, POP3: its UIDL), bound per mailbox as its route's
 * {@code mailUidGenerator}. Camel asks for it first of all for each mail of a poll, so for IMAP this is where the poll
 * fetches, in one FETCH command for the next {@code window} mails, everything the poll and {@link MailboxReader} ask of
 * a mail before its body: UID, flags, envelope and size, headers. Left to themselves those are five round trips per
 * mail (Camel's Message-ID key, its flags check, the headers Camel copies, our UID, the size).
 */
public class MailPrefetch implements MailUidGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(MailPrefetch.class);

    private final int window;
    /** the mails of the open folder already fetched; a folder closed at the end of a poll gives new objects */
    private final Map<Message, Boolean> fetched = Collections.synchronizedMap(new WeakHashMap<>());

    public MailPrefetch(int window) {
        this.window = Math.max(1, window);
    }

    @Override
    public String generateUuid(MailEndpoint endpoint, Message message) {
        if (message.getFolder() instanceof IMAPFolder imap && !fetched.containsKey(message)) {
            prefetch(imap, message.getMessageNumber());
        }
        try {
            String[] key = MailboxReader.key(message);
            return key[0] + ":" + key[1];
        } catch (MessagingException e) {
            // the reader refuses the mail with its own sentence; Camel only needs some key
            return "message-number:" + message.getMessageNumber();
        }
    }

    private void prefetch(IMAPFolder folder, int from) {
        try {
            int to = Math.min(folder.getMessageCount(), from + window - 1);
            if (to < from) {
                return;
            }
            Message[] mails = folder.getMessages(from, to);
            FetchProfile profile = new FetchProfile();
            profile.add(UIDFolder.FetchProfileItem.UID);
            profile.add(FetchProfile.Item.FLAGS);
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(FetchProfile.Item.SIZE);
            profile.add(IMAPFolder.FetchProfileItem.HEADERS);
            folder.fetch(mails, profile);
            for (Message mail : mails) {
                fetched.put(mail, Boolean.TRUE);
            }
        } catch (MessagingException e) {
            // not fatal: each mail then asks for what it needs, one round trip at a time
            LOG.debug("mails {}.. of {} could not be fetched together: {}", from, folder.getFullName(), e.getMessage());
        }
    }
}
