package io.einvoice.gateway.invoice;

import java.util.Arrays;

/** Invoice type code (BT-3, UNTDID 1001) restricted to the codes EN 16931 and the French reform use. */
public enum InvoiceType {
    INVOICE("380"),
    CREDIT_NOTE("381"),
    CORRECTED_INVOICE("384"),
    PREPAYMENT_INVOICE("386"),
    SELF_BILLED_INVOICE("389"),
    SELF_BILLED_CREDIT_NOTE("261"),
    FACTORED_INVOICE("393"),
    FACTORED_CREDIT_NOTE("396"),
    COMMERCIAL_INVOICE("751"),
    OTHER(null);

    private final String code;

    InvoiceType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** UBL CreditNote documents carry 381 implicitly; an unknown code stays visible as OTHER rather than failing. */
    public static InvoiceType fromCode(String code) {
        if (code == null || code.isBlank()) {
            return INVOICE;
        }
        return Arrays.stream(values()).filter(t -> code.trim().equals(t.code)).findFirst().orElse(OTHER);
    }
}
