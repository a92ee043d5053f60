package io.einvoice.gateway.ingest.mail;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.util.List;
import java.util.Optional;

/** The mail columns of {@code dossier}: inbound addresses and whether senders get a receipt. */
public class InboundAddressRepository {

    private static final String SELECT = "SELECT id, firm_id, siren, inbound_local_part, sales_local_part FROM dossier";
    private static final RowMapper<InboundAddress> ROW = (rs, n) -> new InboundAddress(rs.getString("id"),
            rs.getString("firm_id"), rs.getString("siren"), rs.getString("inbound_local_part"),
            rs.getString("sales_local_part"));

    private final JdbcTemplate jdbc;

    public InboundAddressRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<InboundAddress> all() {
        return jdbc.query(SELECT + " ORDER BY siren", ROW);
    }

    public List<InboundAddress> ofFirm(String firmId) {
        return jdbc.query(SELECT + " WHERE firm_id = ? ORDER BY siren", ROW, firmId);
    }

    public Optional<InboundAddress> ofDossier(String dossierId) {
        return jdbc.query(SELECT + " WHERE id = ?", ROW, dossierId).stream().findFirst();
    }

    public void update(InboundAddress a) {
        jdbc.update("UPDATE dossier SET inbound_local_part = ?, sales_local_part = ? WHERE id = ?",
                a.purchaseLocalPart(), a.salesLocalPart(), a.dossierId());
    }

    public boolean receiptWanted(String dossierId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT mail_receipt FROM dossier WHERE id = ?", Boolean.class,
                dossierId));
    }

    public void wantReceipt(String dossierId, boolean wanted) {
        jdbc.update("UPDATE dossier SET mail_receipt = ? WHERE id = ?", wanted, dossierId);
    }

    public boolean receiptWantedBySiren(String siren) {
        return jdbc.query("SELECT mail_receipt FROM dossier WHERE siren = ?", (rs, n) -> rs.getBoolean(1), siren)
                .stream().findFirst().orElse(false);
    }
}
