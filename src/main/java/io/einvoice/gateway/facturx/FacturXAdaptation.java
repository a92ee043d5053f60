package io.einvoice.gateway.facturx;

import io.einvoice.gateway.invoice.AllowanceCharge;
import io.einvoice.gateway.invoice.ElectronicAddress;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.InvoiceLine;
import io.einvoice.gateway.invoice.Party;
import io.einvoice.gateway.invoice.VatBreakdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What an invoice read from elsewhere (UBL, CII of another CIUS) needs before it can be written as Factur-X, decided
 * against the Factur-X 1.0.9 code lists: codes those lists spell differently are written their way, a content only the
 * EXTENDED profile can carry moves the invoice to EXTENDED, and what no profile accepts is refused with the reason.
 * Each change is said in {@link Plan#notes()}.
 */
final class FacturXAdaptation {

    /** VAT category "split payment" (Italy): in the EXTENDED code list of Factur-X, not in BASIC or EN 16931. */
    static final String SPLIT_PAYMENT = "B";
    /**
     * EAS 9958 "German Leitweg ID" was withdrawn from the EAS code list when ICD 0204 (Leitweg-ID, KoSIT) took its
     * place; Factur-X lists 0204 only. Same identifier, same issuing agency: only the scheme code changes.
     */
    static final String LEITWEG_ID_WITHDRAWN = "9958";
    static final String LEITWEG_ID = "0204";

    record Plan(Invoice invoice, Profile profile, List<String> notes) {
    }

    private FacturXAdaptation() {
    }

    /**
     * @param requested the profile asked for (already lowered to a lineless one when the invoice has no lines)
     * @throws ConversionException when no Factur-X profile can hold the invoice
     */
    static Plan plan(Invoice invoice, Profile requested) throws ConversionException {
        requireSellerIdentification(invoice.seller());
        List<String> notes = new ArrayList<>();
        Invoice adapted = new Invoice(invoice.number(), invoice.type(), invoice.issueDate(), invoice.dueDate(),
                invoice.currency(), leitwegScheme(invoice.seller(), "seller", notes),
                leitwegScheme(invoice.buyer(), "buyer", notes), invoice.totals(), invoice.lines(),
                invoice.businessProcess(), invoice.specification(), invoice.buyerReference(), invoice.orderReference(),
                invoice.contractReference(), invoice.notes(), invoice.precedingInvoices(), invoice.delivery(),
                invoice.invoicingPeriod(), invoice.paymentMeans(), invoice.paymentTerms(), invoice.allowancesCharges(),
                vatexSpelling(invoice.vatBreakdown(), notes));
        Profile profile = requested;
        if (usesSplitPayment(invoice) && (requested == Profile.BASIC || requested == Profile.EN16931)) {
            profile = Profile.EXTENDED;
            notes.add("written in the EXTENDED profile rather than " + requested + ": VAT category code B (split payment)"
                    + " is only in the EXTENDED code list of Factur-X");
        }
        return new Plan(adapted, profile, notes);
    }

    /** BR-CO-26, a rule of every Factur-X profile: the buyer must be able to identify the seller automatically. */
    private static void requireSellerIdentification(Party seller) throws ConversionException {
        boolean identified = seller != null && (seller.siren() != null || seller.siret() != null || seller.vatId() != null
                || seller.legalRegistration() != null || !seller.identifiers().isEmpty());
        if (!identified) {
            throw new ConversionException("the seller has no identifier (BT-29), legal registration identifier (BT-30) nor"
                    + " VAT identifier (BT-31)" + (seller != null && seller.taxRegistration() != null
                    ? " (only a tax registration number, BT-32)" : "")
                    + "; rule BR-CO-26 requires one of them in every Factur-X profile: ask the seller for its SIREN,"
                    + " SIRET or VAT number");
        }
    }

    private static Party leitwegScheme(Party party, String role, List<String> notes) {
        if (party == null || party.electronicAddress() == null
                || !LEITWEG_ID_WITHDRAWN.equals(party.electronicAddress().scheme())) {
            return party;
        }
        notes.add("the " + role + "'s electronic address scheme 9958 (German Leitweg ID, withdrawn from the EAS code"
                + " list) is written as its successor 0204 (Leitweg-ID)");
        return new Party(party.name(), party.siren(), party.siret(), party.vatId(), party.tradingName(),
                new ElectronicAddress(LEITWEG_ID, party.electronicAddress().value()), party.address(), party.contact(),
                party.identifiers(), party.legalRegistration(), party.taxRegistration());
    }

    /** The VATEX list was first published in lower case; Factur-X lists the same codes in upper case only. */
    private static List<VatBreakdown> vatexSpelling(List<VatBreakdown> breakdown, List<String> notes) {
        List<VatBreakdown> written = new ArrayList<>();
        for (VatBreakdown vat : breakdown) {
            String code = vat.exemptionReasonCode();
            if (code != null && code.regionMatches(true, 0, "VATEX-", 0, 6) && !code.equals(code.toUpperCase(Locale.ROOT))) {
                String upper = code.toUpperCase(Locale.ROOT);
                notes.add("VAT exemption reason code " + code + " is written " + upper + ", as the Factur-X code list spells it");
                vat = new VatBreakdown(vat.taxableAmount(), vat.taxAmount(), vat.category(), vat.rate(), vat.exemptionReason(), upper);
            }
            written.add(vat);
        }
        return written;
    }

    private static boolean usesSplitPayment(Invoice invoice) {
        return Stream.of(invoice.vatBreakdown().stream().map(VatBreakdown::category),
                        invoice.lines().stream().map(InvoiceLine::vatCategory),
                        invoice.allowancesCharges().stream().map(AllowanceCharge::vatCategory))
                .flatMap(s -> s).anyMatch(SPLIT_PAYMENT::equals);
    }
}
