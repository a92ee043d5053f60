package io.einvoice.gateway.dossier;

import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;

/** SIREN (9 digits) and SIRET (14 digits) numbers carry a Luhn check digit. */
public final class Siren {

    private Siren() {
    }

    public static boolean isValid(String siren) {
        return siren != null && siren.matches("\\d{9}") && LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(siren);
    }

    public static boolean isValidSiret(String siret) {
        return siret != null && siret.matches("\\d{14}") && LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(siret);
    }

    /** Why a SIREN is refused, in words for the person who typed it; null when it is valid. */
    public static String problemWith(String siren) {
        if (siren == null || siren.isBlank()) {
            return "siren is required";
        }
        if (!siren.matches("\\d{9}")) {
            return "siren must be exactly 9 digits, got '" + siren + "'";
        }
        if (!isValid(siren)) {
            return "siren " + siren + " fails its check digit (Luhn): check for a typing error";
        }
        return null;
    }
}
