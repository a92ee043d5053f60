package io.einvoice.gateway.users;

import io.einvoice.gateway.api.Download;
import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.document.DossierTotals;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierLifecycle;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.DossierStatus;
import io.einvoice.gateway.dossier.Role;
import io.einvoice.gateway.dossier.User;
import io.einvoice.gateway.ingest.IngestResult;
import io.einvoice.gateway.party.PartyExport;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotAllowedException;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.einvoice.gateway.refusal.TooLargeException;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A dossier's life through the API (docs/contract.md "Dossier life"): its status, its client contact, importing many
 * at once, the template, the export, and its totals per month. Changes are for the firm's administrators.
 */
public class DossierLifeApi {

    /** Two financial years: enough to compare one with the last, small enough to answer at once. */
    static final int MAX_MONTHS = 24;

    private final AccessService access;
    private final DossierRepository dossiers;
    private final DossierLifecycle<IngestResult> lifecycle;
    private final DossierImport imports;
    private final DossierTotals totals;
    private final Consumer<String> folders;

    /** @param folders makes the drop folders of a new dossier */
    public DossierLifeApi(AccessService access, DossierRepository dossiers, DossierLifecycle<IngestResult> lifecycle,
                          DossierImport imports, DossierTotals totals, Consumer<String> folders) {
        this.access = access;
        this.dossiers = dossiers;
        this.lifecycle = lifecycle;
        this.imports = imports;
        this.totals = totals;
        this.folders = folders;
    }

    record StatusBody(String status, Boolean inviteContact) {
    }

    record ContactBody(String email, String name, Boolean inviteOnActivation) {
    }

    /**
     * What a status change answers, and the documents an activation released (committed), which the route hands on
     * before it answers (routes/dossiers.camel.yaml).
     */
    public record StatusChanged(Map<String, Object> answer, List<IngestResult> committed) {
    }

