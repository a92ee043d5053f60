package io.einvoice.gateway.dossier;

import io.einvoice.gateway.archive.Sha256;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Failed logins in a row, per account and per client address, in the database so that every node counts the same.
 * An attempt is charged as a failure <em>before</em> the password is checked (under the row's lock), so parallel guesses
 * cannot slip past the limit while the hash runs; a success takes the charge back for the account.
 */
public class LoginThrottle {

    enum Kind { ACCOUNT, ADDRESS }

    /**
     * After {@code freeFailures} failures in a row a subject is locked for {@code firstLock}, doubled at each further
     * failure up to {@code longestLock}; failures older than {@code forgetAfter} no longer count.
     */
    public record Policy(int freeFailures, Duration firstLock, Duration longestLock, Duration forgetAfter) {
        public Duration lockAfter(int failures) {
            if (failures < freeFailures) {
                return Duration.ZERO;
            }
            int doublings = Math.min(failures - freeFailures, 30);
            Duration lock = firstLock.multipliedBy(1L << doublings);
            return lock.compareTo(longestLock) > 0 ? longestLock : lock;
        }
    }

    /** 5 wrong passwords for one account; 20 from one address (an office behind one NAT holds many accountants). */
    public static final Policy ACCOUNT_POLICY = new Policy(5, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(1));
    public static final Policy ADDRESS_POLICY = new Policy(20, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(1));

    /** What charging an attempt found: refused outright (and for how long), or allowed, possibly the one that locks. */
    public record Charge(Duration retryAfter, boolean locksOnFailure) {
        public boolean refused() {
            return !retryAfter.isZero();
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Policy accountPolicy;
    private final Policy addressPolicy;

    public LoginThrottle(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock, Policy accountPolicy,
                         Policy addressPolicy) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.accountPolicy = accountPolicy;
        this.addressPolicy = addressPolicy;
    }

    /** With the standard policies and the system clock. */
    public static LoginThrottle standard(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new LoginThrottle(jdbc, transactions, Clock.systemUTC(), ACCOUNT_POLICY, ADDRESS_POLICY);
    }

    /**
     * Counts this attempt as a failure of the account and of the address unless either is locked, in which case nothing
     * is counted and the answer says how long to wait.
     */
    public Charge charge(String account, String address) {
        String accountHash = Sha256.of(account);
        String addressHash = address == null ? null : Sha256.of(address);
        ensureRow(Kind.ACCOUNT, accountHash);
        if (addressHash != null) {
            ensureRow(Kind.ADDRESS, addressHash);
        }
        return transactions.execute(tx -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            State accountState = lock(Kind.ACCOUNT, accountHash, now, accountPolicy);
            State addressState = addressHash == null ? null : lock(Kind.ADDRESS, addressHash, now, addressPolicy);
            Duration wait = max(accountState.remaining(now), addressState == null ? Duration.ZERO : addressState.remaining(now));
            if (!wait.isZero()) {
                return new Charge(roundUp(wait), false);
            }
            boolean locks = fail(Kind.ACCOUNT, accountHash, accountState.failures() + 1, now, accountPolicy);
            if (addressState != null) {
                locks |= fail(Kind.ADDRESS, addressHash, addressState.failures() + 1, now, addressPolicy);
            }
            return new Charge(Duration.ZERO, locks);
        });
    }

    /**
     * The password was right: the account starts afresh, and the address gets back the failure this attempt was charged
     * (an office's many good logins never lock it). The address keeps its earlier failures, or one valid account would
     * let its holder try passwords on every other account from the same address without limit.
     */
    public void succeeded(String account, String address) {
        jdbc.update("DELETE FROM login_throttle WHERE kind = ? AND subject_hash = ?", Kind.ACCOUNT.name(), Sha256.of(account));
        if (address != null) {
            jdbc.update("UPDATE login_throttle SET failures = failures - 1,"
                            + " locked_until = CASE WHEN failures - 1 < ? THEN NULL ELSE locked_until END"
                            + " WHERE kind = ? AND subject_hash = ? AND failures > 0",
                    addressPolicy.freeFailures(), Kind.ADDRESS.name(), Sha256.of(address));
        }
    }

    private record State(int failures, OffsetDateTime lockedUntil) {
        Duration remaining(OffsetDateTime now) {
            return lockedUntil == null || !lockedUntil.isAfter(now) ? Duration.ZERO : Duration.between(now, lockedUntil);
        }
    }

    private State lock(Kind kind, String hash, OffsetDateTime now, Policy policy) {
        // no row: the clean-up done by another attempt took it between ensureRow and here; it counted nothing anyway
        return jdbc.query("SELECT failures, locked_until, last_failure_at FROM login_throttle"
                        + " WHERE kind = ? AND subject_hash = ? FOR UPDATE",
                (rs, n) -> {
                    OffsetDateTime last = rs.getObject(3, OffsetDateTime.class);
                    OffsetDateTime lockedUntil = rs.getObject(2, OffsetDateTime.class);
                    boolean forgotten = last.plus(policy.forgetAfter()).isBefore(now)
                            && (lockedUntil == null || !lockedUntil.isAfter(now));
                    return forgotten ? new State(0, null) : new State(rs.getInt(1), lockedUntil);
                }, kind.name(), hash).stream().findFirst().orElse(new State(0, null));
    }

    private boolean fail(Kind kind, String hash, int failures, OffsetDateTime now, Policy policy) {
        Duration lock = policy.lockAfter(failures);
        OffsetDateTime lockedUntil = lock.isZero() ? null : now.plus(lock);
        if (jdbc.update("UPDATE login_throttle SET failures = ?, locked_until = ?, last_failure_at = ?"
                + " WHERE kind = ? AND subject_hash = ?", failures, lockedUntil, now, kind.name(), hash) == 0) {
            jdbc.update("INSERT INTO login_throttle (kind, subject_hash, failures, locked_until, last_failure_at)"
                    + " VALUES (?, ?, ?, ?, ?)", kind.name(), hash, failures, lockedUntil, now);
        }
        return !lock.isZero();
    }

    /** Rows are created outside the counting transaction: PostgreSQL aborts a transaction on a duplicate key. */
    private void ensureRow(Kind kind, String hash) {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM login_throttle WHERE kind = ? AND subject_hash = ?", Integer.class,
                kind.name(), hash) > 0) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        // the table holds one row per e-mail ever tried: rows nobody failed with for a day go when new ones come
        jdbc.update("DELETE FROM login_throttle WHERE last_failure_at < ? AND (locked_until IS NULL OR locked_until < ?)",
                now.minusDays(1), now);
        try {
            jdbc.update("INSERT INTO login_throttle (kind, subject_hash, failures, last_failure_at) VALUES (?, ?, 0, ?)",
                    kind.name(), hash, now);
        } catch (DuplicateKeyException e) {
            // a parallel attempt created it: the same row serves both
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration roundUp(Duration wait) {
        return Duration.ofSeconds(wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    }
}
