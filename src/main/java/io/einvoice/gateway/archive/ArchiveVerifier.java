package io.einvoice.gateway.archive;

import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Recomputes every dossier chain from the stored entries and the blob files, trusting neither: sequence without gaps,
 * each previous hash, each metadata and entry hash, each blob's bytes, the document row against what the entry sealed,
 * and the chain head (entries removed from the end). Stops a dossier at its first broken entry.
 */
public class ArchiveVerifier {

    /** Called after each verified entry, for progress on long runs. */
    public interface Progress {
        void verified(long done, long total);
    }

    /** Where a chain breaks: the first entry that does not hold, and why. */
    public record Break(String siren, long seq, String documentId, String reason) {
        @Override
        public String toString() {
            return "dossier " + siren + " entry " + seq + (documentId == null ? "" : " (document " + documentId + ")")
                    + ": " + reason;
        }
    }

    public record Result(long entries, List<Break> breaks) {
        public boolean intact() {
            return breaks.isEmpty();
        }
    }

    private final ArchiveRepository archive;
    private final DocumentRepository documents;
    private final DossierRepository dossiers;
    private final BlobStore blobs;

    public ArchiveVerifier(ArchiveRepository archive, DocumentRepository documents, DossierRepository dossiers, BlobStore blobs) {
        this.archive = archive;
        this.documents = documents;
        this.dossiers = dossiers;
        this.blobs = blobs;
    }

    /** Every dossier with an archive, or only {@code siren} when given. */
    public Result verify(String siren, Progress progress) {
        List<String> dossierIds;
        if (siren == null) {
            dossierIds = archive.dossiersWithChains();
        } else {
            dossierIds = dossiers.findBySiren(siren).map(Dossier::id).map(List::of)
                    .orElseThrow(() -> new IllegalArgumentException("no dossier with SIREN " + siren));
        }
        long total = 0;
        for (String id : dossierIds) {
            total += archive.count(id);
        }
        long[] done = {0};
        List<Break> breaks = new ArrayList<>();
        long finalTotal = total;
        for (String dossierId : dossierIds) {
            verifyDossier(dossierId, () -> progress.verified(++done[0], finalTotal)).ifPresent(breaks::add);
        }
        return new Result(done[0], breaks);
    }

    private Optional<Break> verifyDossier(String dossierId, Runnable verifiedOne) {
        String siren = dossiers.findById(dossierId).orElseThrow().siren();
        ChainWalk walk = new ChainWalk();
        archive.forEach(dossierId, null, null, entry -> {
            if (walk.broken == null) {
                walk.broken = check(entry, walk.expectedSeq, walk.expectedPrevious);
                walk.expectedSeq = entry.seq() + 1;
                walk.expectedPrevious = entry.entryHash();
                verifiedOne.run();
            }
        });
        if (walk.broken != null) {
            return Optional.of(walk.broken);
        }
        ArchiveRepository.Head head = archive.head(dossierId);
        long last = walk.expectedSeq - 1;
        if (head.lastSeq() != last || !head.lastHash().equals(walk.expectedPrevious)) {
            return Optional.of(new Break(siren, last + 1, null, "missing: the chain head records " + head.lastSeq()
                    + " entries ending with hash " + head.lastHash() + ", the archive holds " + last
                    + (head.lastSeq() > last ? " (entries were removed from the end)" : "")));
        }
        return Optional.empty();
    }

    private Break check(ArchiveEntry e, long expectedSeq, String expectedPrevious) {
        String siren = e.siren();
        if (e.seq() != expectedSeq) {
            return new Break(siren, expectedSeq, null, "missing: the next entry present is " + e.seq());
        }
        Optional<String> problem = problem(e, expectedPrevious);
        return problem.map(p -> new Break(siren, e.seq(), e.documentId(), p)).orElse(null);
    }

    private Optional<String> problem(ArchiveEntry e, String expectedPrevious) {
        if (!e.previousHash().equals(expectedPrevious)) {
            return Optional.of("its previous hash " + e.previousHash() + " is not the hash of the entry before it, "
                    + expectedPrevious);
        }
        if (!Sha256.of(e.metadataJson()).equals(e.metadataSha256())) {
            return Optional.of("its metadata does not hash to its recorded metadata hash (the row was edited)");
        }
        if (!e.computedHash().equals(e.entryHash())) {
            return Optional.of("its fields hash to " + e.computedHash() + ", not to its recorded hash " + e.entryHash()
                    + " (the row was edited)");
        }
        TreeMap<String, Object> sealed = CanonicalJson.read(e.metadataJson());
        Map<?, ?> files = (Map<?, ?>) sealed.get("files");
        if (files == null || !Objects.equals(files.get("original"), e.originalSha256())
                || !Objects.equals(files.get("facturx"), e.facturxSha256())
                || !Objects.equals(files.get("report"), e.reportSha256())) {
            return Optional.of("its metadata names other files than the entry");
        }
        // a received Factur-X is kept as its own Factur-X: the same blob is read once
        for (String sha : new LinkedHashSet<>(Arrays.asList(e.originalSha256(), e.facturxSha256(), e.reportSha256()))) {
            Optional<String> blob = blobProblem(sha);
            if (blob.isPresent()) {
                return blob;
            }
        }
        return documentProblem(e, sealed);
    }

    private Optional<String> blobProblem(String sha) {
        if (sha == null) {
            return Optional.empty();
        }
        try (InputStream in = blobs.open(sha)) {
            String actual = Sha256.of(in);
            return actual.equals(sha) ? Optional.empty()
                    : Optional.of("blob " + sha + " was changed: its bytes now hash to " + actual + " (" + blobs.pathOf(sha) + ")");
        } catch (NoSuchFileException missing) {
            return Optional.of("blob " + sha + " is missing from the blob store (" + blobs.pathOf(sha) + ")");
        } catch (IOException unreadable) {
            return Optional.of("blob " + sha + " cannot be read: " + unreadable.getMessage());
        }
    }

    private Optional<String> documentProblem(ArchiveEntry e, TreeMap<String, Object> sealed) {
        Optional<Document> found = documents.findById(e.documentId());
        if (found.isEmpty()) {
            return Optional.of("its document row was deleted");
        }
        Document document = found.get();
        if (document.status() != DocumentStatus.ARCHIVED) {
            return Optional.of("its document row is " + document.status() + ", not ARCHIVED (the row was edited)");
        }
        ArchiveMetadata.SNAPSHOT_KEYS.forEach(sealed::remove);
        TreeMap<String, Object> now = CanonicalJson.read(CanonicalJson.write(
                ArchiveMetadata.sealed(document, e.siren(), documents.checks(e.documentId()))));
        if (!now.equals(sealed)) {
            String field = now.keySet().stream().filter(k -> !Objects.equals(now.get(k), sealed.get(k))).findFirst()
                    .orElse("?");
            return Optional.of("its document row no longer matches what was sealed: '" + field + "' was "
                    + sealed.get(field) + ", is now " + now.get(field) + " (the row was edited)");
        }
        return Optional.empty();
    }

    /** Where the walk through one dossier's entries stands. */
    private static final class ChainWalk {
        long expectedSeq = 1;
        String expectedPrevious = ArchiveEntry.GENESIS;
        Break broken;
    }
}
