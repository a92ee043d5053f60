package io.einvoice.gateway.sales;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * The VAT of a catalogue item or a line: a French rate (BT-152), its category (BT-151, UNCL 5305) and, for an
 * exemption, the reason (BT-120 / BT-121). Built through {@link #of} only, which refuses what EN 16931 would refuse
 * later (BR-S-05, BR-Z-05, BR-E-05, BR-E-10...) so the mistake is reported where it was made.
 */
public record VatChoice(BigDecimal rate, String category, String exemptionReason, String exemptionCode) {

    /** Metropolitan France (20, 10, 5.5, 2.1) and the overseas departments (8.5, 2.1, 1.75, 1.05). */
    static final List<BigDecimal> RATES = List.of(new BigDecimal("20"), new BigDecimal("10"), new BigDecimal("8.5"),
            new BigDecimal("5.5"), new BigDecimal("2.1"), new BigDecimal("1.75"), new BigDecimal("1.05"), BigDecimal.ZERO);
    /** Zero-rated categories; all but Z need an exemption reason (text or VATEX code). */
    private static final Set<String> ZERO_CATEGORIES = Set.of("Z", "E", "AE", "K", "G", "O");

    /**
     * @throws IllegalArgumentException with a sentence naming the wrong value and what is accepted
     */
    public static VatChoice of(BigDecimal rate, String category, String exemptionReason, String exemptionCode) {
        if (rate == null) {
            throw new IllegalArgumentException("vatRate is required (one of " + rates() + ")");
        }
        BigDecimal normal = RATES.stream().filter(r -> r.compareTo(rate) == 0).findFirst().orElseThrow(() ->
                new IllegalArgumentException("vatRate " + rate.toPlainString() + " is not a French VAT rate; use one of " + rates()));
        String reason = blankToNull(exemptionReason);
        String code = blankToNull(exemptionCode);
        String cat = blankToNull(category) == null ? null : category.strip().toUpperCase();
        if (normal.signum() > 0) {
            if (cat != null && !cat.equals("S")) {
                throw new IllegalArgumentException("vatCategory " + cat + " is for a 0 % rate; a rate of "
                        + normal.toPlainString() + " % is category S (standard)");
            }
            if (reason != null || code != null) {
                throw new IllegalArgumentException("an exemption reason only goes with a 0 % rate");
            }
            return new VatChoice(normal, "S", null, null);
        }
        if (cat == null || !ZERO_CATEGORIES.contains(cat)) {
            throw new IllegalArgumentException("a 0 % rate needs vatCategory Z (zero rated), E (exempt), AE (reverse charge),"
                    + " K (intra-EU supply), G (export) or O (outside the scope of VAT)" + (cat == null ? "" : ", got " + cat));
        }
        if (!cat.equals("Z") && reason == null && code == null) {
            throw new IllegalArgumentException("vatCategory " + cat + " needs exemptionReason (e.g. 'TVA non applicable,"
                    + " art. 293 B du CGI') or exemptionCode (a VATEX code such as VATEX-FR-FRANCHISE)");
        }
        return new VatChoice(BigDecimal.ZERO, cat, cat.equals("Z") ? null : reason, cat.equals("Z") ? null : code);
    }

    private static String rates() {
        return String.join(", ", RATES.stream().map(BigDecimal::toPlainString).toList());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
