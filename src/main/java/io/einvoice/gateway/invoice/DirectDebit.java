package io.einvoice.gateway.invoice;

/**
 * Direct debit (BG-19), part of the payment instructions (BG-16): BT-89 mandate reference, BT-90 bank assigned creditor
 * identifier (the SEPA creditor identifier), BT-91 debited account identifier (the buyer's IBAN). Any of them may be null.
 */
public record DirectDebit(String mandateReference, String creditorIdentifier, String debitedAccount) {

    /** The UNTDID 4461 codes that mean direct debit: 49 direct debit, 59 SEPA direct debit. */
    public static boolean isDirectDebitCode(String paymentMeansCode) {
        return "49".equals(paymentMeansCode) || "59".equals(paymentMeansCode);
    }

    /** Null when the group would be empty, so that an absent BG-19 stays null. */
    public static DirectDebit of(String mandateReference, String creditorIdentifier, String debitedAccount) {
        return mandateReference == null && creditorIdentifier == null && debitedAccount == null ? null
                : new DirectDebit(mandateReference, creditorIdentifier, debitedAccount);
    }
}
