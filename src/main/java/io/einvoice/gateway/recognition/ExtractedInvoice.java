package io.einvoice.gateway.recognition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What recognition read from one document: each field with value, confidence and place, the VAT breakdown, and the
 * invoice lines when they were read and add up ({@link LineItems}; empty otherwise).
 */
public record ExtractedInvoice(TextSource source, int pages, Map<Field, ExtractedField> fields, List<VatBreakdown> vat,
                               List<ExtractedLine> lines) {

    /** Below this a required field is not trusted without a person looking at it. */
    public static final double TRUSTED = 0.75;

    public ExtractedInvoice {
        EnumMap<Field, ExtractedField> copy = new EnumMap<>(Field.class);
        copy.putAll(fields);
        fields = Collections.unmodifiableMap(copy);
        vat = List.copyOf(vat);
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public ExtractedInvoice(TextSource source, int pages, Map<Field, ExtractedField> fields, List<VatBreakdown> vat) {
        this(source, pages, fields, vat, List.of());
    }

    public Optional<String> value(Field field) {
        return Optional.ofNullable(fields.get(field)).map(ExtractedField::value);
    }

    /** One sentence per required field that is missing or below {@link #TRUSTED}, for the document's check reasons. */
    /** Every reason {@link #doubts()} gives starts with it. */
    public static final String DOUBT_PREFIX = "recognition: ";

    public List<String> doubts() {
        List<String> reasons = new ArrayList<>();
        for (Field f : Field.values()) {
            ExtractedField e = fields.get(f);
            if (f.required() && e == null) {
                reasons.add(DOUBT_PREFIX + f.json() + " not found");
            } else if (f.required() && e.confidence() < TRUSTED) {
                reasons.add(DOUBT_PREFIX + String.format(Locale.ROOT, "%s '%s' uncertain (confidence %.2f, page %d)",
                        f.json(), e.value(), e.confidence(), e.box() == null ? 0 : e.box().page()));
            }
        }
        return reasons;
    }
}