    public StatusChanged changeStatus(Caller caller, String siren, String body, String clientAddress) {
        Dossier dossier = visible(caller, siren);
        StatusBody request = Json.read(body, StatusBody.class);
        DossierStatus to;
        try {
            to = DossierStatus.valueOf(request.status() == null ? "" : request.status().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status must be one of DRAFT, CREATED, ACTIVATED, DEACTIVATED");
        }
        DossierLifecycle.Outcome<IngestResult> outcome;
        try {
            outcome = lifecycle.change(caller, dossier, to, request.inviteContact(), clientAddress);
        } catch (SecurityException e) {
            throw new NotAllowedException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("siren", outcome.dossier().siren());
        answer.put("from", outcome.from().name());
        answer.put("status", outcome.dossier().status());
        answer.put("released", outcome.released().size());
        answer.put("invitation", outcome.invitation());
        return new StatusChanged(answer, outcome.released());
    }

    public Map<String, Object> contact(Caller caller, String siren) {
        return view(visible(caller, siren));
    }

    public Map<String, Object> setContact(Caller caller, String siren, String body) {
        Dossier dossier = visible(caller, siren);
        administrator(caller);
        ContactBody request = Json.read(body, ContactBody.class);
        String email = request.email() == null || request.email().isBlank() ? null : request.email().strip().toLowerCase(Locale.ROOT);
        if (email != null && PersonFields.emailProblem(email) != null) {
            throw new InvalidInputException("email: " + PersonFields.emailProblem(email));
        }
        String name = request.name() == null || request.name().isBlank() ? null : request.name().strip();
        if (name != null && name.length() > PersonFields.MAX_NAME) {
            throw new InvalidInputException("name is at most " + PersonFields.MAX_NAME + " characters");
        }
        boolean invite = Boolean.TRUE.equals(request.inviteOnActivation());
        if (invite && email == null) {
            throw new InvalidInputException("inviteOnActivation needs the contact's email");
        }
        dossiers.setContact(dossier.id(), new DossierRepository.Contact(email, name, invite));
        return view(dossier);
    }

    public DossierImport.Report importFile(Caller caller, String dryRun, byte[] file, String clientAddress) {
        User admin = administrator(caller);
        if (file == null || file.length == 0) {
            throw new InvalidInputException("send the CSV or XLSX file as the request body (curl --data-binary @dossiers.csv)");
        }
        if (file.length > DossierImport.MAX_BYTES) {
            throw new TooLargeException("an import takes at most " + DossierImport.MAX_BYTES
                    + " bytes (" + DossierImport.MAX_ROWS + " dossiers): split the file");
        }
        return imports.run(admin.firmId(), file, dryRun != null && Boolean.parseBoolean(dryRun.strip()), caller.label(),
                clientAddress, folders);
    }

    public Download template(Caller caller, String format) {
        administrator(caller);
        PartyExport.Format f = format(format);
        return download("modele-dossiers", f, DossierImport.template(f));
    }

    public Download export(Caller caller, String format) {
        User admin = administrator(caller);
        PartyExport.Format f = format(format);
        return download("dossiers", f, imports.export(admin.firmId(), f));
    }

    /**
     * {@code from}/{@code to}: AAAA-MM, at most {@link #MAX_MONTHS} months; by default the dossier's current financial
     * year (ending with its closing month).
     */
    public DossierTotals.Period totals(Caller caller, String siren, String from, String to) {
        Dossier dossier = visible(caller, siren);
        YearMonth end;
        YearMonth start;
        if (from == null && to == null) {
            YearMonth now = YearMonth.from(LocalDate.now(DossierTotals.FRANCE));
            YearMonth closing = YearMonth.of(now.getYear(), dossier.closingMonth());
            end = closing.isBefore(now) ? closing.plusYears(1) : closing;
            start = end.minusMonths(11);
        } else if (from == null || to == null) {
            throw new InvalidInputException("give both from and to (AAAA-MM), or neither for the current financial year");
        } else {
            start = month("from", from);
            end = month("to", to);
        }
        if (end.isBefore(start)) {
            throw new InvalidInputException("to is before from");
        }
        if (start.plusMonths(MAX_MONTHS - 1).isBefore(end)) {
            throw new InvalidInputException("a period is at most " + MAX_MONTHS + " months");
        }
        return totals.of(dossier.id(), start, end);
    }

    private static YearMonth month(String name, String value) {
        try {
            return YearMonth.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name + " must be a month written AAAA-MM, e.g. 2026-01");
        }
    }

    private Map<String, Object> view(Dossier dossier) {
        DossierRepository.Contact c = dossiers.contact(dossier.id());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("siren", dossier.siren());
        answer.put("status", dossier.status());
        answer.put("email", c.email());
        answer.put("name", c.name());
        answer.put("inviteOnActivation", c.inviteOnActivation());
        return answer;
    }

    private static User administrator(Caller caller) {
        if (caller instanceof Caller.Person person
                && (person.user().role() == Role.ADMIN || person.user().role() == Role.ADMIN_EXCEPT_FIRM)) {
            return person.user();
        }
        throw new NotAllowedException("only a firm administrator (ADMIN, ADMIN_EXCEPT_FIRM) manages dossiers");
    }

    private Dossier visible(Caller caller, String siren) {
        return access.visibleDossier(caller, siren).orElseThrow(() -> new NotVisibleException("dossier " + siren));
    }

    private static PartyExport.Format format(String format) {
        if (format == null || format.isBlank()) {
            return PartyExport.Format.CSV;
        }
        try {
            return PartyExport.Format.valueOf(format.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("format must be csv or xlsx");
        }
    }

    private static Download download(String baseName, PartyExport.Format format, byte[] bytes) {
        return format == PartyExport.Format.CSV
                ? new Download(baseName + ".csv", "text/csv; charset=UTF-8", new ByteArrayInputStream(bytes))
                : new Download(baseName + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        new ByteArrayInputStream(bytes));
    }
}
