package io.einvoice.gateway.ereporting;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportPeriodTest {

    @Test
    void theThirdDecadeRunsToTheMonthsEndAndFebruaryIsShort() {
        ReportPeriod d3 = ReportPeriod.parse("2027-02-D3");
        assertThat(d3.start()).isEqualTo(LocalDate.of(2027, 2, 21));
        assertThat(d3.end()).isEqualTo(LocalDate.of(2027, 2, 28));
        assertThat(ReportPeriod.of(ReportPeriod.Cadence.DECADE, LocalDate.of(2026, 12, 31)).name()).isEqualTo("2026-12-D3");
        assertThat(ReportPeriod.of(ReportPeriod.Cadence.DECADE, LocalDate.of(2026, 12, 10)).name()).isEqualTo("2026-12-D1");
    }

    @Test
    void thePreviousPeriodCrossesMonthsInItsOwnCadence() {
        assertThat(ReportPeriod.parse("2026-12-D1").previous().name()).isEqualTo("2026-11-D3");
        assertThat(ReportPeriod.parse("2027-01").previous().name()).isEqualTo("2026-12");
        assertThat(ReportPeriod.parse("2026-11").cadence()).isEqualTo(ReportPeriod.Cadence.MONTH);
    }

    @Test
    void badNamesAreRefusedWithTheFormsThatWork() {
        assertThatThrownBy(() -> ReportPeriod.parse("2026-11-D4")).hasMessageContaining("2026-11-D1, D2 or D3");
        assertThatThrownBy(() -> ReportPeriod.parse("2026-13")).hasMessageContaining("no such month");
        assertThatThrownBy(() -> ReportPeriod.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNormalMonthlyRegimeReportsTransactionsByDecadeAndPaymentsByMonth() {
        assertThat(VatRegime.NORMAL_MONTHLY.cadence(ReportKind.B2C_TRANSACTIONS)).isEqualTo(ReportPeriod.Cadence.DECADE);
        assertThat(VatRegime.NORMAL_MONTHLY.cadence(ReportKind.B2C_PAYMENTS)).isEqualTo(ReportPeriod.Cadence.MONTH);
        assertThat(VatRegime.SIMPLIFIED.cadence(ReportKind.B2B_INT_TRANSACTIONS)).isEqualTo(ReportPeriod.Cadence.MONTH);
    }
}
