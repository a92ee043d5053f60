package io.einvoice.gateway.web;

import io.einvoice.gateway.api.ApiErrors;
import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.dispatch.DispatchApi;
import io.einvoice.gateway.document.AccountingStatus;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.document.PaymentStatus;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.invoice.Decimals;
import io.einvoice.gateway.invoice.InputLimitException;
import io.einvoice.gateway.party.PartiesApi;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.einvoice.gateway.refusal.Refusal;
import io.einvoice.gateway.sales.CatalogueApi;
import io.einvoice.gateway.sales.SalesInvoiceView;
import io.einvoice.gateway.sales.SalesInvoicesApi;
import io.vertx.ext.web.RoutingContext;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sales of a dossier: the invoices with their status, the receivables chart, the editor (catalogue lines, totals
 * recalculated by the server as the person types, through htmx), finalisation with its errors beside the fields,
 * sending, credit notes and payment statuses. Every action calls the API beans with the person as caller.
 */
public class SalesPages {

    /** Rows the editor reads; an invoice of more lines is written through the API. */
    static final int MAX_LINES = 50;
    /** Empty rows the editor offers below the invoice's lines (more appear after saving). */
    private static final int SPARE_ROWS = 2;
    private static final int LIST_SIZE = 100;
    private static final int CHOICES = 500;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final Pattern LINE_PROBLEM = Pattern.compile("^lines\\[(\\d+)]\\.?(\\w*)");

    private final AccessService access;
    private final SalesInvoicesApi invoices;
    private final CatalogueApi catalogue;
    private final PartiesApi parties;
    private final DispatchApi dispatch;

    public SalesPages(AccessService access, SalesInvoicesApi invoices, CatalogueApi catalogue, PartiesApi parties,
                      DispatchApi dispatch) {
        this.access = access;
        this.invoices = invoices;
        this.catalogue = catalogue;
        this.parties = parties;
        this.dispatch = dispatch;
    }

    // the list and the chart

    public record Row(String id, String number, String typeLabel, String customer, String amount, String issued,
                      String due, String status, String statusLabel) {
    }

    public record ListPage(Frame frame, String siren, List<Row> rows, ReceivablesChart.Chart chart) {
    }

    Reply list(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        List<Row> rows = invoices.list(session.person(), dossier.siren(), String.valueOf(LIST_SIZE), "0").stream()
                .map(v -> new Row(v.id(), v.number() == null ? t.lookup("sales.noNumber") : v.number(),
                        t.labelOf("sales.type", v.type()), v.buyerName(), amount(v.totalInclVat()), day(v.issueDate()),
                        day(v.dueDate()), status(v), t.labelOf("sales.status", status(v)))).toList();
        ReceivablesChart.Chart chart = ReceivablesChart.of(invoices.dashboard(session.person(), dossier.siren(), null), t);
        Frame frame = Frame.of(t, t.lookup("sales.title"), session).inDossier(dossier.siren(), dossier.name());
        return Reply.page("sales.jte", new ListPage(frame, dossier.siren(), rows, chart));
    }

    /**
     * What the list and the invoice page call its status: Draft until finalised, then Finalised, Sent, Exported (to
     * the accounts), Paid, Refunded, the later facts winning.
     */
    static String status(SalesInvoiceView v) {
        if (!v.frozen()) {
            return "DRAFT";
        }
        if (PaymentStatus.REFUNDED.name().equals(v.paymentStatus())) {
            return "REFUNDED";
        }
        if (PaymentStatus.PAID.name().equals(v.paymentStatus())) {
            return "PAID";
        }
        if (AccountingStatus.EXPORTED.name().equals(v.accountingStatus())) {
            return "EXPORTED";
        }
        return DocumentStatus.DRAFT.name().equals(v.status()) ? "FINALISED" : "SENT";
    }

    // the editor

    public record Choice(String id, String label) {
    }

    /** One row of the editor: a catalogue item, or a free line written through the API (kept, its label shown). */
    public record LineRow(int index, String item, String freeLabel, Integer freePosition, String quantity, String discount,
                          String error) {
    }

    public record Totals(Messages t, List<TotalLine> lines, String exclVat, String vat, String inclVat, String error) {
    }

