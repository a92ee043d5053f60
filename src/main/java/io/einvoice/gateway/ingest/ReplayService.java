package io.einvoice.gateway.ingest;

import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentReplays;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.OffsetDateTime;

/**
 * Replays a quarantined document: its stored original goes through the pipeline again (read, recognised, validated…)
 * as a new document of the same dossier, direction and channel, linked to the old one, which stays as it was with an
 * event saying where it went. A document is replayed once; a replay quarantined again is replayed in its turn.
 */
public class ReplayService {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayService.class);

    private final DocumentRepository documents;
    private final DocumentReplays replays;
    private final DossierRepository dossiers;
    private final IngestService ingest;

    public ReplayService(DocumentRepository documents, DocumentReplays replays, DossierRepository dossiers, IngestService ingest) {
        this.documents = documents;
        this.replays = replays;
        this.dossiers = dossiers;
        this.ingest = ingest;
    }

    /**
     * @param actor who asked (shown in both documents' events)
     * @return the new document
     * @throws ReplayRefusedException when the document is not quarantined or was replayed already
     */
    public IngestResult replay(Document old, String actor) throws IOException {
        refuseIfNotReplayable(old.id());
        Dossier dossier = dossiers.findById(old.dossierId()).orElseThrow();
        IncomingFile file = new IncomingFile(dossier.siren(), old.direction(), old.channel(), old.fileName(),
                "replay of " + old.id());
        IngestResult result = ingest.again(dossier, file, old.originalSha256(),
                replays.firstReadWithContent(dossier.id(), old.originalSha256()).orElse(null),
                "replay of document " + old.id() + " (quarantined: " + old.statusReason() + "), asked by " + actor,
                replayId -> {
                    // under the old document's lock: two replays at once cannot both pass this check
                    documents.lock(old.id());
                    refuseIfNotReplayable(old.id());
                    replays.link(replayId, old.id());
                    documents.appendEvent(old.id(), new DocumentEvent(OffsetDateTime.now(), actor, "REPLAYED", null, null,
                            "replayed as document " + replayId));
                });
        LOG.info("replay dossier={} document={} replayed as document {} ({})", dossier.siren(), old.id(),
                result.documentId(), result.status());
        return result;
    }

    private void refuseIfNotReplayable(String id) {
        Document now = documents.findById(id).orElseThrow();
        if (now.status() != DocumentStatus.QUARANTINED) {
            throw new ReplayRefusedException("only a QUARANTINED document is replayed; this one is " + now.status());
        }
        replays.replayedBy(id).ifPresent(replay -> {
            throw new ReplayRefusedException("this document was already replayed as document " + replay
                    + "; replay that one if it is quarantined too");
        });
    }
}
