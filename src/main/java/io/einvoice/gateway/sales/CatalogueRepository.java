package io.einvoice.gateway.sales;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The catalogues; every read is scoped by dossier, so an item of another dossier does not exist for the caller. */
public class CatalogueRepository {

    private static final String COLUMNS = "id, dossier_id, kind, label, unit_code, unit_price, vat_rate, vat_category,"
            + " exemption_reason, exemption_code, active";
    private static final RowMapper<CatalogueItem> ITEM = (rs, n) -> new CatalogueItem(rs.getString("id"),
            rs.getString("dossier_id"), LineKind.valueOf(rs.getString("kind")), rs.getString("label"),
            rs.getString("unit_code"), rs.getBigDecimal("unit_price").stripTrailingZeros(),
            new VatChoice(rs.getBigDecimal("vat_rate").stripTrailingZeros(), rs.getString("vat_category"),
                    rs.getString("exemption_reason"), rs.getString("exemption_code")),
            rs.getBoolean("active"));

    private final JdbcTemplate jdbc;

    public CatalogueRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(CatalogueItem item) {
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.update("INSERT INTO catalogue_item (" + COLUMNS + ", created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                item.id(), item.dossierId(), item.kind().name(), item.label(), item.unitCode(), item.unitPrice(),
                item.vat().rate(), item.vat().category(), item.vat().exemptionReason(), item.vat().exemptionCode(),
                item.active(), now, now);
    }

    public boolean update(CatalogueItem item) {
        return jdbc.update("UPDATE catalogue_item SET kind = ?, label = ?, unit_code = ?, unit_price = ?, vat_rate = ?,"
                        + " vat_category = ?, exemption_reason = ?, exemption_code = ?, active = ?, updated_at = ?"
                        + " WHERE id = ? AND dossier_id = ?",
                item.kind().name(), item.label(), item.unitCode(), item.unitPrice(), item.vat().rate(), item.vat().category(),
                item.vat().exemptionReason(), item.vat().exemptionCode(), item.active(), OffsetDateTime.now(), item.id(),
                item.dossierId()) == 1;
    }

    public Optional<CatalogueItem> find(String dossierId, String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM catalogue_item WHERE dossier_id = ? AND id = ?", ITEM, dossierId, id)
                .stream().findFirst();
    }

    public List<CatalogueItem> list(String dossierId, Boolean active) {
        return active == null
                ? jdbc.query("SELECT " + COLUMNS + " FROM catalogue_item WHERE dossier_id = ? ORDER BY label, id", ITEM, dossierId)
                : jdbc.query("SELECT " + COLUMNS + " FROM catalogue_item WHERE dossier_id = ? AND active = ? ORDER BY label, id",
                        ITEM, dossierId, active);
    }

    /** Lines copied the item's values, so removing it changes no invoice. */
    public boolean delete(String dossierId, String id) {
        return jdbc.update("DELETE FROM catalogue_item WHERE dossier_id = ? AND id = ?", dossierId, id) == 1;
    }
}
