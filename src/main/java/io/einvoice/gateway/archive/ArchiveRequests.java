package io.einvoice.gateway.archive;

import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.document.DocumentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The entry point of {@code routes/archive.camel.yaml}: approval (purchase) and sending (sales) hand a document id to
 * {@code gateway.stage.archive} or {@code direct:archive-document}. A document that cannot be archived is a business outcome,
 * logged with its reason, not an error to retry.
 */
public class ArchiveRequests {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveRequests.class);
    static final String SYSTEM_ACTOR = "system:archive";

    static final String APPROVAL_ACTOR = "rule:archive-when-approved";

    private final ArchiveService service;
    private final DocumentRepository documents;

    public ArchiveRequests(ArchiveService service, DocumentRepository documents) {
        this.service = service;
        this.documents = documents;
    }

    /**
     * Archives the approved purchase invoices, however they were approved (a rule or a person): the database is the
     * queue, so an approval is never lost between its commit and its archive entry, even across a restart.
     *
     * @return how many were archived
     */
    public int archiveApproved() {
        int archived = 0;
        for (String id : documents.idsInStatus(DocumentStatus.APPROVED, 100)) {
            try {
                if (archive(id, APPROVAL_ACTOR) != null) {
                    archived++;
                } else {
                    documents.postpone(id);
                }
            } catch (RuntimeException e) {
                // one document that cannot be archived must not hold back the others: it stays APPROVED and goes to the
                // back of the queue
                documents.postpone(id);
                LOG.error("archive document={} could not be archived, retried after the others", id, e);
            }
        }
        return archived;
    }

    /**
     * Sales invoices sent but not archived: sending hands them to {@code gateway.stage.archive} after its commit, and a
     * node that stopped in between took that hand-off with it (SENT is the status between the two).
     */
    public List<String> sentNotArchived() {
        return documents.idsInStatus(DocumentStatus.SENT, Integer.MAX_VALUE);
    }

    /** @return the entry, or null when the document was not archivable (the reason is logged) */
    public ArchiveEntry archive(String documentId, String actor) {
        if (documentId == null || documentId.isBlank()) {
            throw new IllegalArgumentException("an archive request needs a document id as its body");
        }
        try {
            return service.archive(documentId.trim(), actor == null || actor.isBlank() ? SYSTEM_ACTOR : actor);
        } catch (NotArchivableException refused) {
            LOG.warn("archive: document {} not archived: {}", documentId, refused.getMessage());
            return null;
        }
    }
}
