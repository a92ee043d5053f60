package io.einvoice.gateway.dispatch.chorus;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The chorus_attempt table. */
public final class ChorusAttempts {

    private static final String COLUMNS = "id, dossier_id, document_id, invoice_number, facturx_sha256, state, flux_number,"
            + " flux_state, chorus_invoice_id, chorus_status, reasons, created_at, updated_at, version";
    private static final RowMapper<ChorusAttempt> ROW = (rs, i) -> new ChorusAttempt(rs.getString("id"),
            rs.getString("dossier_id"), rs.getString("document_id"), rs.getString("invoice_number"),
            rs.getString("facturx_sha256"), ChorusAttempt.State.valueOf(rs.getString("state")), rs.getString("flux_number"),
            rs.getString("flux_state"), (Long) rs.getObject("chorus_invoice_id", Long.class), rs.getString("chorus_status"),
            lines(rs.getString("reasons")), rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("updated_at", OffsetDateTime.class), rs.getInt("version"));

    private final JdbcTemplate jdbc;

    public ChorusAttempts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the attempt as PENDING; committed before the deposit call is made. */
    public ChorusAttempt recordPending(String dossierId, String documentId, String invoiceNumber, String sha256) {
        OffsetDateTime now = OffsetDateTime.now();
        ChorusAttempt attempt = new ChorusAttempt(UUID.randomUUID().toString(), dossierId, documentId, invoiceNumber, sha256,
                ChorusAttempt.State.PENDING, null, null, null, null, List.of(), now, now, 0);
        jdbc.update("INSERT INTO chorus_attempt (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                attempt.id(), dossierId, documentId, invoiceNumber, sha256, attempt.state().name(), null, null, null, null,
                null, now, now, attempt.version());
        return attempt;
    }

    /**
     * Stores the attempt's next state if the row is still at the version it was derived from.
     *
     * @return what the row holds now: {@code next} (one version up), or, when another follower moved the attempt
     *         first, that newer state, which the caller goes on from instead of its own stale view
     */
    public ChorusAttempt update(ChorusAttempt next) {
        int written = jdbc.update("UPDATE chorus_attempt SET state = ?, flux_number = ?, flux_state = ?, chorus_invoice_id = ?,"
                        + " chorus_status = ?, reasons = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
                next.state().name(), next.fluxNumber(), next.fluxState(), next.chorusInvoiceId(),
                next.chorusStatus(), next.reasons().isEmpty() ? null : truncate(String.join("\n", next.reasons())),
                next.updatedAt(), next.id(), next.version());
        if (written == 1) {
            return next.stored();
        }
        return find(next.id()).orElseThrow(() -> new IllegalStateException("chorus attempt " + next.id() + " is gone"));
    }

    public Optional<ChorusAttempt> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM chorus_attempt WHERE id = ?", ROW, id).stream().findFirst();
    }

    /** The attempt that stands for this invoice number of this dossier on Chorus Pro, if any. */
    public Optional<ChorusAttempt> findHolding(String dossierId, String invoiceNumber) {
        return jdbc.query("SELECT " + COLUMNS + " FROM chorus_attempt WHERE dossier_id = ? AND invoice_number = ?"
                        + " AND state IN (?, ?, ?, ?) ORDER BY created_at DESC", ROW, dossierId, invoiceNumber,
                ChorusAttempt.State.PENDING.name(), ChorusAttempt.State.DEPOSITED.name(),
                ChorusAttempt.State.INTEGRATED.name(), ChorusAttempt.State.PAID.name()).stream().findFirst();
    }

    public List<ChorusAttempt> inStates(ChorusAttempt.State... states) {
        String in = String.join(", ", Arrays.stream(states).map(s -> "'" + s.name() + "'").toList());
        return jdbc.query("SELECT " + COLUMNS + " FROM chorus_attempt WHERE state IN (" + in + ") ORDER BY created_at", ROW);
    }

    public List<ChorusAttempt> forDossier(String dossierId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM chorus_attempt WHERE dossier_id = ? ORDER BY created_at", ROW, dossierId);
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : List.of(text.split("\n"));
    }

    private static String truncate(String text) {
        return text.length() <= 4000 ? text : text.substring(0, 3999) + "…";
    }
}
