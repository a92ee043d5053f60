package io.einvoice.gateway.accounting;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** The {@code accounting_settings} row of each dossier; a dossier without one has the defaults. */
public class ChartSettingsRepository {

    private final JdbcTemplate jdbc;

    public ChartSettingsRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public ChartSettings get(String dossierId) {
        return jdbc.query("SELECT * FROM accounting_settings WHERE dossier_id = ?", (rs, n) -> new ChartSettings(dossierId,
                        rs.getString("supplier_prefix"), rs.getString("customer_prefix"), rs.getString("expense_account"),
                        rs.getString("sales_account"), rs.getString("vat_deductible"), rs.getString("vat_collected"),
                        rs.getString("vat_reverse_charge"), rs.getBigDecimal("reverse_charge_rate"),
                        rs.getString("purchase_journal"), rs.getString("sales_journal"),
                        AutoExport.valueOf(rs.getString("auto_export")), ExportFormat.valueOf(rs.getString("auto_export_format")),
                        AutoExport.Target.valueOf(rs.getString("auto_export_target")), rs.getString("auto_export_email"),
                        rs.getBoolean("auto_export_pdfs")), dossierId)
                .stream().findFirst().orElseGet(() -> ChartSettings.defaults(dossierId));
    }

    public void save(ChartSettings s) {
        Object[] values = {s.supplierPrefix(), s.customerPrefix(), s.expenseAccount(), s.salesAccount(), s.vatDeductible(),
                s.vatCollected(), s.vatReverseCharge(), s.reverseChargeRate(), s.purchaseJournal(), s.salesJournal(),
                s.autoExport().name(), s.autoExportFormat().name(), s.autoExportTarget().name(), s.autoExportEmail(),
                s.autoExportPdfs(), OffsetDateTime.now(), s.dossierId()};
        int updated = jdbc.update("UPDATE accounting_settings SET supplier_prefix = ?, customer_prefix = ?, expense_account = ?,"
                + " sales_account = ?, vat_deductible = ?, vat_collected = ?, vat_reverse_charge = ?, reverse_charge_rate = ?,"
                + " purchase_journal = ?, sales_journal = ?, auto_export = ?, auto_export_format = ?, auto_export_target = ?,"
                + " auto_export_email = ?, auto_export_pdfs = ?, updated_at = ? WHERE dossier_id = ?", values);
        if (updated == 0) {
            jdbc.update("INSERT INTO accounting_settings (supplier_prefix, customer_prefix, expense_account, sales_account,"
                    + " vat_deductible, vat_collected, vat_reverse_charge, reverse_charge_rate, purchase_journal, sales_journal,"
                    + " auto_export, auto_export_format, auto_export_target, auto_export_email, auto_export_pdfs, updated_at,"
                    + " dossier_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
        }
    }

    /** Dossiers whose entries leave on their own, in that mode. */
    public List<String> dossiersExporting(AutoExport mode) {
        return jdbc.queryForList("SELECT dossier_id FROM accounting_settings WHERE auto_export = ?", String.class, mode.name());
    }

    /**
     * Claims today's daily run of a dossier: false when it already ran today (another node, an earlier tick), so a day
     * is exported once.
     */
    public boolean claimDailyRun(String dossierId, LocalDate today) {
        return jdbc.update("UPDATE accounting_settings SET last_auto_export = ? WHERE dossier_id = ?"
                + " AND (last_auto_export IS NULL OR last_auto_export < ?)", today, dossierId, today) == 1;
    }

    /** Gives back a claim whose export failed, so that a later tick of the same day tries again. */
    public void releaseDailyRun(String dossierId, LocalDate today) {
        jdbc.update("UPDATE accounting_settings SET last_auto_export = NULL WHERE dossier_id = ? AND last_auto_export = ?",
                dossierId, today);
    }
}
