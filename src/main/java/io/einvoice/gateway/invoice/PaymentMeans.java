package io.einvoice.gateway.invoice;

/**
 * Payment instructions (BG-16): BT-81 means code (UNTDID 4461, e.g. 30 credit transfer, 58 SEPA credit transfer,
 * 59 SEPA direct debit), BT-82 text, BT-83 remittance information, the credit transfer account (BG-17): BT-84 IBAN,
 * BT-85 account name, BT-86 BIC, and the direct debit (BG-19, null when none; see {@link DirectDebit}).
 */
public record PaymentMeans(String code, String text, String remittanceInformation, String iban, String accountName,
                           String bic, DirectDebit directDebit) {

    /** Payment instructions without direct debit. */
    public PaymentMeans(String code, String text, String remittanceInformation, String iban, String accountName, String bic) {
        this(code, text, remittanceInformation, iban, accountName, bic, null);
    }

    public PaymentMeans withDirectDebit(DirectDebit debit) {
        return new PaymentMeans(code, text, remittanceInformation, iban, accountName, bic, debit);
    }
}
