package io.einvoice.gateway.connector;

import io.einvoice.gateway.api.Json;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Connectors and their runs. Every query of a dossier's connectors is scoped by the dossier. */
public class ConnectorRepository {

    private static final int MAX_PROBLEM = 500;
    private static final String COLUMNS = "id, dossier_id, name, kind, settings, secret, poll_minutes, paused,"
            + " cursor_value, last_run_at, last_outcome, last_problem, updated_at";

    private static final RowMapper<Connector> CONNECTOR = (rs, n) -> new Connector(rs.getString("id"),
            rs.getString("dossier_id"), rs.getString("name"), ConnectorKind.valueOf(rs.getString("kind")),
            settings(ConnectorKind.valueOf(rs.getString("kind")), rs.getString("settings")), rs.getString("secret"), rs.getInt("poll_minutes"),
            rs.getBoolean("paused"), rs.getString("cursor_value"), rs.getObject("last_run_at", OffsetDateTime.class),
            rs.getString("last_outcome") == null ? null : ConnectorOutcome.valueOf(rs.getString("last_outcome")),
            rs.getString("last_problem"), rs.getObject("updated_at", OffsetDateTime.class));

    private static final RowMapper<ConnectorRun> RUN = (rs, n) -> new ConnectorRun(rs.getString("id"),
            rs.getString("connector_id"), ConnectorRun.Trigger.valueOf(rs.getString("trigger_kind")),
            rs.getObject("started_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class),
            ConnectorOutcome.valueOf(rs.getString("outcome")), rs.getInt("listed"), rs.getInt("fetched"),
            rs.getInt("quarantined"), rs.getString("problem"));

    private final JdbcTemplate jdbc;

    public ConnectorRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Connector> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM connector ORDER BY id", CONNECTOR);
    }

    public Optional<Connector> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM connector WHERE id = ?", CONNECTOR, id).stream().findFirst();
    }

    public List<Connector> ofDossier(String dossierId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM connector WHERE dossier_id = ? ORDER BY name, id", CONNECTOR,
                dossierId);
    }

    /** Settings only: what the last run found (cursor, outcome) is the runs' to write. */
    public void save(Connector c) {
        int updated = jdbc.update("UPDATE connector SET name = ?, kind = ?, settings = ?, secret = ?, poll_minutes = ?,"
                        + " paused = ?, last_problem = ?, last_outcome = ?, updated_at = ? WHERE id = ? AND dossier_id = ?",
                c.name(), c.kind().name(), Json.write(c.settings()), c.sealedSecret(), c.pollMinutes(), c.paused(),
                c.lastProblem(), c.lastOutcome() == null ? null : c.lastOutcome().name(), c.updatedAt(), c.id(),
                c.dossierId());
        if (updated == 0) {
            jdbc.update("INSERT INTO connector (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    c.id(), c.dossierId(), c.name(), c.kind().name(), Json.write(c.settings()), c.sealedSecret(),
                    c.pollMinutes(), c.paused(), c.cursor(), c.lastRunAt(),
                    c.lastOutcome() == null ? null : c.lastOutcome().name(), c.lastProblem(), c.updatedAt());
        }
    }

    public void setPaused(String id, boolean paused, OffsetDateTime at) {
        jdbc.update("UPDATE connector SET paused = ?, updated_at = ? WHERE id = ?", paused, at, id);
    }

    /** The documents it brought stay: they are the dossier's. */
    public void delete(String id) {
        jdbc.update("DELETE FROM connector_run WHERE connector_id = ?", id);
        jdbc.update("DELETE FROM connector WHERE id = ?", id);
    }

    /**
     * The run, and what the connector shows of it; a run that must stop the connector ({@link ConnectorOutcome#STOPPED})
     * pauses it. A dry run changes nothing but its own record.
     */
    public void recordRun(ConnectorRun run, String cursor) {
        String problem = bounded(run.problem());
        jdbc.update("INSERT INTO connector_run (id, connector_id, trigger_kind, started_at, finished_at, outcome, listed,"
                        + " fetched, quarantined, problem) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", run.id(),
                run.connectorId(), run.trigger().name(), run.startedAt(), run.finishedAt(), run.outcome().name(),
                run.listed(), run.fetched(), run.quarantined(), problem);
        if (run.trigger() != ConnectorRun.Trigger.DRY_RUN) {
            jdbc.update("UPDATE connector SET last_run_at = ?, last_outcome = ?, last_problem = ?,"
                            + " cursor_value = COALESCE(?, cursor_value),"
                            + " paused = CASE WHEN ? THEN TRUE ELSE paused END WHERE id = ?",
                    run.finishedAt(), run.outcome().name(), problem, cursor, run.outcome() == ConnectorOutcome.STOPPED,
                    run.connectorId());
        }
    }

    /** The newest runs first. */
    public List<ConnectorRun> runs(String connectorId, int limit) {
        return jdbc.query("SELECT id, connector_id, trigger_kind, started_at, finished_at, outcome, listed, fetched,"
                + " quarantined, problem FROM connector_run WHERE connector_id = ? ORDER BY started_at DESC, id"
                + " FETCH FIRST " + Math.max(1, Math.min(limit, 100)) + " ROWS ONLY", RUN, connectorId);
    }

    /** Each kind's settings as that kind writes them. */
    static SourceSettings settings(ConnectorKind kind, String json) {
        return switch (kind) {
            case REST_JSON -> Json.read(json, RestSettings.class);
            case PORTAL -> Json.read(json, PortalSettings.class);
            case SFTP -> Json.read(json, SftpSettings.class);
            case FTPS -> Json.read(json, FtpsSettings.class);
            case CHORUS_PRO -> Json.read(json, ChorusProSettings.class);
        };
    }

    private static String bounded(String sentence) {
        return sentence == null ? null : sentence.substring(0, Math.min(sentence.length(), MAX_PROBLEM));
    }
}