    public record TotalLine(String label, String quantity, String amount) {
    }

    public record EditorPage(Frame frame, String siren, String id, boolean creditNote, String customerId,
                             List<Choice> customers, List<Choice> items, List<LineRow> lines, String dueDate,
                             String orderReference, String note, Map<String, String> errors, List<String> general,
                             Totals totals, String message) {
    }

    /** What the editor's form holds, as typed. */
    record Input(String customerId, List<LineRow> lines, String dueDate, String orderReference, String note) {
    }

    Reply newInvoice(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        return editor(session, t, dossier, null, false, new Input(null, List.of(), null, null, null), Map.of(), List.of(),
                null, 200);
    }

    Reply invoice(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        SalesInvoiceView v = invoices.get(session.person(), dossier.siren(), ctx.pathParam("id"));
        String message = done(t, ctx.queryParams().get("done"));
        if (!v.frozen()) {
            return editor(session, t, dossier, v.id(), "CREDIT_NOTE".equals(v.type()), input(v), Map.of(), List.of(),
                    message, 200);
        }
        return invoicePage(session, t, dossier, v, message, null, 200);
    }

    /** The form of a new invoice: saved as a draft, or saved and finalised, or only recalculated (without script). */
    Reply create(RoutingContext ctx, WebSession.Session session, Messages t) throws Exception {
        return write(ctx, session, t, null);
    }

    Reply update(RoutingContext ctx, WebSession.Session session, Messages t) throws Exception {
        return write(ctx, session, t, ctx.pathParam("id"));
    }

    /** htmx asks this as the person types: the totals the server computes for the form as it stands, stored nowhere. */
    Reply totals(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        Form form = Form.parse(ctx.body().asString());
        String id = form.get("id", 100);
        SalesInvoiceView current = id == null ? null : invoices.get(session.person(), dossier.siren(), id);
        return Reply.page("totals.jte", totals(session, t, dossier, read(form), current));
    }

    private Reply write(RoutingContext ctx, WebSession.Session session, Messages t, String id) throws Exception {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        Form form = Form.parse(ctx.body().asString());
        SalesInvoiceView current = id == null ? null : invoices.get(session.person(), dossier.siren(), id);
        boolean creditNote = current != null && "CREDIT_NOTE".equals(current.type());
        Input input = creditNote ? new Input(current.customerId(), input(current).lines(), form.get("dueDate", 10),
                form.get("orderReference", 100), form.get("note", 1000)) : read(form);
        String action = form.get("action", 10);
        Map<String, String> errors = new LinkedHashMap<>();
        List<LineRow> rows = checkNumbers(input.lines(), t);
        if (rows.stream().anyMatch(r -> r.error() != null) || "recalc".equals(action)) {
            Input checked = new Input(input.customerId(), rows, input.dueDate(), input.orderReference(), input.note());
            return editor(session, t, dossier, id, creditNote, checked, errors, List.of(), null,
                    "recalc".equals(action) ? 200 : 400);
        }
        if (input.customerId() == null) {
            errors.put("customer", t.lookup("sales.error.customer"));
            return editor(session, t, dossier, id, creditNote, input, errors, List.of(), null, 400);
        }
        SalesInvoiceView saved;
        try {
            String body = Json.write(creditNote ? creditNoteBody(input) : body(input, current));
            saved = id == null ? invoices.create(session.person(), dossier.siren(), body)
                    : invoices.replace(session.person(), dossier.siren(), id, body);
        } catch (Refusal e) {
            if (ApiErrors.status(e) != 400 && ApiErrors.status(e) != 404 && ApiErrors.status(e) != 409) {
                throw e;
            }
            return refused(session, t, dossier, id, creditNote, input, List.of(t.refusal(e)), ApiErrors.status(e) == 404 ? 400 : ApiErrors.status(e));
        }
        String base = "/dossiers/" + dossier.siren() + "/sales/" + saved.id();
        if (!"finalise".equals(action)) {
            return new Reply.Redirect(base + "?done=saved");
        }
        SalesInvoicesApi.Reply outcome;
        try {
            outcome = invoices.finalise(session.person(), dossier.siren(), saved.id());
        } catch (Refusal e) {
            if (ApiErrors.status(e) != 422 && ApiErrors.status(e) != 409 && ApiErrors.status(e) != 503) {
                throw e;
            }
            String message = e.getMessage();
            int colon = message.indexOf(": ");
            List<String> problems = "not_ready".equals(e.reason()) && colon > 0
                    ? List.of(message.substring(colon + 2).split("; ")) : List.of(t.refusal(e));
            return refused(session, t, dossier, saved.id(), creditNote, input, problems, ApiErrors.status(e));
        }
        if (outcome.status() == 200) {
            return new Reply.Redirect(base + "?done=finalised");
        }
        List<String> problems = new ArrayList<>();
        Object listed = outcome.body() instanceof Map<?, ?> m ? m.get("errors") : null;
        if (listed instanceof List<?> list) {
            for (Object error : list) {
                if (error instanceof Map<?, ?> e && problems.size() < 50) {
                    String location = String.valueOf(e.get("location"));
                    problems.add((location.contains("BuyerTradeParty") ? "customer " : "") + e.get("rule") + " — " + e.get("message"));
                }
            }
        }
        return refused(session, t, dossier, saved.id(), creditNote, input, problems, 422);
    }

