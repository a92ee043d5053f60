package io.einvoice.gateway.dossier;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Firms and dossiers. */
public class DossierRepository {

    private static final String DOSSIER_COLUMNS =
            "id, firm_id, siren, siret, name, vat_number, closing_month, status, firm_own";

    private static final RowMapper<Dossier> DOSSIER = (rs, n) -> new Dossier(
            rs.getString("id"), rs.getString("firm_id"), rs.getString("siren"), rs.getString("siret"),
            rs.getString("name"), rs.getString("vat_number"), rs.getInt("closing_month"), rs.getString("status"),
            rs.getBoolean("firm_own"));

    private final JdbcTemplate jdbc;

    public DossierRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insertFirm(Firm firm) {
        jdbc.update("INSERT INTO firm (id, name, siren, created_at) VALUES (?, ?, ?, ?)",
                firm.id(), firm.name(), firm.siren(), OffsetDateTime.now());
    }

    public Optional<Firm> findFirmBySiren(String siren) {
        return jdbc.query("SELECT id, name, siren FROM firm WHERE siren = ?",
                (rs, n) -> new Firm(rs.getString("id"), rs.getString("name"), rs.getString("siren")), siren)
                .stream().findFirst();
    }

    public void insert(Dossier dossier) {
        jdbc.update("INSERT INTO dossier (" + DOSSIER_COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                dossier.id(), dossier.firmId(), dossier.siren(), dossier.siret(), dossier.name(), dossier.vatNumber(),
                dossier.closingMonth(), dossier.status(), dossier.firmOwn(), OffsetDateTime.now());
    }

    public Optional<Dossier> findBySiren(String siren) {
        return jdbc.query("SELECT " + DOSSIER_COLUMNS + " FROM dossier WHERE siren = ?", DOSSIER, siren).stream().findFirst();
    }

    public Optional<Dossier> findById(String id) {
        return jdbc.query("SELECT " + DOSSIER_COLUMNS + " FROM dossier WHERE id = ?", DOSSIER, id).stream().findFirst();
    }

    /** How logs name a dossier: by its SIREN, as people know it (its id if it is gone). */
    public String sirenForLogs(String id) {
        return findById(id).map(Dossier::siren).orElse(id);
    }

    /** Whether the persons of the client company may approve or reject the dossier's invoices (off by default). */
    public boolean clientsMayApprove(String dossierId) {
        return jdbc.query("SELECT clients_may_approve FROM dossier WHERE id = ?", (rs, n) -> rs.getBoolean(1), dossierId)
                .stream().findFirst().orElse(false);
    }

    /** @return whether the value changed */
    public boolean setClientsMayApprove(String dossierId, boolean allowed) {
        return jdbc.update("UPDATE dossier SET clients_may_approve = ? WHERE id = ? AND clients_may_approve <> ?",
                allowed, dossierId, allowed) > 0;
    }

    public List<Dossier> findByFirm(String firmId) {
        return jdbc.query("SELECT " + DOSSIER_COLUMNS + " FROM dossier WHERE firm_id = ? ORDER BY name", DOSSIER, firmId);
    }
}
