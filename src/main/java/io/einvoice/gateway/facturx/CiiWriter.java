package io.einvoice.gateway.facturx;

import io.einvoice.gateway.invoice.AllowanceCharge;
import io.einvoice.gateway.invoice.Contact;
import io.einvoice.gateway.invoice.Delivery;
import io.einvoice.gateway.invoice.DirectDebit;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.InvoiceLine;
import io.einvoice.gateway.invoice.Note;
import io.einvoice.gateway.invoice.Party;
import io.einvoice.gateway.invoice.PaymentMeans;
import io.einvoice.gateway.invoice.Period;
import io.einvoice.gateway.invoice.PostalAddress;
import io.einvoice.gateway.invoice.PrecedingInvoice;
import io.einvoice.gateway.invoice.Totals;
import io.einvoice.gateway.invoice.VatArithmetic;
import io.einvoice.gateway.invoice.VatBreakdown;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Writes the canonical {@link Invoice} as CII D16B in a Factur-X profile, in the element order of the Factur-X XSDs and
 * with the amounts the invoice states. It is the mirror of {@link CiiInvoiceMapper}; Mustang's own CII writer is not used
 * because it recomputes every amount from its item model, which would change what a received invoice says.
 * Each profile gets only the elements its XSD allows. Stateless and thread-safe.
 */
final class CiiWriter {

    private static final Map<String, String> NAMESPACES = namespaces();
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    byte[] write(Invoice invoice, Profile profile) {
        XmlOut x = new XmlOut(NAMESPACES).root("rsm:CrossIndustryInvoice");
        x.start("rsm:ExchangedDocumentContext");
        if (invoice.businessProcess() != null && profile != Profile.MINIMUM) {
            x.start("ram:BusinessProcessSpecifiedDocumentContextParameter").leaf("ram:ID", invoice.businessProcess()).end();
        }
        x.start("ram:GuidelineSpecifiedDocumentContextParameter").leaf("ram:ID", profile.guideline()).end();
        x.end();

        x.start("rsm:ExchangedDocument").leaf("ram:ID", invoice.number())
                .leaf("ram:TypeCode", invoice.type() == null || invoice.type().code() == null ? "380" : invoice.type().code());
        date(x, "ram:IssueDateTime", "udt:DateTimeString", invoice.issueDate());
        if (profile != Profile.MINIMUM) {
            // a note needs its text (BT-22); a bare subject code says nothing
            for (Note note : invoice.notes().stream().filter(n -> n.text() != null && !n.text().isBlank()).toList()) {
                x.start("ram:IncludedNote").leaf("ram:Content", note.text()).leaf("ram:SubjectCode", note.subjectCode()).end();
            }
        }
        x.end();

        x.start("rsm:SupplyChainTradeTransaction");
        if (profile.hasLines()) {
            invoice.lines().forEach(line -> line(x, line, profile));
        }
        agreement(x, invoice, profile);
        delivery(x, invoice.delivery(), profile);
        settlement(x, invoice, profile);
        x.end();
        return x.end().finish();
    }

    private static void line(XmlOut x, InvoiceLine line, Profile profile) {
        x.start("ram:IncludedSupplyChainTradeLineItem");
        x.start("ram:AssociatedDocumentLineDocument").leaf("ram:LineID", line.id());
        if (line.note() != null) {
            x.start("ram:IncludedNote").leaf("ram:Content", line.note()).end();
        }
        x.end();
        x.start("ram:SpecifiedTradeProduct").leaf("ram:Name", line.name() == null ? "-" : line.name());
        if (profile.isComplete()) {
            x.leaf("ram:Description", line.description());
        }
        x.end();
        x.start("ram:SpecifiedLineTradeAgreement").start("ram:NetPriceProductTradePrice")
                .leaf("ram:ChargeAmount", XmlOut.plain(netPrice(line)))
                .leaf("ram:BasisQuantity", XmlOut.plain(line.priceBaseQuantity()), "unitCode", unit(line))
                .end().end();
        x.start("ram:SpecifiedLineTradeDelivery")
                .leaf("ram:BilledQuantity", XmlOut.plain(quantity(line)), "unitCode", unit(line)).end();
        x.start("ram:SpecifiedLineTradeSettlement");
        tax(x, "ram:ApplicableTradeTax", line.vatCategory(), line.vatRate());
        x.start("ram:SpecifiedTradeSettlementLineMonetarySummation").leaf("ram:LineTotalAmount", line.netAmount()).end();
        x.end();
        x.end();
    }

