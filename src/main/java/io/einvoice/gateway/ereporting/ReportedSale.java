package io.einvoice.gateway.ereporting;

import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.Party;
import io.einvoice.gateway.invoice.VatBreakdown;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One sales invoice outside e-invoicing, as e-reporting sees it: its scope (B2C or international B2B), its category
 * of transactions (TT-81) and its VAT per rate.
 *
 * @param category {@code TLB1} goods, {@code TPS1} services, {@code TNT1} not taxable in France
 */
public record ReportedSale(String documentId, ReportKind.Scope scope, String number, LocalDate issueDate, String typeCode,
                           String currency, String businessProcess, String category, String sellerSiren, String sellerVat,
                           String buyerVat, String buyerCountry, BigDecimal exclVat, BigDecimal vat,
                           List<VatBreakdown> vatBreakdown) {

    /** VAT categories under which no French VAT is charged (EN 16931 UNTDID 5305): exempt, reverse charge, export... */
    private static final Set<String> NOT_TAXED = Set.of("E", "AE", "K", "G", "O");

    public ReportedSale {
        vatBreakdown = List.copyOf(vatBreakdown);
    }

    public boolean credit() {
        return "381".equals(typeCode);
    }

    /** Payments are reported for services only: their VAT is due when paid (CGI art. 269), goods' when delivered. */
    public boolean paymentReported() {
        return category.equals("TPS1");
    }

    /**
     * The invoice as e-reporting sees it; empty when it is no e-reporting matter: a French company buyer (identified
     * by a SIREN, or a French VAT number) belongs to e-invoicing, even when the invoice went out by e-mail.
     */
    public static Optional<ReportedSale> of(String documentId, Invoice invoice) {
        Party buyer = invoice.buyer();
        String country = buyer == null || buyer.address() == null || buyer.address().countryCode() == null ? null
                : buyer.address().countryCode().strip().toUpperCase(Locale.ROOT);
        String vatId = buyer == null || buyer.vatId() == null || buyer.vatId().isBlank() ? null
                : buyer.vatId().strip().toUpperCase(Locale.ROOT);
        boolean business = vatId != null || (buyer != null && buyer.siren() != null);
        boolean foreign = (country != null && !country.equals("FR")) || (vatId != null && !vatId.startsWith("FR"));
        ReportKind.Scope scope;
        if (!business) {
            scope = ReportKind.Scope.B2C;
        } else if (foreign) {
            scope = ReportKind.Scope.B2B_INT;
        } else {
            return Optional.empty();
        }
        String process = invoice.businessProcess() == null ? "" : invoice.businessProcess().strip();
        boolean taxed = invoice.vatBreakdown().stream().anyMatch(v -> !NOT_TAXED.contains(v.category()));
        // a mixed invoice (M) cannot be split by line nature from the Factur-X: it counts as services, whose VAT and
        // payments are then reported (reporting a payment too many costs less than one missing)
        String category = !taxed ? "TNT1" : process.startsWith("B") ? "TLB1" : "TPS1";
        Party seller = invoice.seller();
        return Optional.of(new ReportedSale(documentId, scope, invoice.number(), invoice.issueDate(),
                invoice.type() == null ? "380" : invoice.type().code(), invoice.currency(), process.isEmpty() ? null : process,
                category, seller == null ? null : seller.siren(), seller == null ? null : seller.vatId(), vatId,
                country != null ? country : vatId != null ? vatId.substring(0, Math.min(2, vatId.length())) : null,
                invoice.totals() == null ? null : invoice.totals().exclVat(),
                invoice.totals() == null ? null : invoice.totals().vat(), invoice.vatBreakdown()));
    }
}
