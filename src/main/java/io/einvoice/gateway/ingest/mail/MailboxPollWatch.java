package io.einvoice.gateway.ingest.mail;

import io.einvoice.gateway.outbound.MailFailure;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * The poll strategy of one mailbox's route: a poll that fails (server down, password refused, not a mail server...)
 * records our own sentence for it on the mailbox, with the time and the count of failures in a row, shown as its
 * {@code problem}; the next poll that succeeds clears it. Replaces Camel's default, which logs the server's words.
 */
public class MailboxPollWatch implements PollingConsumerPollStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxPollWatch.class);

    private final Mailbox mailbox;
    private final MailboxRepository mailboxes;
    private final Clock clock;
    /** Whether the stored problem may be set: true at first, so a problem left from before is cleared by a good poll. */
    private volatile boolean failing = true;

    public MailboxPollWatch(Mailbox mailbox, MailboxRepository mailboxes, Clock clock) {
        this.mailbox = mailbox;
        this.mailboxes = mailboxes;
        this.clock = clock;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        if (failing) {
            mailboxes.clearPollProblem(mailbox.id());
            failing = false;
        }
    }

    /** @return false: no immediate retry, the next poll comes at the mailbox's interval */
    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        failed(cause);
        return false;
    }

    void failed(Throwable cause) {
        MailFailure failure = MailFailure.of(mailbox.protocol().name(), mailbox.host(), mailbox.port(), cause);
        failing = true;
        mailboxes.recordPollFailure(mailbox.id(), failure.sentence(), OffsetDateTime.now(clock));
        LOG.warn("mailbox {} (dossier {}) poll failed: {}", mailbox.id(),
                mailbox.dossierId() == null ? "catch-all of firm " + mailbox.firmId() : mailbox.dossierId(),
                failure.sentence());
    }
}
