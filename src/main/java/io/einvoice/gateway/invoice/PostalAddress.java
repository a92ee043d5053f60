package io.einvoice.gateway.invoice;

/** Postal address (BG-5, BG-8, BG-15): up to three lines, city, post code, subdivision and ISO 3166 country code. */
public record PostalAddress(String line1, String line2, String line3, String city, String postCode,
                            String countrySubdivision, String countryCode) {
}
