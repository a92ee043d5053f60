package io.einvoice.gateway.web;

import io.einvoice.gateway.api.ApiErrors;
import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.party.ImportTable;
import io.einvoice.gateway.party.PartiesApi;
import io.einvoice.gateway.party.PartyColumn;
import io.einvoice.gateway.party.PartyImport;
import io.einvoice.gateway.party.PartyRepository;
import io.einvoice.gateway.party.PartyView;
import io.einvoice.gateway.party.SheetReader;
import io.einvoice.gateway.party.StoredParty;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.einvoice.gateway.refusal.Refusal;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The suppliers and customers of a dossier: list with search and the trusted / blacklisted / active switches, the
 * edit form, merging a duplicate, the import with its column-mapping preview and dry run, and the CSV export. Every
 * action calls {@link PartiesApi} with the person as caller: the API's checks, events and walls.
 */
public class PartyPages {

    static final int PAGE_SIZE = 50;
    /** The parties a merge may take from: a select of more would be unusable; search narrows the list first. */
    static final int MERGE_CHOICES = 500;
    /** The fields of the edit form, in its order; the JSON names of the API. */
    static final List<String> TEXT_FIELDS = List.of("number", "companyName", "civility", "firstName", "lastName", "siren",
            "siret", "vatNumber", "address", "postcode", "city", "country", "email", "iban");
    /** Fields a blank box leaves as they are: a party always keeps its number. */
    private static final List<String> KEPT_WHEN_BLANK = List.of("number");
    private static final List<String> SWITCHES = List.of("trusted", "blacklisted", "active");
    private static final int SAMPLE_ROWS = 5;

    private final AccessService access;
    private final PartyRepository parties;
    private final PartiesApi api;
    private final PendingImports pending;

    public PartyPages(AccessService access, PartyRepository parties, PartiesApi api) {
        this.access = access;
        this.parties = parties;
        this.api = api;
        this.pending = new PendingImports();
    }

    // the list

    public record Row(String id, String number, String name, String siren, String city, boolean trusted,
                      boolean blacklisted, boolean active, boolean createdFromInvoice) {
    }

    public record ListPage(Frame frame, String siren, String role, String q, long total, int offset, boolean more,
                           List<Row> rows, String message, String back) {
    }

    Reply list(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        String role = role(ctx.queryParams().get("role"));
        String q = text(ctx.queryParams().get("q"));
        int offset = offset(ctx.queryParams().get("offset"));
        PartiesApi.Page page = api.list(session.person(), dossier.siren(), role, q, null, String.valueOf(PAGE_SIZE),
                String.valueOf(offset));
        List<Row> rows = page.items().stream().map(p -> new Row(p.id(), p.number(), p.name(), p.siren(), p.city(),
                p.trusted(), p.blacklisted(), p.active(), p.createdFromInvoice())).toList();
        Frame frame = Frame.of(t, t.lookup("parties.title." + role), session).inDossier(dossier.siren(), dossier.name());
        return Reply.page("parties.jte", new ListPage(frame, dossier.siren(), role, q, page.total(), offset,
                offset + rows.size() < page.total(), rows, done(t, ctx.queryParams().get("done"), ctx.queryParams().get("count")),
                listQuery(role, q, offset)));
    }

    /** One switch of a row: trusted, blacklisted or active, set to the value the button shows. */
    Reply toggle(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        StoredParty party = party(dossier, ctx.pathParam("id"));
        Form form = Form.parse(ctx.body().asString());
        String flag = form.get("flag", 20);
        if (!SWITCHES.contains(flag)) {
            throw new Form.BadInput("parties.badSwitch");
        }
        api.patch(session.person(), party.party().id(), Json.write(Map.of(flag, "true".equals(form.get("value", 5)))));
        String role = party.party().role().name().equals("SUPPLIER") ? "suppliers" : "customers";
        return new Reply.Redirect("/dossiers/" + dossier.siren() + "/parties?" + listQuery(role, text(form.get("q", 100)),
                offset(form.get("offset", 10))) + "&done=saved");
    }

    // the edit form

    public record Field(String name, String label, String value, String error) {
    }

    public record Choice(String id, String label) {
    }