    private static void agreement(XmlOut x, Invoice invoice, Profile profile) {
        x.start("ram:ApplicableHeaderTradeAgreement").leaf("ram:BuyerReference", invoice.buyerReference());
        party(x, "ram:SellerTradeParty", invoice.seller(), profile, true);
        party(x, "ram:BuyerTradeParty", invoice.buyer(), profile, false);
        if (invoice.orderReference() != null) {
            x.start("ram:BuyerOrderReferencedDocument").leaf("ram:IssuerAssignedID", invoice.orderReference()).end();
        }
        if (invoice.contractReference() != null && profile != Profile.MINIMUM) {
            x.start("ram:ContractReferencedDocument").leaf("ram:IssuerAssignedID", invoice.contractReference()).end();
        }
        x.end();
    }

    private static void party(XmlOut x, String element, Party party, Profile profile, boolean seller) {
        Party p = party == null ? Party.unknown() : party;
        x.start(element);
        boolean minimum = profile == Profile.MINIMUM;
        if (!minimum) {
            p.identifiers().stream().filter(id -> id.scheme() == null).forEach(id -> x.leaf("ram:ID", id.value()));
            if (p.siret() != null) {
                x.leaf("ram:GlobalID", p.siret(), "schemeID", Party.SIRET_SCHEME);
            }
            p.identifiers().stream().filter(id -> id.scheme() != null)
                    .forEach(id -> x.leaf("ram:GlobalID", id.value(), "schemeID", id.scheme()));
        }
        x.leaf("ram:Name", p.name() == null ? "-" : p.name());
        if (p.siren() != null || p.legalRegistration() != null || (!minimum && p.tradingName() != null)) {
            x.start("ram:SpecifiedLegalOrganization");
            if (p.siren() != null) {
                x.leaf("ram:ID", p.siren(), "schemeID", Party.SIREN_SCHEME);
            } else if (p.legalRegistration() != null) {
                x.leaf("ram:ID", p.legalRegistration().value(), "schemeID", p.legalRegistration().scheme());
            }
            if (!minimum) {
                x.leaf("ram:TradingBusinessName", p.tradingName());
            }
            x.end();
        }
        Contact contact = p.contact();
        if (profile.isComplete() && contact != null) {
            x.start("ram:DefinedTradeContact").leaf("ram:PersonName", contact.name());
            if (contact.phone() != null) {
                x.start("ram:TelephoneUniversalCommunication").leaf("ram:CompleteNumber", contact.phone()).end();
            }
            if (contact.email() != null) {
                x.start("ram:EmailURIUniversalCommunication").leaf("ram:URIID", contact.email()).end();
            }
            x.end();
        }
        PostalAddress a = p.address();
        if (minimum) {
            // MINIMUM keeps only the seller's country (BT-40) of the whole address
            if (seller && a != null && a.countryCode() != null) {
                x.start("ram:PostalTradeAddress").leaf("ram:CountryID", a.countryCode()).end();
            }
        } else {
            address(x, a);
            if (p.electronicAddress() != null && p.electronicAddress().value() != null) {
                x.start("ram:URIUniversalCommunication").leaf("ram:URIID", p.electronicAddress().value(), "schemeID",
                        p.electronicAddress().scheme()).end();
            }
        }
        if (p.vatId() != null && (seller || !minimum)) {
            x.start("ram:SpecifiedTaxRegistration").leaf("ram:ID", p.vatId(), "schemeID", "VA").end();
        }
        if (p.taxRegistration() != null && seller) {
            x.start("ram:SpecifiedTaxRegistration").leaf("ram:ID", p.taxRegistration(), "schemeID", "FC").end();
        }
        x.end();
    }

    private static void address(XmlOut x, PostalAddress a) {
        if (a == null || a.countryCode() == null) {
            return;
        }
        x.start("ram:PostalTradeAddress").leaf("ram:PostcodeCode", a.postCode()).leaf("ram:LineOne", a.line1())
                .leaf("ram:LineTwo", a.line2()).leaf("ram:LineThree", a.line3()).leaf("ram:CityName", a.city())
                .leaf("ram:CountryID", a.countryCode()).leaf("ram:CountrySubDivisionName", a.countrySubdivision()).end();
    }

