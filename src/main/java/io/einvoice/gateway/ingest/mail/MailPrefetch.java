package io.einvoice.gateway.ingest.mail;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.component.mail.MailUidGenerator;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.MessageSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Camel's key for each polled mail (UIDVALIDITY:UID, POP3: its UIDL), bound per mailbox as its route's
 * {@code mailUidGenerator}. Camel asks for it first of all for each mail of a poll, so for IMAP this is where the poll
 * fetches, in one FETCH command for the next {@code window} mails, everything the poll and {@link MailboxReader} ask of
 * a mail before its body: UID, flags, envelope and size, headers. Left to themselves those are five round trips per
 * mail (Camel's Message-ID key, its flags check, the headers Camel copies, our UID, the size).
 * <p>
 * The mails' bytes come the same way ({@link #body}): the reader asks for one mail, and gets it with the next ones, in
 * one {@code FETCH BODY.PEEK[]} of at most {@link #BODY_BUDGET_BYTES} (a mail over that comes alone, in 1 MB pieces,
 * as Jakarta Mail fetches it by itself). Asked one at a
 * time, each mail costs a round trip to the server, the largest share of a mailbox's time. The bytes are kept only
 * until the reader takes them, and a new batch replaces what was not taken (a mail already stored), so the memory
 * stays within the budget whatever the number of mails waiting. PEEK: a mail is not marked seen by being read.
 */
public class MailPrefetch implements MailUidGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(MailPrefetch.class);

    /** The most bytes of mails fetched together and held until the reader takes them. */
    static final long BODY_BUDGET_BYTES = 16L * 1024 * 1024;

    private final int window;
    /** Only unseen mails are read (a mailbox without a processed folder): seen ones are not fetched. */
    private final boolean unseenOnly;
    /** the mails of the open folder already fetched; a folder closed at the end of a poll gives new objects */
    private final Map<Message, Boolean> fetched = Collections.synchronizedMap(new WeakHashMap<>());
    /** the bytes of the last batch of mails not yet taken by the reader */
    private Map<Message, byte[]> bodies = new HashMap<>();

    public MailPrefetch(int window, boolean unseenOnly) {
        this.window = Math.max(1, window);
        this.unseenOnly = unseenOnly;
    }

    /**
     * The mail's bytes as the server has them (its .eml), fetched with the next mails of the poll if not yet; a mail
     * larger than {@code maxMailBytes} is never among those fetched with another.
     */
    public synchronized byte[] body(Message mail, long maxMailBytes) throws Exception {
        byte[] body = bodies.remove(mail);
        if (body == null && mail.getFolder() instanceof IMAPFolder imap && mail.getSize() <= BODY_BUDGET_BYTES) {
            bodies = new HashMap<>(); // what was not taken is dropped: the budget holds
            try {
                fetchBodies(imap, mail, maxMailBytes);
                body = bodies.remove(mail);
            } catch (MessagingException e) {
                // not fatal: the mail is asked for alone, and fails there with the server's answer if it must
                LOG.debug("mails from {} of {} could not be fetched together: {}", mail.getMessageNumber(),
                        imap.getFullName(), e.getMessage());
            }
        }
        if (body == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(mail.getSize(), 1024));
            mail.writeTo(out);
            body = out.toByteArray();
        }
        return body;
    }

    private void fetchBodies(IMAPFolder folder, Message first, long maxMailBytes) throws MessagingException {
        List<Message> batch = new ArrayList<>(List.of(first));
        long bytes = Math.max(first.getSize(), 0);
        int last = Math.min(folder.getMessageCount(), first.getMessageNumber() + window - 1);
        for (int n = first.getMessageNumber() + 1; n <= last && bytes < BODY_BUDGET_BYTES; n++) {
            Message next = folder.getMessage(n);
            if (!fetched.containsKey(next)) {
                break; // its size and flags would each cost a round trip
            }
            int size = next.getSize();
            if (next.isExpunged() || size < 0 || size > maxMailBytes || bytes + size > BODY_BUDGET_BYTES
                    || unseenOnly && next.isSet(Flags.Flag.SEEN)) {
                continue;
            }
            batch.add(next);
            bytes += size;
        }
        Map<Integer, Message> byNumber = new HashMap<>();
        batch.forEach(m -> byNumber.put(m.getMessageNumber(), m));
        int[] numbers = batch.stream().mapToInt(Message::getMessageNumber).toArray();
        folder.doCommand(protocol -> {
            Response[] responses = protocol.fetch(MessageSet.createMessageSets(numbers), "BODY.PEEK[]");
            keepBodies(protocol, responses, byNumber);
            return null;
        });
    }

    private void keepBodies(IMAPProtocol protocol, Response[] responses, Map<Integer, Message> byNumber)
            throws org.eclipse.angus.mail.iap.ProtocolException {
        List<Response> others = new ArrayList<>();
        for (Response response : Arrays.copyOf(responses, responses.length - 1)) {
            BODY body = response instanceof FetchResponse fetch ? fetch.getItem(BODY.class) : null;
            Message mail = body == null ? null : byNumber.get(((FetchResponse) response).getNumber());
            if (mail != null) {
                ByteArray bytes = body.getByteArray();
                bodies.put(mail, Arrays.copyOfRange(bytes.getBytes(), bytes.getStart(),
                        bytes.getStart() + bytes.getCount()));
            } else {
                others.add(response); // new mail, expunged ones...: the folder must hear of them
            }
        }
        protocol.notifyResponseHandlers(others.toArray(Response[]::new));
        protocol.handleResult(responses[responses.length - 1]);
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
