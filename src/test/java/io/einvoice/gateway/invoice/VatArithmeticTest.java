package io.einvoice.gateway.invoice;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** EN 16931 rounding: two decimals, half up, VAT rounded once per breakdown row (BR-CO-17), never per line. */
class VatArithmeticTest {

    @Test
    void amountsRoundHalfUpToTwoDecimals() {
        assertThat(VatArithmetic.round(new BigDecimal("2.345"))).isEqualTo(new BigDecimal("2.35"));
        assertThat(VatArithmetic.round(new BigDecimal("-2.345"))).isEqualTo(new BigDecimal("-2.35"));
        assertThat(VatArithmetic.round(new BigDecimal("2.344999"))).isEqualTo(new BigDecimal("2.34"));
    }

    @Test
    void lineNetIsQuantityTimesPriceOverBaseQuantity() {
        assertThat(VatArithmetic.lineNet(new BigDecimal("3"), new BigDecimal("0.335"), null)).isEqualTo(new BigDecimal("1.01"));
        assertThat(VatArithmetic.lineNet(new BigDecimal("250"), new BigDecimal("12.50"), new BigDecimal("100")))
                .isEqualTo(new BigDecimal("31.25"));
    }

    @Test
    void vatIsRoundedOncePerRateNotPerLine() {
        List<InvoiceLine> lines = List.of(line("0.07"), line("0.07"), line("0.07"));

        List<VatBreakdown> vat = VatArithmetic.breakdown(lines, List.of(), Map.of());

        assertThat(vat).singleElement().satisfies(row -> {
            assertThat(row.taxableAmount()).isEqualTo(new BigDecimal("0.21"));
            // 0.21 × 20 % = 0.042 → 0.04; rounding per line would give 3 × 0.01 = 0.03
            assertThat(row.taxAmount()).isEqualTo(new BigDecimal("0.04"));
            assertThat(row.category()).isEqualTo("S");
        });
    }

    @Test
    void allowancesAndChargesMoveTheirRowAndTheTotals() {
        List<InvoiceLine> lines = List.of(line("100.00"), new InvoiceLine("2", "b", BigDecimal.ONE, "C62",
                new BigDecimal("50.00"), new BigDecimal("5.50"), "S", null, null, null, null));
        List<AllowanceCharge> ac = List.of(new AllowanceCharge(false, new BigDecimal("10.00"), null, null, "S",
                new BigDecimal("20.0"), "remise", "95"), new AllowanceCharge(true, new BigDecimal("4.00"), null, null, "S",
                new BigDecimal("20"), "port", "FC"));

        List<VatBreakdown> vat = VatArithmetic.breakdown(lines, ac, Map.of());
        Totals totals = VatArithmetic.totals(lines, ac, vat, new BigDecimal("50"), null);

        assertThat(vat).extracting(VatBreakdown::taxableAmount).containsExactly(new BigDecimal("94.00"), new BigDecimal("50.00"));
        assertThat(vat).extracting(VatBreakdown::taxAmount).containsExactly(new BigDecimal("18.80"), new BigDecimal("2.75"));
        assertThat(totals.lineTotal()).isEqualTo(new BigDecimal("150.00"));
        assertThat(totals.exclVat()).isEqualTo(new BigDecimal("144.00"));
        assertThat(totals.vat()).isEqualTo(new BigDecimal("21.55"));
        assertThat(totals.inclVat()).isEqualTo(new BigDecimal("165.55"));
        assertThat(totals.duePayable()).isEqualTo(new BigDecimal("115.55"));
    }

    private static InvoiceLine line(String net) {
        return new InvoiceLine("1", "a", BigDecimal.ONE, "C62", new BigDecimal(net), new BigDecimal("20"));
    }
}