    private static void delivery(XmlOut x, Delivery delivery, Profile profile) {
        x.start("ram:ApplicableHeaderTradeDelivery");
        if (delivery != null && profile != Profile.MINIMUM) {
            if (delivery.partyName() != null || delivery.locationId() != null || delivery.address() != null) {
                x.start("ram:ShipToTradeParty").leaf("ram:ID", delivery.locationId()).leaf("ram:Name", delivery.partyName());
                address(x, delivery.address());
                x.end();
            }
            if (delivery.date() != null) {
                x.start("ram:ActualDeliverySupplyChainEvent");
                date(x, "ram:OccurrenceDateTime", "udt:DateTimeString", delivery.date());
                x.end();
            }
        }
        x.end();
    }

    private static void settlement(XmlOut x, Invoice invoice, Profile profile) {
        boolean minimum = profile == Profile.MINIMUM;
        x.start("ram:ApplicableHeaderTradeSettlement");
        // BG-19 is in the payment means in the model, but CII keeps BT-90 and BT-89 once per document
        String mandate = directDebit(invoice, DirectDebit::mandateReference);
        if (!minimum) {
            x.leaf("ram:CreditorReferenceID", directDebit(invoice, DirectDebit::creditorIdentifier));
        }
        PaymentMeans first = invoice.paymentMeans().isEmpty() ? null : invoice.paymentMeans().get(0);
        if (!minimum && first != null) {
            x.leaf("ram:PaymentReference", first.remittanceInformation());
        }
        x.leaf("ram:InvoiceCurrencyCode", invoice.currency());
        if (!minimum) {
            for (PaymentMeans means : invoice.paymentMeans()) {
                paymentMeans(x, means, profile);
            }
            for (VatBreakdown vat : invoice.vatBreakdown()) {
                x.start("ram:ApplicableTradeTax").leaf("ram:CalculatedAmount", vat.taxAmount()).leaf("ram:TypeCode", "VAT")
                        .leaf("ram:ExemptionReason", vat.exemptionReason()).leaf("ram:BasisAmount", vat.taxableAmount())
                        .leaf("ram:CategoryCode", vat.category()).leaf("ram:ExemptionReasonCode", vat.exemptionReasonCode());
                if (!"O".equals(vat.category())) {
                    x.leaf("ram:RateApplicablePercent", rateOrZero(vat.rate()));
                }
                x.end();
            }
            Period period = invoice.invoicingPeriod();
            if (period != null && (period.start() != null || period.end() != null)) {
                x.start("ram:BillingSpecifiedPeriod");
                date(x, "ram:StartDateTime", "udt:DateTimeString", period.start());
                date(x, "ram:EndDateTime", "udt:DateTimeString", period.end());
                x.end();
            }
            for (AllowanceCharge ac : invoice.allowancesCharges()) {
                allowanceCharge(x, ac);
            }
            if (invoice.paymentTerms() != null || invoice.dueDate() != null || mandate != null) {
                x.start("ram:SpecifiedTradePaymentTerms").leaf("ram:Description", invoice.paymentTerms());
                date(x, "ram:DueDateDateTime", "udt:DateTimeString", invoice.dueDate());
                x.leaf("ram:DirectDebitMandateID", mandate);
                x.end();
            }
        }
        summation(x, invoice, minimum);
        if (!minimum) {
            List<PrecedingInvoice> preceding = profile == Profile.EXTENDED ? invoice.precedingInvoices()
                    : invoice.precedingInvoices().stream().limit(1).toList();
            for (PrecedingInvoice p : preceding) {
                x.start("ram:InvoiceReferencedDocument").leaf("ram:IssuerAssignedID", p.number());
                date(x, "ram:FormattedIssueDateTime", "qdt:DateTimeString", p.issueDate());
                x.end();
            }
        }
        x.end();
    }

    private static void paymentMeans(XmlOut x, PaymentMeans means, Profile profile) {
        x.start("ram:SpecifiedTradeSettlementPaymentMeans").leaf("ram:TypeCode", means.code() == null ? "1" : means.code());
        if (profile.isComplete()) {
            x.leaf("ram:Information", means.text());
        }
        if (means.directDebit() != null && means.directDebit().debitedAccount() != null) {
            x.start("ram:PayerPartyDebtorFinancialAccount").leaf("ram:IBANID", means.directDebit().debitedAccount()).end();
        }
        if (means.iban() != null) {
            x.start("ram:PayeePartyCreditorFinancialAccount").leaf("ram:IBANID", means.iban());
            if (profile.isComplete()) {
                x.leaf("ram:AccountName", means.accountName());
            }
            x.end();
            if (profile.isComplete() && means.bic() != null) {
                x.start("ram:PayeeSpecifiedCreditorFinancialInstitution").leaf("ram:BICID", means.bic()).end();
            }
        }
        x.end();
    }

