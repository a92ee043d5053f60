package io.einvoice.gateway.accounting;

import java.math.BigDecimal;

/**
 * A dossier's chart settings: the accounts its journal entries use (French plan comptable général) and how its
 * entries leave the gateway on their own.
 *
 * @param reverseChargeRate the rate the buyer self-assesses on an invoice under reverse charge (UNCL 5305 AE or K),
 *                          whose breakdown states no tax
 */
public record ChartSettings(String dossierId, String supplierPrefix, String customerPrefix, String expenseAccount,
                            String salesAccount, String vatDeductible, String vatCollected, String vatReverseCharge,
                            BigDecimal reverseChargeRate, String purchaseJournal, String salesJournal,
                            AutoExport autoExport, ExportFormat autoExportFormat, AutoExport.Target autoExportTarget,
                            String autoExportEmail, boolean autoExportPdfs) {

    /** The defaults of a dossier nobody configured: 401/411, 606000 and 706000, 44566/44571/4452, journals HA and VT. */
    public static ChartSettings defaults(String dossierId) {
        return new ChartSettings(dossierId, "401", "411", "606000", "706000", "44566", "44571", "4452",
                new BigDecimal("20.00"), "HA", "VT", AutoExport.NONE, ExportFormat.FEC, AutoExport.Target.FOLDER, null, false);
    }
}
