package io.einvoice.gateway.facturx;

import java.util.Arrays;
import java.util.Locale;

/**
 * Factur-X 1.0 profiles the writers produce, each with its specification identifier (BT-24) and Mustang's profile name.
 * MINIMUM and BASIC WL carry no lines and are not EN 16931 invoices (booking aids only).
 */
public enum Profile {
    MINIMUM("urn:factur-x.eu:1p0:minimum", "MINIMUM"),
    BASIC_WL("urn:factur-x.eu:1p0:basicwl", "BASICWL"),
    BASIC("urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic", "BASIC"),
    EN16931("urn:cen.eu:en16931:2017", "EN16931"),
    EXTENDED("urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended", "EXTENDED");

    private final String guideline;
    private final String mustangName;

    Profile(String guideline, String mustangName) {
        this.guideline = guideline;
        this.mustangName = mustangName;
    }

    /** BT-24 as written in CII. */
    public String guideline() {
        return guideline;
    }

    org.mustangproject.ZUGFeRD.Profile mustang() {
        return org.mustangproject.ZUGFeRD.Profiles.getByName(mustangName);
    }

    public boolean hasLines() {
        return this != MINIMUM && this != BASIC_WL;
    }

    /** Fields EN 16931 has but BASIC leaves out (line notes, descriptions, contacts). */
    boolean isComplete() {
        return this == EN16931 || this == EXTENDED;
    }

    /** The profile a BT-24 value names, by the profile name it contains; null when it names none of ours. */
    public static Profile fromGuideline(String guideline) {
        if (guideline == null) {
            return null;
        }
        String g = guideline.toLowerCase(Locale.ROOT);
        if (g.contains("minimum")) {
            return MINIMUM;
        }
        if (g.contains("basicwl")) {
            return BASIC_WL;
        }
        if (g.contains("basic")) {
            return BASIC;
        }
        if (g.contains("extended")) {
            return EXTENDED;
        }
        return g.startsWith("urn:cen.eu:en16931:2017") ? EN16931 : null;
    }

    /**
     * The profile an invoice can be written in when {@code requested} is asked for: an invoice without lines (read from
     * MINIMUM or BASIC WL) cannot become a profile with lines, which needs at least one (BR-16), so it keeps the
     * lineless profile it came in (BASIC WL when unknown).
     */
    public static Profile writableFor(io.einvoice.gateway.invoice.Invoice invoice, Profile requested) {
        if (!invoice.lines().isEmpty() || !requested.hasLines()) {
            return requested;
        }
        return fromGuideline(invoice.specification()) == MINIMUM ? MINIMUM : BASIC_WL;
    }

    /** Accepts {@code en16931}, {@code EN 16931}, {@code basic-wl}, {@code BASICWL}… */
    public static Profile parse(String name) {
        String key = name.toUpperCase(Locale.ROOT).replaceAll("[\\s_-]", "");
        return Arrays.stream(values()).filter(p -> p.name().replace("_", "").equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown profile '" + name + "'; profiles: "
                        + Arrays.toString(values())));
    }
}
