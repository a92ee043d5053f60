package io.einvoice.gateway.web;

import io.einvoice.gateway.sales.SalesDashboard;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReceivablesChartTest {

    private static SalesDashboard.Figures figures(String outstanding, String overdue, String near, String later) {
        return new SalesDashboard.Figures("2026-12-06", new SalesDashboard.Bucket(outstanding, 3),
                new SalesDashboard.Bucket(overdue, 1), new SalesDashboard.Bucket(near, 1), new SalesDashboard.Bucket(later, 1));
    }

    @Test
    void theLargestBucketTakesTheFullHeightAndTheOthersTheirShareOnOneBaseline() {
        ReceivablesChart.Chart chart = ReceivablesChart.of(figures("1000.00", "500.00", "0.10", "499.90"), Messages.FRENCH);
        assertThat(chart.bars()).extracting(ReceivablesChart.Bar::key)
                .containsExactly("outstanding", "overdue", "dueWithin30Days", "dueAfter30Days");
        int full = chart.bars().get(0).height();
        assertThat(full).isPositive();
        assertThat(chart.bars().get(1).height()).isEqualTo(Math.round(full / 2f));
        assertThat(chart.bars().get(2).height()).as("a little money stays visible").isEqualTo(2);
        chart.bars().forEach(b -> assertThat(b.y() + b.height()).isEqualTo(chart.baseline()));
        assertThat(chart.bars().get(1).amount()).isEqualTo("500,00\u00a0€");
        assertThat(chart.description()).startsWith("En cours : 1\u202f000,00\u00a0€ (3 facture(s))").contains("En retard");
    }

    @Test
    void nothingOwedDrawsNoBarsAndStillSaysSo() {
        ReceivablesChart.Chart chart = ReceivablesChart.of(figures("0.00", "0.00", "0.00", "0.00"), Messages.ENGLISH);
        assertThat(chart.bars()).allSatisfy(b -> assertThat(b.height()).isZero());
        assertThat(chart.description()).startsWith("Outstanding : 0,00\u00a0€");
    }
}
