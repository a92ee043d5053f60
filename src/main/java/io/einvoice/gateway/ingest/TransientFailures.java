package io.einvoice.gateway.ingest;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tells a passing failure — the database unreachable or busy, the disk full — from one that will happen again with
 * the same file (out of memory on it, a bug). A channel retries the first kind for as long as it lasts, and gives up on
 * a file after a few of the second.
 */
public final class TransientFailures {

    /** SQLSTATE classes of passing trouble: connection (08), rollback/deadlock (40), resources (53), operator (57). */
    private static final Set<String> PASSING_SQL_STATE_CLASSES = Set.of("08", "40", "53", "57");

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2
                    && PASSING_SQL_STATE_CLASSES.contains(sql.getSQLState().substring(0, 2))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Our own sentence for a failure that is not passing, for a person reading {@code .error.txt}: the kind of failure
     * only, never its message, which may quote the file.
     */
    public static String describe(Throwable failure) {
        if (failure instanceof OutOfMemoryError) {
            return "reading it needs more memory than the gateway has (OutOfMemoryError)";
        }
        if (failure instanceof StackOverflowError) {
            return "it is nested too deeply to be read (StackOverflowError)";
        }
        return "an internal error (" + failure.getClass().getSimpleName() + ")";
    }
}
