package io.einvoice.gateway.facturx;

import org.w3c.dom.Element;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Picks BT-110 among the document's VAT totals. Both syntaxes allow a second one that states the VAT in the accounting
 * currency (BT-111); BT-110 is the one in the invoice currency, or the one that names no currency.
 */
final class VatTotal {

    private VatTotal() {
    }

    static BigDecimal inDocumentCurrency(List<Element> amounts, String currency) {
        Optional<Element> inCurrency = amounts.stream()
                .filter(a -> currency != null && currency.equals(a.getAttribute("currencyID").strip())).findFirst();
        Optional<Element> unlabelled = amounts.stream().filter(a -> a.getAttribute("currencyID").isBlank()).findFirst();
        Element chosen = inCurrency.or(() -> unlabelled)
                .orElse(currency == null && amounts.size() == 1 ? amounts.get(0) : null);
        return chosen == null ? null : XmlQuery.decimal(chosen.getTextContent(), "VAT total " + chosen.getLocalName());
    }
}
