package io.einvoice.gateway.recognition;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The invoice fields recognition extracts; the JSON names are the ones the API and the benchmark use. */
public enum Field {
    SELLER_NAME("sellerName", true),
    SELLER_SIREN("sellerSiren", false),
    SELLER_SIRET("sellerSiret", false),
    SELLER_VAT("sellerVat", false),
    IBAN("iban", false),
    BIC("bic", false),
    NUMBER("number", true),
    ISSUE_DATE("issueDate", true),
    DUE_DATE("dueDate", false),
    CURRENCY("currency", true),
    TOTAL_EXCL_VAT("totalExclVat", false),
    TOTAL_VAT("totalVat", false),
    TOTAL_INCL_VAT("totalInclVat", true),
    BUYER_NAME("buyerName", false),
    BUYER_SIREN("buyerSiren", false),
    BUYER_VAT("buyerVat", false),
    /** Invoice (380) or credit note (381), from the page's title; a credit note's totals are read positive. */
    TYPE_CODE("typeCode", false);

    private final String json;
    private final boolean required;

    Field(String json, boolean required) {
        this.json = json;
        this.required = required;
    }

    public String json() {
        return json;
    }

    /** Required for a usable invoice: a missing or doubtful one sends the document to a person. */
    public boolean required() {
        return required;
    }

    public boolean amount() {
        return this == TOTAL_EXCL_VAT || this == TOTAL_VAT || this == TOTAL_INCL_VAT;
    }

    public static Optional<Field> fromJson(String name) {
        return Arrays.stream(values()).filter(f -> f.json.equalsIgnoreCase(name) || f.name().equals(name.toUpperCase(Locale.ROOT)))
                .findFirst();
    }
}
