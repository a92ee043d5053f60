package io.einvoice.gateway.archive;

import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentChecks;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.dossier.DossierRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Appends a document to its dossier's archive chain and moves it to ARCHIVED, in one transaction. Appends in one
 * dossier are serialised by a row lock on the chain head; the (dossier, seq) primary key is the last word, so two
 * appends can never take the same number (the loser retries on the new head).
 */
public class ArchiveService {

    /** Purchase invoices are archived once approved, sales invoices once sent. */
    public static final Set<DocumentStatus> ARCHIVABLE = Set.of(DocumentStatus.APPROVED, DocumentStatus.SENT);

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveService.class);
    private static final int ATTEMPTS = 20;

    private final DocumentRepository documents;
    private final DossierRepository dossiers;
    private final ArchiveRepository archive;
    private final BlobStore blobs;
    private final TransactionTemplate transactions;
    private final int retentionYears;

    public ArchiveService(DocumentRepository documents, DossierRepository dossiers, ArchiveRepository archive,
                          BlobStore blobs, TransactionTemplate transactions, int retentionYears) {
        if (retentionYears < 0) {
            throw new IllegalArgumentException("the archive retention must be 0 years or more, got " + retentionYears);
        }
        this.documents = documents;
        this.dossiers = dossiers;
        this.archive = archive;
        this.blobs = blobs;
        this.transactions = transactions;
        this.retentionYears = retentionYears;
    }

    /**
     * @throws NotArchivableException when the document does not exist, is already archived or is neither APPROVED
     *                                nor SENT; nothing is changed then
     */
    public ArchiveEntry archive(String documentId, String actor) {
        for (int attempt = 1; ; attempt++) {
            try {
                ArchiveEntry entry = transactions.execute(status -> append(documentId, actor));
                LOG.info("archive: dossier {} document {} archived as entry {} ({})", entry.siren(), documentId,
                        entry.seq(), entry.entryHash());
                return entry;
            } catch (DuplicateKeyException | ConcurrencyFailureException raced) {
                // another append in this dossier won the head (H2 may time out the lock wait): read the new head again
                if (attempt == ATTEMPTS) {
                    throw raced;
                }
                LOG.debug("archive: document {} retries after a concurrent append ({})", documentId, raced.getMessage());
            }
        }
    }

    public int retentionYears() {
        return retentionYears;
    }

    private ArchiveEntry append(String documentId, String actor) {
        DocumentRepository.Checked read = documents.findChecked(documentId)
                .orElseThrow(() -> new NotArchivableException("document " + documentId + " does not exist"));
        Document document = read.document();
        DocumentChecks checks = read.checks();
        refuseIfNotArchivable(document);
        ArchiveRepository.Head head = archive.lockHead(document.dossierId());
        String siren = dossiers.identity(document.dossierId()).orElseThrow().siren();
        Stream.of(document.originalSha256(), checks.facturxSha256(), checks.validationReportSha256())
                .filter(sha -> sha != null && !blobs.contains(sha))
                .findFirst().ifPresent(missing -> {
                    throw new IllegalStateException("blob " + missing + " of document " + documentId
                            + " is not in the blob store: the document cannot be archived until it is restored");
                });
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String metadata = CanonicalJson.write(ArchiveMetadata.of(document, siren, checks, document.status(), actor));
        ArchiveEntry entry = new ArchiveEntry(document.dossierId(), siren, head.lastSeq() + 1, documentId,
                document.originalSha256(), checks.facturxSha256(), checks.validationReportSha256(), metadata,
                Sha256.of(metadata), head.lastHash(), null, now,
                now.atOffset(ZoneOffset.UTC).toLocalDate().plusYears(retentionYears), actor);
        entry = entry.withEntryHash(entry.computedHash());
        boolean moved = documents.transition(documentId, document.status(), DocumentStatus.ARCHIVED,
                null, new DocumentEvent(OffsetDateTime.ofInstant(now, ZoneOffset.UTC), actor, "ARCHIVED",
                        document.status(), DocumentStatus.ARCHIVED,
                        "archive entry " + entry.seq() + ", hash " + entry.entryHash() + ", kept until " + entry.retainUntil()));
        if (!moved) {
            throw new NotArchivableException("document " + documentId + " changed status while it was being archived; try again");
        }
        archive.append(entry);
        return entry;
    }

    private void refuseIfNotArchivable(Document document) {
        if (document.status() == DocumentStatus.ARCHIVED) {
            long seq = archive.findByDocument(document.id()).map(ArchiveEntry::seq).orElse(0L);
            throw new NotArchivableException("document " + document.id() + " is already archived (entry " + seq + ")");
        }
        if (!ARCHIVABLE.contains(document.status())) {
            throw new NotArchivableException("document " + document.id() + " is " + document.status()
                    + "; only APPROVED purchase invoices and SENT sales invoices are archived");
        }
    }
}
