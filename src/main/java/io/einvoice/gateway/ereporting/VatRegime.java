package io.einvoice.gateway.ereporting;

/**
 * The seller's VAT regime, which sets how often it reports (CGI art. 290 and its decree): under the normal monthly
 * regime transactions go by decade and payments by month; under the normal quarterly and the simplified regimes both
 * go by month. (The franchise regime's two-month periods are not offered.)
 */
public enum VatRegime {
    NORMAL_MONTHLY, NORMAL_QUARTERLY, SIMPLIFIED;

    public ReportPeriod.Cadence cadence(ReportKind kind) {
        return this == NORMAL_MONTHLY && !kind.payments() ? ReportPeriod.Cadence.DECADE : ReportPeriod.Cadence.MONTH;
    }
}
