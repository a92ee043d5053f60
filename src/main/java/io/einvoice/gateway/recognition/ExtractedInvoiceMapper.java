package io.einvoice.gateway.recognition;

import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.InvoiceLine;
import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.invoice.Party;
import io.einvoice.gateway.invoice.Totals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Turns what recognition read into the canonical invoice: header fields, totals and the lines when they were read. */
public final class ExtractedInvoiceMapper {

    private ExtractedInvoiceMapper() {
    }

    public static Invoice toInvoice(ExtractedInvoice e) {
        String sellerSiret = e.value(Field.SELLER_SIRET).orElse(null);
        String sellerSiren = e.value(Field.SELLER_SIREN).orElse(sellerSiret == null ? null : sellerSiret.substring(0, 9));
        Party seller = new Party(e.value(Field.SELLER_NAME).orElse(null), sellerSiren, sellerSiret, e.value(Field.SELLER_VAT).orElse(null));
        Party buyer = new Party(e.value(Field.BUYER_NAME).orElse(null), e.value(Field.BUYER_SIREN).orElse(null), null,
                e.value(Field.BUYER_VAT).orElse(null));
        BigDecimal incl = amount(e, Field.TOTAL_INCL_VAT);
        Totals totals = new Totals(amount(e, Field.TOTAL_EXCL_VAT), amount(e, Field.TOTAL_VAT), incl, incl);
        return new Invoice(e.value(Field.NUMBER).orElse(null), type(e), date(e, Field.ISSUE_DATE), date(e, Field.DUE_DATE),
                e.value(Field.CURRENCY).orElse(null), seller, buyer, totals, lines(e.lines()));
    }

    /** Unit "C62" (one): the page rarely says the unit in a code; a zero rate is category Z, as for the VAT rows. */
    static List<InvoiceLine> lines(List<ExtractedLine> read) {
        List<InvoiceLine> lines = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            ExtractedLine l = read.get(i);
            BigDecimal base = l.priceBase() == null || l.priceBase().compareTo(BigDecimal.ONE) == 0 ? null : l.priceBase();
            lines.add(new InvoiceLine(String.valueOf(i + 1), l.name(), l.quantity(), "C62", l.netAmount(), l.vatRate(),
                    l.vatRate().signum() == 0 ? "Z" : "S", l.netPrice(), base, null, null));
        }
        return lines;
    }

    /** A credit note read from its title ("Avoir") is type 381, its totals positive as EN 16931 wants them. */
    static InvoiceType type(ExtractedInvoice e) {
        return "381".equals(e.value(Field.TYPE_CODE).orElse(null)) ? InvoiceType.CREDIT_NOTE : InvoiceType.INVOICE;
    }

    private static BigDecimal amount(ExtractedInvoice e, Field f) {
        return e.value(f).map(BigDecimal::new).orElse(null);
    }

    private static LocalDate date(ExtractedInvoice e, Field f) {
        return e.value(f).map(LocalDate::parse).orElse(null);
    }
}
