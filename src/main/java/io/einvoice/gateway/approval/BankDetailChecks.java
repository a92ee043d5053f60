package io.einvoice.gateway.approval;

import io.einvoice.gateway.party.IbanRules;
import io.einvoice.gateway.party.Party;

import java.util.ArrayList;
import java.util.List;

/**
 * What a person must check about the bank details an invoice gives: an IBAN that fails its country's format or its
 * mod-97 check digits, a BIC of another country, and an IBAN that is also the account of a supplier with other legal
 * identifiers — the mark of a fraudster collecting several companies' payments, or of a factoring company.
 */
final class BankDetailChecks {

    static final String NEW_BANK_DETAILS =
            "new bank details for this supplier: confirm them with the supplier by a known channel";

    private BankDetailChecks() {
    }

    /** Reasons about the IBAN and BIC themselves; {@code iban} is compact (see {@link IbanRules#compact}). */
    static List<String> ibanReasons(String iban, String bic) {
        List<String> reasons = new ArrayList<>();
        if (iban == null) {
            return reasons;
        }
        IbanRules.problem(iban).ifPresent(problem -> reasons.add("the seller's IBAN is not valid: " + problem));
        IbanRules.bicProblem(iban, bic).ifPresent(reasons::add);
        return reasons;
    }

    /**
     * Whether two suppliers are known to be different companies: their SIRENs differ, or, when either has no SIREN,
     * their VAT numbers differ. One without any legal identifier is not known to be different.
     */
    static boolean differentCompanies(Party a, Party b) {
        if (a.siren() != null && b.siren() != null) {
            return !a.siren().equals(b.siren());
        }
        return a.vatNumber() != null && b.vatNumber() != null && !a.vatNumber().equals(b.vatNumber());
    }

    /**
     * The reason naming the other supplier of an IBAN. One of another dossier of the firm is not named: people and
     * keys of this dossier may not see that dossier.
     */
    static String sharedIban(String iban, Party other, boolean sameDossier) {
        return sameDossier
                ? "IBAN " + iban + " is also the bank account of supplier " + other.label() + " ("
                        + (other.siren() != null ? "SIREN " + other.siren() : "VAT number " + other.vatNumber())
                        + "), another company"
                : "IBAN " + iban + " is also the bank account of a supplier with other legal identifiers in another"
                        + " dossier of the firm";
    }

    static String moreSharers(String iban) {
        return "IBAN " + iban + " is the bank account of more suppliers with other legal identifiers than listed here";
    }
}