    public record EditPage(Frame frame, String siren, PartyView party, String roleName, String kind, List<Field> fields,
                           Map<String, Boolean> switches, boolean publicEntity, List<String> generalErrors,
                           List<Choice> mergeChoices, String message) {
    }

    Reply edit(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        PartyView view = api.get(session.person(), party(dossier, ctx.pathParam("id")).party().id());
        return editPage(session, t, dossier, view, values(view), Map.of(), List.of(),
                done(t, ctx.queryParams().get("done"), null), 200);
    }

    /**
     * Sends only what the person changed. A box left blank that was blank is absent from the PATCH (an empty string
     * would not mean "unchanged"); a box emptied is sent as "" (the API's "clear this field").
     */
    Reply save(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        PartyView view = api.get(session.person(), party(dossier, ctx.pathParam("id")).party().id());
        Form form = Form.parse(ctx.body().asString());
        Map<String, String> typed = new LinkedHashMap<>();
        Map<String, Object> changed = new LinkedHashMap<>();
        Map<String, String> current = values(view);
        String kind = form.get("kind", 20);
        if (kind != null && !kind.equals(view.kind())) {
            changed.put("kind", kind);
        }
        typed.put("kind", kind == null ? view.kind() : kind);
        for (String name : TEXT_FIELDS) {
            String sent = form.get(name, 300);
            typed.put(name, sent);
            String before = current.get(name);
            if (Objects.equals(sent, before)) {
                continue;
            }
            if (sent == null) {
                if (!KEPT_WHEN_BLANK.contains(name)) {
                    changed.put(name, "");
                }
            } else {
                changed.put(name, sent);
            }
        }
        for (String flag : SWITCHES) {
            boolean on = form.has(flag);
            typed.put(flag, String.valueOf(on));
            if (on != current.get(flag).equals("true")) {
                changed.put(flag, on);
            }
        }
        if ("CUSTOMER".equals(view.role())) {
            boolean on = form.has("publicEntity");
            typed.put("publicEntity", String.valueOf(on));
            if (on != view.publicEntity()) {
                changed.put("publicEntity", on);
            }
        }
        String base = "/dossiers/" + dossier.siren() + "/parties/" + view.id();
        if (changed.isEmpty()) {
            return new Reply.Redirect(base + "?done=unchanged");
        }
        try {
            api.patch(session.person(), view.id(), Json.write(changed));
        } catch (Refusal e) {
            if (ApiErrors.status(e) != 400 && ApiErrors.status(e) != 409) {
                throw e;
            }
            // what was typed stays in the form, each problem beside its field
            FormProblems problems = FormProblems.of(e.getMessage(), PartyPages::fieldOf);
            return editPage(session, t, dossier, view, typed, problems.byField(), problems.general(), null, 400);
        }
        return new Reply.Redirect(base + "?done=saved");
    }

    Reply merge(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        StoredParty kept = party(dossier, ctx.pathParam("id"));
        Form form = Form.parse(ctx.body().asString());
        String from = form.get("from", 100);
        if (from == null || !form.has("confirm")) {
            throw new Form.BadInput("parties.mergeIncomplete");
        }
        party(dossier, from);
        api.merge(session.person(), kept.party().id(), Json.write(Map.of("from", from)));
        return new Reply.Redirect("/dossiers/" + dossier.siren() + "/parties/" + kept.party().id() + "?done=merged");
    }

    private Reply editPage(WebSession.Session session, Messages t, Dossier dossier, PartyView view, Map<String, String> values,
                           Map<String, String> errors, List<String> general, String message, int status) {
        List<Field> fields = TEXT_FIELDS.stream().map(name -> new Field(name, t.lookup("party." + name), values.get(name),
                errors.get(name))).toList();
        Map<String, Boolean> switches = new LinkedHashMap<>();
        SWITCHES.forEach(flag -> switches.put(flag, "true".equals(values.get(flag))));
        String role = "SUPPLIER".equals(view.role()) ? "suppliers" : "customers";
        List<Choice> others = api.list(session.person(), dossier.siren(), role, null, null, String.valueOf(MERGE_CHOICES), "0")
                .items().stream().filter(p -> !p.id().equals(view.id()))
                .map(p -> new Choice(p.id(), p.number() + " " + p.name())).toList();
        Frame frame = Frame.of(t, view.number() + " " + (view.name() == null ? "" : view.name()), session)
                .inDossier(dossier.siren(), dossier.name());
        return new Reply.Html(status, Views.render("party.jte", new EditPage(frame, dossier.siren(), view, role,
                values.get("kind"), fields, switches, "true".equals(values.get("publicEntity")), general, others, message)));
    }

