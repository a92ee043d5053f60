package io.einvoice.gateway.recognition;

import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.invoice.ElectronicAddress;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.InvoiceLine;
import io.einvoice.gateway.invoice.Note;
import io.einvoice.gateway.invoice.Party;
import io.einvoice.gateway.invoice.PostalAddress;
import io.einvoice.gateway.invoice.Totals;
import io.einvoice.gateway.invoice.VatArithmetic;
import io.einvoice.gateway.invoice.VatBreakdown;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The invoice a Factur-X is written from for a recognised purchase document: the fields recognition read, completed
 * only with what is known for certain — the buyer is the dossier the document was received in (its name and SIREN
 * when the page did not give them), a country is taken from a VAT number or a SIREN, the electronic addresses from
 * the SIRENs, and the VAT breakdown from the rates read (one row from the totals when the page shows none, or one per
 * rate of the lines read when their tax adds up). Nothing is guessed beyond that: a missing number or total stays
 * missing, and the validator says so.
 */
public final class FacturXInvoice {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final String SIREN_ADDRESS_SCHEME = "0225";

    private FacturXInvoice() {
    }

    /** @param mentions the legal mentions the page shows ({@link LegalMentions}), as notes */
    public static Invoice of(ExtractedInvoice extracted, Dossier buyer, List<Note> mentions) {
        Invoice read = ExtractedInvoiceMapper.toInvoice(extracted);
        Party seller = completed(read.seller());
        Party readBuyer = read.buyer();
        boolean sameBuyer = readBuyer.siren() == null || readBuyer.siren().equals(buyer.siren());
        Party buyerParty = completed(new Party(
                readBuyer.name() != null ? readBuyer.name() : sameBuyer ? buyer.name() : null,
                readBuyer.siren() != null ? readBuyer.siren() : buyer.siren(), null,
                readBuyer.vatId() != null ? readBuyer.vatId() : sameBuyer ? buyer.vatNumber() : null));
        Totals t = read.totals();
        // lines go in only while they still add up: a person may have corrected a total since they were read
        List<VatBreakdown> withLines = LineItems.vatRows(extracted.lines(), extracted.vat(), t.exclVat(), t.vat());
        boolean provable = LineItems.provable(extracted.lines(), t.exclVat(), withLines);
        List<InvoiceLine> lines = provable ? read.lines() : List.of();
        List<VatBreakdown> vat = provable ? withLines : breakdown(extracted.vat(), t.exclVat(), t.vat());
        Invoice complete = new Invoice(read.number(), read.type(), read.issueDate(), read.dueDate(), read.currency(), seller,
                buyerParty, totals(t), lines, null, null, null, null,
                null, mentions, List.of(), null, null, List.of(), null, List.of(), vat);
        return complete.withSellerIban(extracted.value(Field.IBAN).orElse(null));
    }

    /**
     * The sum of line amounts (BT-106) is the total excl. VAT: no allowance or charge was read (BR-CO-13), and lines
     * are only kept when their amounts add up to it exactly.
     */
    private static Totals totals(Totals t) {
        return new Totals(t.exclVat(), null, null, t.exclVat(), t.vat(), t.inclVat(), null, null, t.inclVat());
    }

    /**
     * The rates read, each with its base and amount: a base the page does not show is the amount ÷ rate (or the total
     * excl. VAT for a single rate), an amount it does not show is base × rate. When no rate was read, or one cannot be
     * completed, the totals make one row whose rate is VAT ÷ excl. VAT rounded to the nearest tenth (5.5 %, 20 %).
     */
    static List<VatBreakdown> breakdown(List<io.einvoice.gateway.recognition.VatBreakdown> read, BigDecimal exclVat,
                                        BigDecimal vatTotal) {
        List<VatBreakdown> rows = new ArrayList<>();
        for (var v : read) {
            BigDecimal base = v.base();
            if (base == null && read.size() == 1) {
                base = exclVat;
            } else if (base == null && v.amount() != null && v.rate() != null && v.rate().signum() > 0) {
                base = VatArithmetic.round(v.amount().multiply(HUNDRED).divide(v.rate(), 10, RoundingMode.HALF_UP));
            }
            if (v.rate() == null || base == null) {
                rows.clear();
                break;
            }
            BigDecimal amount = v.amount() != null ? v.amount()
                    : VatArithmetic.round(base.multiply(v.rate()).divide(HUNDRED, 10, RoundingMode.HALF_UP));
            rows.add(row(base, amount, v.rate()));
        }
        if (!rows.isEmpty() || exclVat == null || vatTotal == null) {
            return rows;
        }
        BigDecimal rate = exclVat.signum() == 0 ? BigDecimal.ZERO
                : vatTotal.multiply(HUNDRED).divide(exclVat, 1, RoundingMode.HALF_UP).stripTrailingZeros();
        return List.of(row(exclVat, vatTotal, rate.scale() < 0 ? rate.setScale(0) : rate));
    }

    private static VatBreakdown row(BigDecimal base, BigDecimal amount, BigDecimal rate) {
        // a zero rate without its exemption reason cannot be told apart (E, K, G, Z…): Z says "zero rated goods"
        return new VatBreakdown(base, amount, rate.signum() == 0 ? "Z" : "S", rate, null, null);
    }

    /** FR for a SIREN or a French VAT number, the VAT number's prefix otherwise; no address when neither is known. */
    /**
     * A country from the VAT number or the SIREN, and the electronic address (BT-34, BT-49) the reform routes by when
     * the SIREN is known: every company subject to it has a directory line at its SIREN, so {@code 0225:<SIREN>} reaches
     * it (BR-FR-12/13 require both addresses).
     */
    private static Party completed(Party p) {
        String country = p.vatId() != null && p.vatId().length() > 2 && Character.isLetter(p.vatId().charAt(0))
                ? p.vatId().substring(0, 2).toUpperCase(Locale.ROOT) : p.siren() != null ? "FR" : null;
        ElectronicAddress address = p.siren() == null ? null : new ElectronicAddress(SIREN_ADDRESS_SCHEME, p.siren());
        if (country == null && address == null) {
            return p;
        }
        return new Party(p.name(), p.siren(), p.siret(), p.vatId(), null, address,
                country == null ? null : new PostalAddress(null, null, null, null, null, null, country), null);
    }
}
