package io.einvoice.gateway.recognition;

import io.einvoice.gateway.invoice.Invoice;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compares a Factur-X's XML with what its PDF shows a person: the totals, the IBAN and the seller's identifier. A
 * tampered invoice (XML changed, visible page not, or the reverse) differs on one of them. Only what the visible text
 * does show is compared: an invoice that prints no IBAN is not flagged for it.
 */
public final class CoherenceCheck {

    private CoherenceCheck() {
    }

    /**
     * @param xml the invoice as read from its XML (at ingest: its recorded fields, so no node parses the XML again)
     * @return one sentence per mismatch; empty when the visible text agrees or says nothing to compare
     */
    public static List<String> mismatches(Invoice xml, RecognizedText visible) {
        List<String> reasons = new ArrayList<>();
        Set<BigDecimal> amounts = new HashSet<>();
        Set<String> ibans = new HashSet<>();
        Set<String> sirens = new HashSet<>();
        for (TextLine line : visible.lines()) {
            String text = line.text();
            Amounts.find(text).forEach(a -> amounts.add(a.value().stripTrailingZeros()));
            String upper = text.toUpperCase(Locale.ROOT);
            Identifiers.ibans(upper).forEach(f -> ibans.add(f.value()));
            Identifiers.sirens(upper).forEach(f -> sirens.add(f.value()));
            Identifiers.sirets(upper).forEach(f -> sirens.add(f.value().substring(0, 9)));
            Identifiers.frenchVat(upper).forEach(f -> sirens.add(f.value().substring(4)));
        }
        if (xml.totals() != null) {
            amount(reasons, "total incl. VAT", xml.totals().inclVat(), amounts);
            amount(reasons, "total excl. VAT", xml.totals().exclVat(), amounts);
        }
        String xmlIban = xml.sellerIban() == null ? null : xml.sellerIban().replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        if (xmlIban != null && !ibans.isEmpty() && !ibans.contains(xmlIban)) {
            reasons.add("coherence: the XML's IBAN " + xmlIban + " is not the one the PDF shows (" + String.join(", ", ibans) + ")");
        }
        String siren = xml.seller() == null ? null : xml.seller().siren();
        if (siren != null && !sirens.isEmpty() && !sirens.contains(siren)) {
            reasons.add("coherence: the XML's seller SIREN " + siren + " does not appear in the PDF (it shows "
                    + String.join(", ", new java.util.TreeSet<>(sirens)) + ")");
        }
        return reasons;
    }

    private static void amount(List<String> reasons, String name, BigDecimal value, Set<BigDecimal> visible) {
        if (value != null && !visible.isEmpty() && !visible.contains(value.stripTrailingZeros())) {
            // as an invoice prints it: the recorded column keeps more decimals than the XML gave (9602.280000)
            BigDecimal shown = value.setScale(Math.max(2, value.stripTrailingZeros().scale()));
            reasons.add("coherence: the XML's " + name + " " + shown.toPlainString() + " does not appear in the PDF's visible text");
        }
    }
}
