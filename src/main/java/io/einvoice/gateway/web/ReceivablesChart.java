package io.einvoice.gateway.web;

import io.einvoice.gateway.sales.SalesDashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The receivables dashboard as an SVG bar chart drawn on the server: what is outstanding, then its three parts by due
 * date (overdue, due within 30 days, later). Geometry in the SVG's own units (viewBox {@value #WIDTH} x
 * {@value #HEIGHT}); colours come from the stylesheet by class, so the page needs no inline style, and the figures are
 * written as text beside the bars and in the chart's description for screen readers.
 */
public final class ReceivablesChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 260;
    /** Room above the bars for their amounts and below them for their names. */
    private static final int TOP = 36;
    private static final int BASELINE = 210;
    private static final int BAR_WIDTH = 96;
    private static final int STEP = 150;
    private static final int LEFT = 42;

    /** One bar: its name, the amount written the French way, how many invoices, and its rectangle. */
    public record Bar(String key, String label, String amount, int count, int x, int y, int width, int height,
                      int labelX, int amountY) {
    }

    public record Chart(String at, List<Bar> bars, String description, int width, int height, int baseline) {
    }

    private ReceivablesChart() {
    }

    public static Chart of(SalesDashboard.Figures figures, Messages t) {
        List<String> keys = List.of("outstanding", "overdue", "dueWithin30Days", "dueAfter30Days");
        List<SalesDashboard.Bucket> buckets = List.of(figures.outstanding(), figures.overdue(), figures.dueWithin30Days(),
                figures.dueAfter30Days());
        BigDecimal max = buckets.stream().map(b -> new BigDecimal(b.amount())).reduce(BigDecimal.ZERO, BigDecimal::max);
        List<Bar> bars = new ArrayList<>();
        StringBuilder description = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            BigDecimal amount = new BigDecimal(buckets.get(i).amount());
            int height = max.signum() == 0 ? 0 : amount.multiply(BigDecimal.valueOf(BASELINE - TOP))
                    .divide(max, 0, RoundingMode.HALF_UP).intValue();
            // a bucket with money in it stays visible however small beside the others
            if (amount.signum() > 0 && height < 2) {
                height = 2;
            }
            int x = LEFT + i * STEP;
            String label = t.lookup("chart." + keys.get(i));
            String written = Amounts.french(amount, "EUR");
            bars.add(new Bar(keys.get(i), label, written, buckets.get(i).count(), x, BASELINE - height, BAR_WIDTH, height,
                    x + BAR_WIDTH / 2, BASELINE - height - 8));
            // short names under the bars (they must fit a phone's width), the whole words for screen readers
            description.append(i == 0 ? "" : " ; ").append(t.lookup("chart.long." + keys.get(i))).append(" : ").append(written)
                    .append(" (").append(t.text("chart.invoices", buckets.get(i).count())).append(")");
        }
        return new Chart(figures.at(), bars, description.toString(), WIDTH, HEIGHT, BASELINE);
    }
}
