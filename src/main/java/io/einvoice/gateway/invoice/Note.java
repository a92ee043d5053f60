package io.einvoice.gateway.invoice;

/**
 * Invoice note (BG-1): BT-21 subject code (UNTDID 4451) and BT-22 text. French invoices must carry PMT (fixed
 * recovery indemnity), PMD (late payment penalties) and AAB (early payment discount) notes.
 */
public record Note(String subjectCode, String text) {

    public static final String RECOVERY_INDEMNITY = "PMT";
    public static final String LATE_PAYMENT_PENALTIES = "PMD";
    public static final String EARLY_PAYMENT_DISCOUNT = "AAB";
}