    private static Map<String, String> values(PartyView v) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", v.kind());
        m.put("number", v.number());
        m.put("companyName", v.companyName());
        m.put("civility", v.civility());
        m.put("firstName", v.firstName());
        m.put("lastName", v.lastName());
        m.put("siren", v.siren());
        m.put("siret", v.siret());
        m.put("vatNumber", v.vatNumber());
        m.put("address", v.address());
        m.put("postcode", v.postcode());
        m.put("city", v.city());
        m.put("country", v.country());
        m.put("email", v.email());
        m.put("iban", v.iban());
        m.put("trusted", String.valueOf(v.trusted()));
        m.put("blacklisted", String.valueOf(v.blacklisted()));
        m.put("active", String.valueOf(v.active()));
        m.put("publicEntity", String.valueOf(v.publicEntity()));
        m.replaceAll((k, value) -> value == null || value.isBlank() ? null : value);
        return m;
    }

    /** The field a problem of the API names first ("email 'x' is not an e-mail address" -> email), if any. */
    static String fieldOf(String problem) {
        String first = problem.strip().split("[\\s:]", 2)[0];
        for (String name : TEXT_FIELDS) {
            if (name.equalsIgnoreCase(first)) {
                return name;
            }
        }
        return problem.toLowerCase(java.util.Locale.ROOT).startsWith("siren") ? "siren" : null;
    }

    // import and export

    public record ImportForm(Frame frame, String siren, String role, String error) {
    }

    public record Mapping(int index, String header, String field) {
    }

    public record PreviewPage(Frame frame, String siren, String role, String token, String format, int rows,
                              List<Mapping> mappings, List<String> fields, List<List<String>> sample,
                              List<PartyImport.LineError> errors, boolean checked) {
    }

    Reply importForm(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        String role = role(ctx.queryParams().get("role"));
        return importForm(session, t, dossier, role, null, 200);
    }

    private Reply importForm(WebSession.Session session, Messages t, Dossier dossier, String role, String error, int status) {
        Frame frame = Frame.of(t, t.lookup("import.title." + role), session).inDossier(dossier.siren(), dossier.name());
        return new Reply.Html(status, Views.render("party-import.jte", new ImportForm(frame, dossier.siren(), role, error)));
    }

    /** The file, kept for this person while they check the columns; a dry run of the API shows what would happen. */
    Reply importUpload(RoutingContext ctx, WebSession.Session session, Messages t) throws Exception {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        List<FileUpload> files = ctx.fileUploads();
        try {
            String role = role(ctx.request().getFormAttribute("role"));
            if (files.size() != 1 || files.get(0).size() == 0) {
                return importForm(session, t, dossier, role, t.lookup("import.noFile"), 400);
            }
            if (files.get(0).size() > PendingImports.MAX_BYTES) {
                return importForm(session, t, dossier, role, t.lookup("import.tooLarge"), 400);
            }
            byte[] file = Files.readAllBytes(Path.of(files.get(0).uploadedFileName()));
            String token = pending.keep(session.person().user().id(), dossier.id(), role, file);
            return preview(session, t, dossier, role, token, file, null, false);
        } finally {
            for (FileUpload file : files) {
                Files.deleteIfExists(Path.of(file.uploadedFileName()));
            }
        }
    }

    /** "Check again" runs another dry run with the columns as chosen; "import" runs the import itself. */
    Reply importConfirm(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        Form form = Form.parse(ctx.body().asString());
        PendingImports.Pending file = pending.find(form.get("token", 100), session.person().user().id(), dossier.id())
                .orElse(null);
        if (file == null) {
            return importForm(session, t, dossier, role(form.get("role", 20)), t.lookup("import.expired"), 410);
        }
        ImportTable table;
        try {
            table = SheetReader.read(file.content());
        } catch (IllegalArgumentException e) {
            // unreadable from the start: the dry run's report says why, as on the first preview
            return preview(session, t, dossier, file.role(), form.get("token", 100), file.content(), null, false);
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        for (int i = 0; i < table.headers().size(); i++) {
            String field = form.get("map" + i, 40);
            mapping.put(table.headers().get(i), field == null ? "" : field);
        }
        return preview(session, t, dossier, file.role(), form.get("token", 100), file.content(), mapping,
                "import".equals(form.get("action", 10)));
    }

    private Reply preview(WebSession.Session session, Messages t, Dossier dossier, String role, String token, byte[] file,
                          Map<String, String> mapping, boolean forReal) {
        PartyImport.Report report = api.importFile(session.person(), dossier.siren(), role, String.valueOf(!forReal),
                mapping == null ? null : Json.write(mapping), file);
        if (forReal && report.errors().isEmpty()) {
            pending.drop(token);
            return new Reply.Redirect("/dossiers/" + dossier.siren() + "/parties?role=" + role + "&done=imported&count="
                    + report.imported());
        }
        List<Mapping> mappings = new ArrayList<>();
        List<List<String>> sample = new ArrayList<>();
        try {
            ImportTable table = SheetReader.read(file);
            for (int i = 0; i < table.headers().size(); i++) {
                String header = table.headers().get(i);
                mappings.add(new Mapping(i, header, report.mapping().getOrDefault(header, "")));
            }
            for (ImportTable.Row row : table.rows().subList(0, Math.min(SAMPLE_ROWS, table.rows().size()))) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < table.headers().size(); i++) {
                    String cell = row.cell(i);
                    cells.add(cell == null ? "" : cell.length() > 80 ? cell.substring(0, 80) + "…" : cell);
                }
                sample.add(cells);
            }
        } catch (IllegalArgumentException e) {
            // the report says why the file cannot be read
        }
        Frame frame = Frame.of(t, t.lookup("import.title." + role), session).inDossier(dossier.siren(), dossier.name());
        List<String> fields = Arrays.stream(PartyColumn.values()).map(PartyColumn::field).toList();
        return new Reply.Html(report.errors().isEmpty() ? 200 : 422, Views.render("party-preview.jte", new PreviewPage(frame,
                dossier.siren(), role, token, report.format(), report.rows(), mappings, fields, sample,
                report.errors().subList(0, Math.min(100, report.errors().size())), mapping != null)));
    }

    Reply export(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        return new Reply.File(api.export(session.person(), dossier.siren(), role(ctx.queryParams().get("role")), "csv"));
    }

    // shared

    private Dossier dossier(WebSession.Session session, String siren) {
        return access.visibleDossier(session.person(), siren).orElseThrow(() -> new NotVisibleException("dossier " + siren));
    }

    /** A party of this dossier: one of another dossier, even a visible one, is not reached through this URL. */
    private StoredParty party(Dossier dossier, String id) {
        return parties.findById(id).filter(p -> p.party().dossierId().equals(dossier.id()))
                .orElseThrow(() -> new NotVisibleException("party " + id));
    }

    static String role(String role) {
        if (role == null || role.isBlank() || role.equals("suppliers")) {
            return "suppliers";
        }
        if (role.equals("customers")) {
            return "customers";
        }
        throw new Form.BadInput("parties.badRole");
    }

    private static String text(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 100) {
            throw new Form.BadInput("form.fieldTooLong");
        }
        return value.strip();
    }

    private static int offset(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(value.strip());
            if (offset < 0 || offset > 1_000_000) {
                throw new Form.BadInput("parties.badPage");
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new Form.BadInput("parties.badPage");
        }
    }

    static String listQuery(String role, String q, int offset) {
        return "role=" + role + (q == null ? "" : "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8))
                + (offset == 0 ? "" : "&offset=" + offset);
    }

    private static String done(Messages t, String done, String count) {
        if (done == null || !List.of("saved", "unchanged", "merged", "imported").contains(done)) {
            return null;
        }
        if (done.equals("imported")) {
            return t.text("done.imported", count == null || !count.matches("\\d{1,9}") ? "0" : count);
        }
        return t.lookup("done.party." + done);
    }
}
