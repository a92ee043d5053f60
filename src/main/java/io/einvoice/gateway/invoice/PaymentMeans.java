package io.einvoice.gateway.invoice;

/**
 * Payment instructions (BG-16): BT-81 means code (UNTDID 4461, e.g. 30 credit transfer, 58 SEPA credit transfer),
 * BT-82 text, BT-83 remittance information, and the credit transfer account (BG-17): BT-84 IBAN, BT-85 account name,
 * BT-86 BIC.
 */
public record PaymentMeans(String code, String text, String remittanceInformation, String iban, String accountName,
                           String bic) {
}
