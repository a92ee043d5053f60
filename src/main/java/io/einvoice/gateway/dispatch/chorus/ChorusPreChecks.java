package io.einvoice.gateway.dispatch.chorus;

import org.apache.commons.validator.routines.IBANValidator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Chorus Pro would reject, checked before anything is sent (doc chorus-pro-and-reform §3.1 and §5), each failure a
 * readable reason. Chorus rejects these only in the flux report, minutes or hours after an accepted deposit, so
 * catching them here saves a round trip and a rejected flux.
 */
public final class ChorusPreChecks {

    /** EDI annex rule G1.05: at most 20 characters, letters, digits, space and + _ / - . */
    static final Pattern INVOICE_NUMBER = Pattern.compile("[A-Za-z0-9 +_/-]+");
    static final int MAX_NUMBER_LENGTH = 20;
    static final int MAX_COMMITMENT_LENGTH = 50;
    /** Payment means codes that move money to the seller's account: Chorus Pro only takes an IBAN for them. */
    static final Set<String> CREDIT_TRANSFER = Set.of("30", "58");
    /** Reserved for invoices between public entities; a flux addressed to it is rejected (doc §5.3). */
    static final String PUBLIC_TO_PUBLIC_SERVICE = "FACTURES_PUBLIQUES";

    /** Checks that need no call to Chorus Pro. */
    public List<String> checkInvoice(ChorusInvoiceFacts invoice) {
        List<String> reasons = new ArrayList<>();
        requireSiret(reasons, "seller", invoice.sellerSiret());
        requireSiret(reasons, "buyer", invoice.buyerSiret());
        String number = invoice.number();
        if (number == null) {
            reasons.add("invoice number (BT-1) is missing");
        } else {
            if (number.length() > MAX_NUMBER_LENGTH) {
                reasons.add("invoice number '" + number + "' has " + number.length() + " characters; Chorus Pro accepts at most "
                        + MAX_NUMBER_LENGTH);
            }
            if (!INVOICE_NUMBER.matcher(number).matches()) {
                reasons.add("invoice number '" + number + "' may only contain letters, digits, spaces and + _ / -");
            }
        }
        // Chorus accepts A1…A25, but every frame other than A1 needs data the gateway does not send (payer already
        // paid, validator structure, subcontracting, works): a plain supplier invoice is A1.
        if (!"A1".equals(invoice.cadre())) {
            reasons.add("BT-23 (cadre de facturation) must be A1 for a supplier invoice to Chorus Pro, found "
                    + (invoice.cadre() == null ? "nothing" : "'" + invoice.cadre() + "'"));
        }
        if (!invoice.creditNote()) {
            checkPaymentMeans(reasons, invoice.paymentMeans());
        }
        if (invoice.commitment() != null && invoice.commitment().length() > MAX_COMMITMENT_LENGTH) {
            reasons.add("commitment number (BT-13) has more than " + MAX_COMMITMENT_LENGTH + " characters");
        }
        return reasons;
    }

    /** Checks against the buyer's structure, found through the structure search; null when Chorus does not know it. */
    public List<String> checkRecipient(ChorusInvoiceFacts invoice, StructureRules buyer) {
        List<String> reasons = new ArrayList<>();
        if (buyer == null) {
            reasons.add("buyer SIRET " + invoice.buyerSiret() + " is not a structure known to Chorus Pro");
            return reasons;
        }
        String service = invoice.serviceCode();
        String commitment = invoice.commitment();
        if (buyer.needsServiceCode() && service == null) {
            reasons.add(buyer.name() + " requires a service code (BT-10 buyer reference)");
        }
        if (buyer.needsCommitment() && commitment == null) {
            reasons.add(buyer.name() + " requires a commitment number (engagement juridique, BT-13 order reference)");
        }
        if (buyer.serviceCodeOrCommitment() && service == null && commitment == null) {
            reasons.add(buyer.name() + " requires a service code (BT-10) or a commitment number (BT-13)");
        }
        if (service != null) {
            if (PUBLIC_TO_PUBLIC_SERVICE.equals(service)) {
                reasons.add("service code " + PUBLIC_TO_PUBLIC_SERVICE + " is reserved for invoices between public entities");
            } else if (!buyer.services().containsKey(service)) {
                reasons.add("service code '" + service + "' does not exist at " + buyer.name());
            } else if (!buyer.services().get(service)) {
                reasons.add("service '" + service + "' of " + buyer.name() + " is inactive");
            }
        }
        return reasons;
    }

    private static void requireSiret(List<String> reasons, String party, String siret) {
        if (siret == null) {
            reasons.add(party + " SIRET (scheme 0009) is missing: Chorus Pro identifies " + party + "s by their 14-digit SIRET");
        } else if (!siret.matches("\\d{14}")) {
            reasons.add(party + " SIRET '" + siret + "' must be exactly 14 digits");
        }
    }

    private static void checkPaymentMeans(List<String> reasons, List<ChorusInvoiceFacts.PaymentMeans> means) {
        if (means.isEmpty() || means.stream().allMatch(m -> m.typeCode() == null)) {
            reasons.add("payment means type code (BT-81) is missing; Chorus Pro requires it, e.g. 30 credit transfer with an IBAN");
            return;
        }
        for (ChorusInvoiceFacts.PaymentMeans m : means) {
            if (CREDIT_TRANSFER.contains(m.typeCode())) {
                if (m.iban() == null) {
                    reasons.add("credit transfer (BT-81 " + m.typeCode() + ") without an IBAN (BT-84); Chorus Pro only accepts an IBAN");
                } else if (!IBANValidator.getInstance().isValid(m.iban().replace(" ", ""))) {
                    reasons.add("IBAN '" + m.iban() + "' (BT-84) is not a valid IBAN");
                }
            }
        }
    }
}
