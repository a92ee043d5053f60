package io.einvoice.gateway.party;

import org.apache.commons.validator.routines.IBANValidator;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place IBANs and BICs are checked: an IBAN against the ISO 13616 registry of its country (length and layout,
 * as commons-validator keeps it) and its mod-97 check digits; a BIC against the IBAN's country.
 */
public final class IbanRules {

    /** The longest IBAN of the registry; anything longer is refused before it is looked at. */
    public static final int MAX_LENGTH = 34;

    /**
     * Territories whose banks use another country's IBANs (the registry lists them under that country) while their BICs
     * carry their own code: a Réunion bank's IBAN starts with FR, its BIC says RE.
     */
    private static final Map<String, Set<String>> BIC_COUNTRIES_OF_IBAN_COUNTRY = Map.of(
            "FR", Set.of("FR", "GF", "GP", "MQ", "RE", "YT", "PM", "BL", "MF", "NC", "PF", "WF", "TF", "MC"),
            "GB", Set.of("GB", "GG", "JE", "IM"),
            "FI", Set.of("FI", "AX"));

    private IbanRules() {
    }

    /** Spaces, dots and dashes removed, upper case; null for nothing. */
    public static String compact(String value) {
        return value == null || value.isBlank() ? null : value.replaceAll("[\\s.\\-]", "").toUpperCase(Locale.ROOT);
    }

    public static boolean isValid(String compactIban) {
        return compactIban != null && compactIban.length() <= MAX_LENGTH && IBANValidator.getInstance().isValid(compactIban);
    }

    /** What is wrong with an IBAN, in words that never repeat it; empty when it is valid. */
    public static Optional<String> problem(String compactIban) {
        if (compactIban == null || compactIban.length() < 2 || compactIban.length() > MAX_LENGTH
                || !compactIban.matches("[A-Z0-9]+")) {
            return Optional.of("it is not an IBAN (2 letters, 2 check digits and up to 30 letters or digits)");
        }
        String country = compactIban.substring(0, 2);
        return switch (IBANValidator.getInstance().validate(compactIban)) {
            case VALID -> Optional.empty();
            case UNKNOWN_COUNTRY -> Optional.of("its country code is not one of the IBAN registry");
            case INVALID_LENGTH -> Optional.of("it has " + compactIban.length() + " characters where an IBAN of " + country
                    + " has " + IBANValidator.getInstance().getValidator(country).getIbanLength());
            case INVALID_PATTERN -> Optional.of("its layout is not that of an IBAN of " + country);
            case INVALID_CHECKSUM -> Optional.of("its check digits are wrong (mod 97): a character was mistyped or changed");
        };
    }

    /**
     * Why a BIC does not go with an IBAN; empty when it does, or when either is missing or the IBAN is invalid (that
     * is said on its own).
     */
    public static Optional<String> bicProblem(String compactIban, String bic) {
        String b = compact(bic);
        if (b == null || !isValid(compactIban)) {
            return Optional.empty();
        }
        if (!b.matches("[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?")) {
            return Optional.of("the BIC given with IBAN " + compactIban + " is not a BIC (8 or 11 letters and digits)");
        }
        String ibanCountry = compactIban.substring(0, 2);
        String bicCountry = b.substring(4, 6);
        if (!BIC_COUNTRIES_OF_IBAN_COUNTRY.getOrDefault(ibanCountry, Set.of(ibanCountry)).contains(bicCountry)) {
            return Optional.of("the BIC " + b + " is of a bank in " + bicCountry + " but IBAN " + compactIban
                    + " is an account in " + ibanCountry + ": check the bank details with the supplier");
        }
        return Optional.empty();
    }
}
