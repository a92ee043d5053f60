package io.einvoice.gateway.sales;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.OffsetDateTime;

/** One row of sales settings per dossier; a dossier without one gets {@link SalesSettings#defaults}. */
public class SalesSettingsRepository {

    private final JdbcTemplate jdbc;

    public SalesSettingsRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public SalesSettings get(String dossierId) {
        return read(dossierId, "");
    }

    /** The settings, with their row locked until the transaction ends: a concurrent change waits, so each knows what it replaces. */
    SalesSettings getForChange(String dossierId) {
        return read(dossierId, " FOR UPDATE");
    }

    /**
     * Gives the dossier its row, holding the defaults it would read anyway. Done outside the transaction that changes
     * it: an insert that loses a race would abort that transaction on PostgreSQL.
     */
    void ensureRow(String dossierId) {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM sales_settings WHERE dossier_id = ?", Integer.class, dossierId) == 0) {
            save(SalesSettings.defaults(dossierId));
        }
    }

    private SalesSettings read(String dossierId, String lock) {
        return jdbc.query("SELECT number_prefix, iban, bic, address, postcode, city, country, email, payment_days"
                                + " FROM sales_settings WHERE dossier_id = ?" + lock,
                        (rs, n) -> new SalesSettings(dossierId, rs.getString("number_prefix"), rs.getString("iban"),
                                rs.getString("bic"), rs.getString("address"), rs.getString("postcode"), rs.getString("city"),
                                rs.getString("country"), rs.getString("email"), rs.getInt("payment_days")), dossierId)
                .stream().findFirst().orElse(SalesSettings.defaults(dossierId));
    }

    public void save(SalesSettings s) {
        OffsetDateTime now = OffsetDateTime.now();
        Object[] values = {s.numberPrefix(), s.iban(), s.bic(), s.address(), s.postcode(), s.city(), s.country(), s.email(),
                s.paymentDays(), now, s.dossierId()};
        String update = "UPDATE sales_settings SET number_prefix = ?, iban = ?, bic = ?, address = ?, postcode = ?, city = ?,"
                + " country = ?, email = ?, payment_days = ?, updated_at = ? WHERE dossier_id = ?";
        if (jdbc.update(update, values) == 0) {
            try {
                jdbc.update("INSERT INTO sales_settings (number_prefix, iban, bic, address, postcode, city, country, email,"
                        + " payment_days, updated_at, dossier_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
            } catch (DuplicateKeyException e) {
                // another request created the row in between: this one is the later write
                jdbc.update(update, values);
            }
        }
    }
}
