package io.einvoice.gateway.party;

import io.einvoice.gateway.dossier.Siren;
import io.einvoice.gateway.invoice.InputLimitException;
import io.einvoice.gateway.invoice.TextLimits;
import org.apache.commons.validator.routines.EmailValidator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies what a person typed to a party and checks the result: identifiers are normalised (spaces removed, upper
 * case) and checked (SIREN/SIRET Luhn, IBAN mod 97, e-mail syntax). Every problem is named, not only the first.
 */
public final class PartyFields {

    /** A VAT number as the directory keeps it: country code, then 2 to 13 characters. */
    static final String VAT_PATTERN = "[A-Z]{2}[0-9A-Z+*.]{2,13}";

    private PartyFields() {
    }

    /** Every text field over its length limit (an import row or a JSON body alike), named. */
    private static List<String> lengths(PartyInput in) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("kind", in.kind());
        texts.put("number", in.number());
        texts.put("companyName", in.companyName());
        texts.put("siren", in.siren());
        texts.put("siret", in.siret());
        texts.put("vatNumber", in.vatNumber());
        texts.put("civility", in.civility());
        texts.put("firstName", in.firstName());
        texts.put("lastName", in.lastName());
        texts.put("address", in.address());
        texts.put("postcode", in.postcode());
        texts.put("city", in.city());
        texts.put("country", in.country());
        texts.put("email", in.email());
        texts.put("iban", in.iban());
        texts.put("parentId", in.parentId());
        List<String> problems = new ArrayList<>();
        texts.forEach((field, value) -> {
            try {
                TextLimits.check(field, value == null ? null : value.strip());
            } catch (InputLimitException e) {
                problems.add(e.getMessage());
            }
        });
        return problems;
    }

    /** @throws InvalidPartyException listing every problem */
    public static Party apply(Party base, PartyInput in) {
        List<String> problems = lengths(in);
        if (!problems.isEmpty()) {
            // the checks below quote values: none of them sees a value longer than its field may be
            throw new InvalidPartyException(problems);
        }
        PartyKind kind = base.kind();
        if (in.kind() != null) {
            try {
                kind = PartyKind.valueOf(in.kind().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("kind must be COMPANY or INDIVIDUAL, got '" + in.kind() + "'");
            }
        }
        String siren = identifier(in.siren(), base.siren());
        String siret = identifier(in.siret(), base.siret());
        String vat = identifier(in.vatNumber(), base.vatNumber());
        String iban = identifier(in.iban(), base.iban());
        String email = text(in.email(), base.email());
        String country = text(in.country(), base.country());
        if (siren != null && !Siren.isValid(siren)) {
            problems.add(Siren.problemWith(siren));
        }
        if (siret != null && !Siren.isValidSiret(siret)) {
            problems.add("siret " + siret + " must be 14 digits with a valid check digit");
        }
        if (siret != null && siren == null && Siren.isValidSiret(siret)) {
            siren = siret.substring(0, 9);
        } else if (Siren.isValidSiret(siret) && Siren.isValid(siren) && !siret.startsWith(siren)) {
            problems.add("siret " + siret + " does not belong to siren " + siren);
        }
        if (vat != null && !vat.matches(VAT_PATTERN)) {
            problems.add("vatNumber '" + vat + "' is not a VAT number (country code then 2 to 13 characters)");
        }
        if (iban != null) {
            IbanRules.problem(iban).ifPresent(problem -> problems.add("iban is not a valid IBAN: " + problem));
        }
        if (email != null && !EmailValidator.getInstance().isValid(email)) {
            problems.add("email '" + email + "' is not an e-mail address");
        }
        if (country != null) {
            country = country.toUpperCase(Locale.ROOT);
            if (!country.matches("[A-Z]{2}")) {
                problems.add("country must be a 2-letter ISO code such as FR, got '" + country + "'");
            }
        }
        String companyName = text(in.companyName(), base.companyName());
        String lastName = text(in.lastName(), base.lastName());
        if (kind == PartyKind.COMPANY && companyName == null) {
            problems.add("companyName is required for a company");
        }
        if (kind == PartyKind.INDIVIDUAL && lastName == null) {
            problems.add("lastName is required for an individual");
        }
        if (!problems.isEmpty()) {
            throw new InvalidPartyException(problems);
        }
        return new Party(base.id(), base.dossierId(), base.role(), text(in.number(), base.number()), kind, companyName,
                siren, siret, vat, text(in.civility(), base.civility()), text(in.firstName(), base.firstName()), lastName,
                text(in.address(), base.address()), text(in.postcode(), base.postcode()), text(in.city(), base.city()),
                country, email, iban,
                in.trusted() == null ? base.trusted() : in.trusted(),
                in.blacklisted() == null ? base.blacklisted() : in.blacklisted(),
                in.active() == null ? base.active() : in.active(),
                base.createdFromInvoice(),
                in.parentId() == null ? base.parentId() : in.parentId().isBlank() ? null : in.parentId(),
                in.billWithParent() == null ? base.billWithParent() : in.billWithParent(),
                in.publicEntity() == null ? base.publicEntity() : in.publicEntity());
    }

    /** A new, empty party of the dossier, to apply the first input to. */
    static Party blank(String id, String dossierId, PartyRole role, String number) {
        return new Party(id, dossierId, role, number, PartyKind.COMPANY, null, null, null, null, null, null, null, null,
                null, null, null, null, null, false, false, true, false, null, false, false);
    }

    private static String text(String value, String fallback) {
        if (value == null) {
            return fallback;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static String identifier(String value, String fallback) {
        String text = text(value, fallback);
        return text == null ? null : text.replaceAll("[\\s.\\-]", "").toUpperCase(Locale.ROOT);
    }

    /** Every problem of one input, in words. */
    public static final class InvalidPartyException extends IllegalArgumentException {
        private final List<String> problems;

        InvalidPartyException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