    /** The editor again with what was typed, each problem beside the field it names, the others above the form. */
    private Reply refused(WebSession.Session session, Messages t, Dossier dossier, String id, boolean creditNote, Input input,
                          List<String> problems, int status) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> general = new ArrayList<>();
        List<LineRow> rows = new ArrayList<>(input.lines());
        // positions in the JSON count the lines sent, not the rows of the form (empty rows are not sent)
        List<Integer> sent = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).item() != null || rows.get(i).freePosition() != null) {
                sent.add(i);
            }
        }
        for (String problem : problems) {
            Matcher line = LINE_PROBLEM.matcher(problem);
            String lower = problem.toLowerCase(java.util.Locale.ROOT);
            if (line.find() && Integer.parseInt(line.group(1)) < sent.size()) {
                int row = sent.get(Integer.parseInt(line.group(1)));
                LineRow r = rows.get(row);
                rows.set(row, new LineRow(r.index(), r.item(), r.freeLabel(), r.freePosition(), r.quantity(), r.discount(),
                        t.text("sales.error.line", problem)));
            } else if (lower.startsWith("the invoice has no line")) {
                errors.put("lines", t.lookup("sales.error.noLine"));
            } else if (lower.contains("no iban")) {
                general.add(t.lookup("sales.error.noIban"));
            } else if (lower.contains("postal address")) {
                general.add(t.lookup("sales.error.noAddress"));
            } else if (lower.contains("no vat number")) {
                general.add(t.lookup("sales.error.noVat"));
            } else if (lower.startsWith("customer") || lower.startsWith("customerid")) {
                errors.merge("customer", t.text("sales.error.field", problem), (a, b) -> a + " " + b);
            } else if (lower.startsWith("duedate")) {
                errors.put("dueDate", t.text("sales.error.field", problem));
            } else if (lower.startsWith("orderreference")) {
                errors.put("orderReference", t.text("sales.error.field", problem));
            } else if (lower.startsWith("note")) {
                errors.put("note", t.text("sales.error.field", problem));
            } else {
                general.add(problem);
            }
        }
        Input shown = new Input(input.customerId(), rows, input.dueDate(), input.orderReference(), input.note());
        return editor(session, t, dossier, id, creditNote, shown, errors, general, null, status);
    }

    private Reply editor(WebSession.Session session, Messages t, Dossier dossier, String id, boolean creditNote, Input input,
                         Map<String, String> errors, List<String> general, String message, int status) {
        List<Choice> customers = parties.list(session.person(), dossier.siren(), "customers", null, "true",
                String.valueOf(CHOICES), "0").items().stream()
                .map(p -> new Choice(p.id(), p.name() + " (" + p.number() + ")")).toList();
        List<Choice> items = catalogue.list(session.person(), dossier.siren(), "true").stream()
                .map(i -> new Choice(i.id(), t.text("sales.itemLabel", i.label(), Amounts.french(new BigDecimal(i.unitPrice()), "EUR"),
                        i.unit(), i.vatRate().replace('.', ',')))).toList();
        List<LineRow> rows = new ArrayList<>(input.lines());
        if (!creditNote) {
            for (int spare = 0; spare < SPARE_ROWS && rows.size() < MAX_LINES; spare++) {
                rows.add(new LineRow(rows.size(), null, null, null, null, null, null));
            }
        }
        Frame frame = Frame.of(t, id == null ? t.lookup("sales.new") : t.lookup("sales.draft"), session)
                .inDossier(dossier.siren(), dossier.name());
        return new Reply.Html(status, Views.render("sales-editor.jte", new EditorPage(frame, dossier.siren(), id, creditNote,
                input.customerId(), customers, items, rows, input.dueDate(), input.orderReference(), input.note(), errors,
                general, totals(session, t, dossier, input, id == null ? null : invoices.get(session.person(), dossier.siren(), id)),
                message)));
    }

    /** The totals of the form as the server computes them (the API's preview), or why there are none yet. */
    private Totals totals(WebSession.Session session, Messages t, Dossier dossier, Input input, SalesInvoiceView current) {
        List<LineRow> rows = checkNumbers(input.lines(), t);
        if (input.customerId() == null || rows.stream().noneMatch(r -> r.item() != null || r.freePosition() != null)) {
            return new Totals(t, List.of(), null, null, null, t.lookup("sales.totals.incomplete"));
        }
        if (rows.stream().anyMatch(r -> r.error() != null)) {
            return new Totals(t, List.of(), null, null, null, t.lookup("sales.totals.badNumber"));
        }
        try {
            SalesInvoicesApi.Preview preview = invoices.preview(session.person(), dossier.siren(),
                    Json.write(body(new Input(input.customerId(), rows, null, null, null), current)));
            return new Totals(t, preview.lines().stream().map(l -> new TotalLine(l.label(), l.quantity().replace('.', ','),
                    amount(l.netAmount()))).toList(), amount(preview.totalExclVat()), amount(preview.totalVat()),
                    amount(preview.totalInclVat()), null);
        } catch (Refusal e) {
            if (ApiErrors.status(e) == 400 || ApiErrors.status(e) == 404) {
                return new Totals(t, List.of(), null, null, null, t.text("sales.totals.refused", t.refusal(e)));
            }
            throw e;
        }
    }

    /** The form's fields: item{i}, quantity{i}, discount{i}, and free{i} for a free line of the stored draft. */
    private static Input read(Form form) {
        List<LineRow> rows = new ArrayList<>();
        for (int i = 0; i < MAX_LINES; i++) {
            String item = form.get("item" + i, 100);
            String free = form.get("free" + i, 5);
            String freeLabel = form.get("freeLabel" + i, 300);
            String quantity = form.get("quantity" + i, 20);
            String discount = form.get("discount" + i, 20);
            if (item == null && free == null && quantity == null && discount == null) {
                continue;
            }
            Integer position = null;
            if (free != null) {
                try {
                    position = Integer.parseInt(free);
                } catch (NumberFormatException e) {
                    throw new Form.BadInput("sales.badForm");
                }
            }
            rows.add(new LineRow(rows.size(), item, freeLabel, position, quantity, discount, null));
        }
        return new Input(form.get("customerId", 100), rows, form.get("dueDate", 10), form.get("orderReference", 100),
                form.get("note", 1000));
    }

    /** Quantities and discounts as a French person types them (1,5); a row with an item and no quantity means 1. */
    private static List<LineRow> checkNumbers(List<LineRow> rows, Messages t) {
        List<LineRow> checked = new ArrayList<>();
        for (LineRow r : rows) {
            String error = r.error();
            if (r.item() == null && r.freePosition() == null && (r.quantity() != null || r.discount() != null)) {
                error = t.lookup("sales.error.noItem");
            } else if (r.quantity() != null && number(r.quantity()) == null) {
                error = t.lookup("sales.error.quantity");
            } else if (r.discount() != null && number(r.discount()) == null) {
                error = t.lookup("sales.error.discount");
            }
            checked.add(new LineRow(r.index(), r.item(), r.freeLabel(), r.freePosition(), r.quantity(), r.discount(), error));
        }
        return checked;
    }

    /**
     * The API's JSON of the form. A free line (written through the API, with its own label, price and VAT) is taken
     * as stored in the draft; the editor changes only its quantity and discount.
     */
    private static Map<String, Object> body(Input input, SalesInvoiceView current) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", input.customerId());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (LineRow r : input.lines()) {
            if (r.item() == null && r.freePosition() == null) {
                continue;
            }
            Map<String, Object> line = new LinkedHashMap<>();
            if (r.freePosition() != null) {
                line.putAll(freeLine(current, r.freePosition()));
            } else {
                line.put("catalogueItemId", r.item());
            }
            line.put("quantity", r.quantity() == null ? BigDecimal.ONE : number(r.quantity()));
            if (r.discount() != null) {
                line.put("discountPercent", number(r.discount()));
            }
            lines.add(line);
        }
        body.put("lines", lines);
        // blank optional fields are absent, never "": the API would take an empty string as a value to check
        putText(body, "dueDate", input.dueDate());
        putText(body, "orderReference", input.orderReference());
        putText(body, "note", input.note());
        return body;
    }

    private static Map<String, Object> freeLine(SalesInvoiceView current, int position) {
        SalesInvoiceView.LineView l = current == null ? null : current.lines().stream()
                .filter(x -> x.position() == position && x.catalogueItemId() == null).findFirst().orElse(null);
        if (l == null) {
            throw new Form.BadInput("sales.badForm");
        }
        Map<String, Object> free = new LinkedHashMap<>();
        free.put("kind", l.kind());
        free.put("label", l.label());
        free.put("unit", l.unit());
        free.put("unitPrice", new BigDecimal(l.unitPrice()));
        free.put("vatRate", new BigDecimal(l.vatRate()));
        free.put("vatCategory", l.vatCategory());
        if (l.exemptionReason() != null) {
            free.put("exemptionReason", l.exemptionReason());
        }
        if (l.exemptionCode() != null) {
            free.put("exemptionCode", l.exemptionCode());
        }
        return free;
    }

    private static Map<String, Object> creditNoteBody(Input input) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", input.customerId());
        putText(body, "dueDate", input.dueDate());
        putText(body, "orderReference", input.orderReference());
        putText(body, "note", input.note());
        return body;
    }

    private static void putText(Map<String, Object> body, String name, String value) {
        if (value != null && !value.isBlank()) {
            body.put(name, value.strip());
        }
    }

    private static Input input(SalesInvoiceView v) {
        List<LineRow> rows = new ArrayList<>();
        for (SalesInvoiceView.LineView l : v.lines()) {
            rows.add(new LineRow(rows.size(), l.catalogueItemId(), l.catalogueItemId() == null ? l.label() : null,
                    l.catalogueItemId() == null ? l.position() : null, l.quantity().replace('.', ','),
                    l.discountPercent() == null ? null : l.discountPercent().replace('.', ','), null));
        }
        return new Input(v.customerId(), rows, v.dueDate(), null, v.note());
    }

    // a finalised invoice

    public record InvoicePage(Frame frame, String siren, SalesInvoiceView invoice, String status, String statusLabel,
                              String typeLabel, String issued, String due, List<TotalLine> lines, String exclVat,
                              String vat, String inclVat, String amountDue, String sending, boolean canSend,
                              boolean canCredit, boolean canPay, boolean canRefund, boolean canExport, String message,
                              String error) {
    }

    private Reply invoicePage(WebSession.Session session, Messages t, Dossier dossier, SalesInvoiceView v, String message,
                              String error, int status) {
        Map<String, Object> sent = dispatch.dispatch(session.person(), v.id());
        String job = sent.get("job") instanceof Map<?, ?> j ? String.valueOf(j.get("state")) : null;
        String sending = job == null || "DONE".equals(job) ? null : "PARKED".equals(job)
                ? t.text("sales.sendParked", String.valueOf(((Map<?, ?>) sent.get("job")).get("lastError")))
                : t.lookup("sales.sending");
        String shown = status(v);
        boolean credit = "CREDIT_NOTE".equals(v.type());
        Frame frame = Frame.of(t, t.labelOf("sales.type", v.type()) + " " + v.number(), session)
                .inDossier(dossier.siren(), dossier.name());
        List<TotalLine> lines = v.lines().stream().map(l -> new TotalLine(l.label(), l.quantity().replace('.', ','),
                amount(l.netAmount()))).toList();
        return new Reply.Html(status, Views.render("sales-invoice.jte", new InvoicePage(frame, dossier.siren(), v, shown,
                t.labelOf("sales.status", shown), t.labelOf("sales.type", v.type()), day(v.issueDate()), day(v.dueDate()),
                lines, amount(v.totalExclVat()), amount(v.totalVat()), amount(v.totalInclVat()), amount(v.amountDue()), sending,
                v.readyToSend() && job == null, !credit, !credit && PaymentStatus.UNPAID.name().equals(v.paymentStatus()),
                !credit && PaymentStatus.PAID.name().equals(v.paymentStatus()),
                AccountingStatus.TO_EXPORT.name().equals(v.accountingStatus()), message, error)));
    }

    Reply send(RoutingContext ctx, WebSession.Session session, Messages t) {
        return act(ctx, session, t, "sending", (dossier, id) -> dispatch.send(session.person(), id));
    }

    Reply creditNote(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        String id = ctx.pathParam("id");
        try {
            SalesInvoiceView note = invoices.creditNote(session.person(), dossier.siren(), id, "{}");
            return new Reply.Redirect("/dossiers/" + dossier.siren() + "/sales/" + note.id() + "?done=credited");
        } catch (Refusal e) {
            if (ApiErrors.status(e) == 409 || ApiErrors.status(e) == 400) {
                return invoicePage(session, t, dossier, invoices.get(session.person(), dossier.siren(), id), null,
                        t.refusal(e), ApiErrors.status(e));
            }
            throw e;
        }
    }

    Reply payment(RoutingContext ctx, WebSession.Session session, Messages t) {
        String status = Form.parse(ctx.body().asString()).get("status", 10);
        if (!PaymentStatus.PAID.name().equals(status) && !PaymentStatus.REFUNDED.name().equals(status)) {
            throw new Form.BadInput("sales.badForm");
        }
        return act(ctx, session, t, status.toLowerCase(java.util.Locale.ROOT), (dossier, id) ->
                invoices.payment(session.person(), dossier.siren(), id, Json.write(Map.of("status", status))));
    }

    Reply exported(RoutingContext ctx, WebSession.Session session, Messages t) {
        return act(ctx, session, t, "exported", (dossier, id) -> invoices.exported(session.person(), dossier.siren(), id));
    }

    private Reply act(RoutingContext ctx, WebSession.Session session, Messages t, String done,
                      java.util.function.BiConsumer<Dossier, String> action) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        String id = ctx.pathParam("id");
        // the invoice must be of this dossier: the URL's dossier is the wall, whatever the document id says
        SalesInvoiceView v = invoices.get(session.person(), dossier.siren(), id);
        try {
            action.accept(dossier, v.id());
        } catch (Refusal e) {
            if (ApiErrors.status(e) == 409 || ApiErrors.status(e) == 400) {
                return invoicePage(session, t, dossier, invoices.get(session.person(), dossier.siren(), id), null,
                        t.refusal(e), ApiErrors.status(e));
            }
            throw e;
        }
        return new Reply.Redirect("/dossiers/" + dossier.siren() + "/sales/" + id + "?done=" + done);
    }

    // shared

    private Dossier dossier(WebSession.Session session, String siren) {
        return access.visibleDossier(session.person(), siren).orElseThrow(() -> new NotVisibleException("dossier " + siren));
    }

    static BigDecimal number(String typed) {
        try {
            return Decimals.parseWritten("number", typed, Decimals.MAX_SCALE);
        } catch (InputLimitException e) {
            return null;
        }
    }

    private static String amount(String value) {
        return value == null ? "" : Amounts.french(new BigDecimal(value), "EUR");
    }

    private static String day(String iso) {
        return iso == null ? "" : DAY.format(LocalDate.parse(iso));
    }

    private static String done(Messages t, String done) {
        return done == null || !List.of("saved", "finalised", "sending", "paid", "refunded", "exported", "credited").contains(done)
                ? null : t.lookup("done.sales." + done);
    }
}
