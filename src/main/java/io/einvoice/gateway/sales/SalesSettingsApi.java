package io.einvoice.gateway.sales;

import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.SecurityEvents;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotAllowedException;
import io.einvoice.gateway.refusal.NotVisibleException;
import org.apache.commons.validator.routines.EmailValidator;
import org.apache.commons.validator.routines.IBANValidator;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
    private final TransactionTemplate transactions;
    private final SecurityEvents events;

    public SalesSettingsApi(AccessService access, SalesSettingsRepository settings, TransactionTemplate transactions,
                            SecurityEvents events) {
        this.access = access;
        this.settings = settings;
        this.transactions = transactions;
        this.events = events;
    }

    public View get(Caller caller, String siren) {
        return View.of(settings.get(dossier(caller, siren).id()));
    }

    /**
     * Users only: the settings say which account customers pay into, and an API key (billing software, a leaked
     * script) must not be able to redirect a dossier's income. A change of IBAN or BIC is a security event.
     */
    public View put(Caller caller, String siren, String body, String clientAddress) {
        Dossier dossier = dossier(caller, siren);
        if (!(caller instanceof Caller.Person)) {
            throw new NotAllowedException("an API key cannot change sales settings: they hold the account customers pay"
                    + " into; log in as a user of the firm");
        }
        SalesSettings saved = parse(dossier.id(), Json.read(body, Input.class));
        settings.ensureRow(dossier.id());
        transactions.executeWithoutResult(tx -> {
            SalesSettings before = settings.getForChange(dossier.id());
            settings.save(saved);
            if (!Objects.equals(before.iban(), saved.iban()) || !Objects.equals(before.bic(), saved.bic())) {
                events.record(SecurityEvents.Type.SALES_IBAN_CHANGED, caller.label(), clientAddress, dossier.firmId(),
                        dossier.id(), "IBAN " + shown(before.iban()) + " -> " + shown(saved.iban())
                                + "; BIC " + shown(before.bic()) + " -> " + shown(saved.bic()));
            }
        });
        return View.of(saved);
    }

    private static String shown(String value) {
        return value == null ? "(none)" : value;
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
            throw new InvalidInputException(String.join("; ", problems));
        }
        return new SalesSettings(dossierId, prefix, iban, bic, address, postcode, city, country, email, days);
    }

    private Dossier dossier(Caller caller, String siren) {
        return access.visibleDossier(caller, siren).orElseThrow(() -> new NotVisibleException("dossier " + siren));
    }
}
