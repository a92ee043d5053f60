package io.einvoice.gateway.archive;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of {@code routes/archive.camel.yaml}: approval (purchase) and sending (sales) hand a document id to
 * {@code seda:archive} or {@code direct:archive-document}. A document that cannot be archived is a business outcome,
 * logged with its reason, not an error to retry.
 */
public class ArchiveRequests {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveRequests.class);
    static final String SYSTEM_ACTOR = "system:archive";

    private final ArchiveService service;

    public ArchiveRequests(ArchiveService service) {
        this.service = service;
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
