package io.einvoice.gateway.accounting;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The {@code supplier_account} rows of a dossier. */
public class SupplierAccounts {

    private static final RowMapper<SupplierAccount> ROW = (rs, n) -> new SupplierAccount(rs.getString("dossier_id"),
            rs.getString("supplier_key"), rs.getString("supplier_name"), rs.getString("expense_account"),
            rs.getString("auxiliary_account"), rs.getString("source"));

    private final JdbcTemplate jdbc;

    public SupplierAccounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<SupplierAccount> find(String dossierId, String supplierKey) {
        if (supplierKey == null) {
            return Optional.empty();
        }
        return jdbc.query("SELECT * FROM supplier_account WHERE dossier_id = ? AND supplier_key = ?", ROW, dossierId,
                supplierKey).stream().findFirst();
    }

    public List<SupplierAccount> list(String dossierId, int limit, int offset) {
        return jdbc.query("SELECT * FROM supplier_account WHERE dossier_id = ? ORDER BY supplier_key LIMIT ? OFFSET ?", ROW,
                dossierId, limit, offset);
    }

    /** Keeps the first correction of a supplier's entries as its accounts; a later one changes only its own entry. */
    public boolean learnIfAbsent(SupplierAccount a) {
        // no duplicate-key exception inside the caller's transaction: PostgreSQL would abort all of it
        return jdbc.update("INSERT INTO supplier_account (dossier_id, supplier_key, supplier_name, expense_account,"
                        + " auxiliary_account, source, updated_at) SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
                        + " (SELECT 1 FROM supplier_account WHERE dossier_id = ? AND supplier_key = ?)",
                a.dossierId(), a.supplierKey(), a.supplierName(), a.expenseAccount(), a.auxiliaryAccount(), a.source(),
                OffsetDateTime.now(), a.dossierId(), a.supplierKey()) == 1;
    }

    public void put(SupplierAccount account) {
        int updated = jdbc.update("UPDATE supplier_account SET supplier_name = COALESCE(?, supplier_name), expense_account = ?,"
                        + " auxiliary_account = ?, source = ?, updated_at = ? WHERE dossier_id = ? AND supplier_key = ?",
                account.supplierName(), account.expenseAccount(), account.auxiliaryAccount(), account.source(),
                OffsetDateTime.now(), account.dossierId(), account.supplierKey());
        if (updated == 0) {
            insert(account);
        }
    }

    private void insert(SupplierAccount a) {
        jdbc.update("INSERT INTO supplier_account (dossier_id, supplier_key, supplier_name, expense_account, auxiliary_account,"
                        + " source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", a.dossierId(), a.supplierKey(), a.supplierName(),
                a.expenseAccount(), a.auxiliaryAccount(), a.source(), OffsetDateTime.now());
    }
}
