package io.einvoice.gateway.approval;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.OffsetDateTime;

/** Each dossier's approval settings; a dossier never configured has the defaults (mode ALL, no threshold). */
public class SettingsRepository {

    private final JdbcTemplate jdbc;

    public SettingsRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public ApprovalSettings find(String dossierId) {
        return jdbc.query("SELECT approval_mode, approval_threshold FROM dossier_settings WHERE dossier_id = ?",
                        (rs, n) -> new ApprovalSettings(ApprovalMode.valueOf(rs.getString("approval_mode")),
                                rs.getBigDecimal("approval_threshold")), dossierId)
                .stream().findFirst().orElse(ApprovalSettings.DEFAULT);
    }

    public void save(String dossierId, ApprovalSettings settings) {
        OffsetDateTime now = OffsetDateTime.now();
        int updated = jdbc.update("UPDATE dossier_settings SET approval_mode = ?, approval_threshold = ?, updated_at = ?"
                + " WHERE dossier_id = ?", settings.mode().name(), settings.threshold(), now, dossierId);
        if (updated == 0) {
            jdbc.update("INSERT INTO dossier_settings (dossier_id, approval_mode, approval_threshold, updated_at)"
                            + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", dossierId, settings.mode().name(),
                    settings.threshold(), now);
        }
    }
}
