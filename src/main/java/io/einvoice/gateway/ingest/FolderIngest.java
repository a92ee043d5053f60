package io.einvoice.gateway.ingest;

import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.Direction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;

/**
 * Drop folders {@code inbox/<SIREN>/purchase/} and {@code inbox/<SIREN>/sales/} (invoices from billing software): hands each file to {@link IngestService} and says where the file must
 * go afterwards — {@code .done/} once its document is committed, {@code .failed/} with {@code <name>.error.txt} when
 * it could not be processed. The route moves the file only after this returns, so nothing is lost on a crash.
 */
public class FolderIngest {

    private static final Logger LOG = LoggerFactory.getLogger(FolderIngest.class);

    /** Attempts on one file that fail for a reason that is not passing, before it goes to .failed/. */
    public static final int MAX_ATTEMPTS = 3;

    private final Path inbox;
    private final IngestService ingest;
    private final FolderAttempts attempts;
    /** Writes what was committed to disk, before the route moves the file (Database#flushCommitted). */
    private final Runnable flushCommitted;

    public FolderIngest(Path inbox, IngestService ingest, FolderAttempts attempts, Runnable flushCommitted) {
        this.inbox = inbox;
        this.ingest = ingest;
        this.attempts = attempts;
        this.flushCommitted = flushCommitted;
    }

    /** Creates the drop folders of a dossier, so people see where to put files. */
    public void createFolders(String siren) throws IOException {
        Files.createDirectories(inbox.resolve(siren).resolve("purchase"));
        Files.createDirectories(inbox.resolve(siren).resolve("sales"));
    }

    /**
     * Each call is one attempt, counted in the database before it starts. A passing failure (database, disk) is thrown
     * as it is and not counted: the file stays and is tried again for as long as the trouble lasts. Any other failure
     * is counted and thrown as {@link FolderAttemptException}; after {@link #MAX_ATTEMPTS} of them — or attempts that
     * never came back because the gateway crashed — the file goes to {@code .failed/} with the reason.
     *
     * @param dropped       the file, inside {@code inbox/<SIREN>/purchase/} or {@code inbox/<SIREN>/sales/}
     * @param lastModified  its modification time: with the path, it tells a re-delivery after a crash from a new drop
     * @return where the route must move the file: an absolute path in {@code .done/} or {@code .failed/}
     */
    public FolderOutcome receive(File dropped, long lastModified) throws IOException, FolderAttemptException {
        Path file = dropped.toPath();
        Path relative = inbox.relativize(file.toAbsolutePath().normalize());
        String transportId = "inbox/" + relative.toString().replace('\\', '/') + "@" + lastModified;
        int attempt = attempts.begin(transportId);
        if (attempt > MAX_ATTEMPTS) {
            String reason = attempts.lastFailure(transportId).orElse("the gateway stopped while reading it");
            LOG.error("ingest file={} given up after {} attempts: {}", relative, MAX_ATTEMPTS, reason);
            FolderOutcome outcome = failed(file, "given up after " + MAX_ATTEMPTS + " attempts: " + reason);
            attempts.forget(transportId);
            return outcome;
        }
        FolderOutcome outcome;
        try {
            outcome = ingest(file, relative, transportId);
        } catch (Throwable failure) {
            if (TransientFailures.isTransient(failure)) {
                notCounted(transportId, failure);
                throw failure;
            }
            String reason = TransientFailures.describe(failure);
            attempts.failed(transportId, reason);
            LOG.error("ingest file={} attempt {} of {} failed: {}", relative, attempt, MAX_ATTEMPTS, reason, failure);
            throw new FolderAttemptException("attempt " + attempt + " of " + MAX_ATTEMPTS + " on " + relative
                    + " failed: " + reason, failure);
        }
        attempts.forget(transportId);
        flushCommitted.run();
        return outcome;
    }

    private FolderOutcome ingest(Path file, Path relative, String transportId) throws IOException {
        String siren = relative.getName(0).toString();
        Direction direction = relative.getNameCount() > 2 && "sales".equals(relative.getName(1).toString())
                ? Direction.SALES : Direction.PURCHASE;
        IncomingFile incoming = new IncomingFile(siren, direction, Channel.FOLDER, file.getFileName().toString(),
                transportId);
        try (InputStream content = Files.newInputStream(file)) {
            IngestResult result = ingest.receive(incoming, content);
            if (result.quarantined()) {
                return failed(file, result.reason() + " (document " + result.documentId() + ")");
            }
            return new FolderOutcome(freeName(file.resolveSibling(".done"), file.getFileName().toString()).toString(), result);
        } catch (UnknownDossierException e) {
            LOG.warn("ingest file={} refused: {}", relative, e.getMessage());
            return failed(file, e.getMessage());
        }
    }

    /** The database may be what failed: then the attempt stays counted, which only the passing trouble explains. */
    private void notCounted(String transportId, Throwable failure) {
        try {
            attempts.notCounted(transportId);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private FolderOutcome failed(Path file, String reason) throws IOException {
        Path target = freeName(file.resolveSibling(".failed"), file.getFileName().toString());
        Files.writeString(target.resolveSibling(target.getFileName() + ".error.txt"),
                OffsetDateTime.now() + "\n" + file.getFileName() + ": " + reason + "\n"
                        + "Fix the cause, then move the file back into " + file.getParent().getFileName() + "/ to process it again.\n",
                StandardCharsets.UTF_8);
        return new FolderOutcome(target.toString(), null);
    }

    /** {@code name}, or {@code name (2)}, {@code name (3)}... so an earlier file in the folder is never overwritten. */
    static Path freeName(Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        Path candidate = folder.resolve(name);
        for (int n = 2; Files.exists(candidate) || Files.exists(folder.resolve(candidate.getFileName() + ".error.txt")); n++) {
            candidate = folder.resolve(base + " (" + n + ")" + extension);
        }
        return candidate;
    }

    /**
     * Where the file goes (an absolute path, as text: Camel would read a Path header as the file's content), and the
     * ingest result when a document was stored (null when refused before that).
     */
    public record FolderOutcome(String moveTo, IngestResult result) {
    }
}