    /** The first payment means' value of that BG-19 term, null when none states it. */
    private static String directDebit(Invoice invoice, Function<DirectDebit, String> term) {
        return invoice.paymentMeans().stream().map(PaymentMeans::directDebit).filter(Objects::nonNull).map(term)
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static void allowanceCharge(XmlOut x, AllowanceCharge ac) {
        x.start("ram:SpecifiedTradeAllowanceCharge");
        x.start("ram:ChargeIndicator").leaf("udt:Indicator", Boolean.toString(ac.charge())).end();
        x.leaf("ram:CalculationPercent", ac.percentage()).leaf("ram:BasisAmount", ac.baseAmount())
                .leaf("ram:ActualAmount", ac.amount()).leaf("ram:ReasonCode", ac.reasonCode()).leaf("ram:Reason", ac.reason());
        tax(x, "ram:CategoryTradeTax", ac.vatCategory(), ac.vatRate());
        x.end();
    }

    private static void summation(XmlOut x, Invoice invoice, boolean minimum) {
        Totals t = invoice.totals() == null ? new Totals(null, null, null, null) : invoice.totals();
        x.start("ram:SpecifiedTradeSettlementHeaderMonetarySummation");
        if (!minimum) {
            BigDecimal lineTotal = t.lineTotal() != null ? t.lineTotal() : VatArithmetic.round(invoice.lines().stream()
                    .map(l -> l.netAmount() == null ? BigDecimal.ZERO : l.netAmount()).reduce(BigDecimal.ZERO, BigDecimal::add));
            x.leaf("ram:LineTotalAmount", lineTotal).leaf("ram:ChargeTotalAmount", t.chargeTotal())
                    .leaf("ram:AllowanceTotalAmount", t.allowanceTotal());
        }
        x.leaf("ram:TaxBasisTotalAmount", t.exclVat());
        x.leaf("ram:TaxTotalAmount", XmlOut.plain(t.vat() == null ? BigDecimal.ZERO.setScale(2) : t.vat()), "currencyID",
                invoice.currency());
        if (!minimum) {
            x.leaf("ram:RoundingAmount", t.rounding());
        }
        x.leaf("ram:GrandTotalAmount", t.inclVat());
        if (!minimum) {
            x.leaf("ram:TotalPrepaidAmount", t.prepaid());
        }
        x.leaf("ram:DuePayableAmount", t.duePayable());
        x.end();
    }

    private static void tax(XmlOut x, String element, String category, BigDecimal rate) {
        String code = category == null ? "S" : category;
        x.start(element).leaf("ram:TypeCode", "VAT").leaf("ram:CategoryCode", code);
        if (!"O".equals(code)) {
            x.leaf("ram:RateApplicablePercent", rateOrZero(rate));
        }
        x.end();
    }

    private static String rateOrZero(BigDecimal rate) {
        return XmlOut.plain(rate == null ? BigDecimal.ZERO : rate);
    }

    private static void date(XmlOut x, String element, String inner, LocalDate day) {
        if (day != null) {
            x.start(element).leaf(inner, DAY.format(day), "format", "102").end();
        }
    }

    private static String unit(InvoiceLine line) {
        return line.unitCode() == null ? "C62" : line.unitCode();
    }

    private static BigDecimal quantity(InvoiceLine line) {
        return line.quantity() == null ? BigDecimal.ONE : line.quantity();
    }

    /** BT-146 is mandatory; a document that states only the line amount gets amount ÷ quantity. */
    private static BigDecimal netPrice(InvoiceLine line) {
        if (line.netPrice() != null) {
            return line.netPrice();
        }
        BigDecimal amount = line.netAmount() == null ? BigDecimal.ZERO : line.netAmount();
        BigDecimal quantity = quantity(line);
        return quantity.signum() == 0 ? amount : amount.divide(quantity, 4, RoundingMode.HALF_UP).stripTrailingZeros().abs();
    }

    private static Map<String, String> namespaces() {
        Map<String, String> ns = new LinkedHashMap<>();
        ns.put("rsm", XmlInvoiceReader.CII_NS);
        ns.put("ram", "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100");
        ns.put("qdt", "urn:un:unece:uncefact:data:standard:QualifiedDataType:100");
        ns.put("udt", "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100");
        return ns;
    }
}
