package io.einvoice.gateway.sales;

import io.einvoice.gateway.api.ApiException;
import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.dossier.Dossier;
import org.apache.commons.validator.routines.EmailValidator;
import org.apache.commons.validator.routines.IBANValidator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** GET/PUT /api/dossiers/{siren}/sales-settings: number prefix, IBAN, address, payment term. Every problem is named. */
public class SalesSettingsApi {

    private static final Pattern BIC = Pattern.compile("[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public record Input(String numberPrefix, String iban, String bic, String address, String postcode, String city,
                        String country, String email, Integer paymentDays) {
    }

    public record View(String numberPrefix, String iban, String bic, String address, String postcode, String city,
                       String country, String email, int paymentDays) {
        static View of(SalesSettings s) {
            return new View(s.numberPrefix(), s.iban(), s.bic(), s.address(), s.postcode(), s.city(), s.country(), s.email(),
                    s.paymentDays());
        }
    }

    private final AccessService access;
    private final SalesSettingsRepository settings;

    public SalesSettingsApi(AccessService access, SalesSettingsRepository settings) {
        this.access = access;
        this.settings = settings;
    }

    public View get(Caller caller, String siren) {
        return View.of(settings.get(dossier(caller, siren).id()));
    }

    public View put(Caller caller, String siren, String body) {
        Dossier dossier = dossier(caller, siren);
        SalesSettings saved = parse(dossier.id(), Json.read(body, Input.class));
        settings.save(saved);
        return View.of(saved);
    }

    static SalesSettings parse(String dossierId, Input in) {
        List<String> problems = new ArrayList<>();
        String prefix = in.numberPrefix() == null ? NumberPrefix.DEFAULT : in.numberPrefix();
        try {
            NumberPrefix.check(prefix);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        String iban = in.iban() == null || in.iban().isBlank() ? null : in.iban().replace(" ", "").toUpperCase();
        if (iban != null && !IBANValidator.getInstance().isValid(iban)) {
            problems.add("iban '" + in.iban() + "' is not a valid IBAN (country, check digits, length)");
        }
        String bic = in.bic() == null || in.bic().isBlank() ? null : in.bic().strip().toUpperCase();
        if (bic != null && !BIC.matcher(bic).matches()) {
            problems.add("bic '" + in.bic() + "' is not a BIC (8 or 11 letters and digits)");
        }
        String country = in.country() == null || in.country().isBlank() ? "FR" : in.country().strip().toUpperCase();
        if (!COUNTRY.matcher(country).matches()) {
            problems.add("country must be an ISO 3166 two-letter code such as FR, got '" + in.country() + "'");
        }
        String email = in.email() == null || in.email().isBlank() ? null : in.email().strip();
        if (email != null && !EmailValidator.getInstance().isValid(email)) {
            problems.add("email '" + in.email() + "' is not an e-mail address");
        }
        int days = in.paymentDays() == null ? SalesSettings.DEFAULT_PAYMENT_DAYS : in.paymentDays();
        if (days < 0 || days > 60) {
            problems.add("paymentDays must be between 0 and 60 (French law caps payment terms at 60 days), got " + days);
        }
        String address = null;
        String postcode = null;
        String city = null;
        try {
            address = FieldRules.text("address", in.address(), 300, false);
            postcode = FieldRules.text("postcode", in.postcode(), 20, false);
            city = FieldRules.text("city", in.city(), 100, false);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest(String.join("; ", problems));
        }
        return new SalesSettings(dossierId, prefix, iban, bic, address, postcode, city, country, email, days);
    }

    private Dossier dossier(Caller caller, String siren) {
        return access.visibleDossier(caller, siren).orElseThrow(() -> ApiException.notFound("dossier " + siren));
    }
}
