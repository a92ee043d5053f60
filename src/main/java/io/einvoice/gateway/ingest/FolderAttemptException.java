package io.einvoice.gateway.ingest;

/**
 * One attempt on a dropped file failed for a reason that is not passing. The file stays in its folder for the next
 * attempt, until {@link FolderIngest#MAX_ATTEMPTS} send it to {@code .failed/}.
 */
public class FolderAttemptException extends Exception {

    public FolderAttemptException(String message, Throwable cause) {
        super(message, cause);
    }
}
