package io.einvoice.gateway.web;

import io.einvoice.gateway.api.ApiErrors;
import io.einvoice.gateway.api.DossiersApi;
import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.api.MailApi;
import io.einvoice.gateway.approval.ApprovalApi;
import io.einvoice.gateway.dispatch.DispatchApi;
import io.einvoice.gateway.dispatch.SmtpSettingsStore;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.ingest.mail.MailSettings;
import io.einvoice.gateway.invoice.Decimals;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.einvoice.gateway.refusal.Refusal;
import io.einvoice.gateway.sales.SalesSettingsApi;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Page 7, a dossier's settings, for the people of the firm (a client gets 403 from {@code WebApp}): approval mode and
 * threshold, inbound addresses and mailboxes with their problem, outgoing mail (SMTP), sales settings and API keys.
 * Each section is its own form and calls the API bean of its endpoint with the person as caller; a refusal re-shows
 * the page with what was typed and each problem beside its field.
 */
public class SettingsPages {

    /** The form's field for each field name the API's sentences start with, per section. */
    private static final Map<String, String> APPROVAL_FIELDS = Map.of("approvalMode", "approvalMode",
            "approvalThreshold", "approvalThreshold");
    private static final Map<String, String> ADDRESS_FIELDS = Map.of("inboundLocalPart", "inboundLocalPart",
            "salesLocalPart", "salesLocalPart");
    private static final Map<String, String> MAILBOX_FIELDS = Map.of("direction", "mbDirection", "protocol", "mbProtocol",
            "host", "mbHost", "port", "mbPort", "username", "mbUsername", "password", "mbPassword", "folder", "mbFolder");
    private static final Map<String, String> SMTP_FIELDS = Map.of("host", "smtpHost", "port", "smtpPort",
            "tlsMode", "smtpTlsMode", "username", "smtpUsername", "password", "smtpPassword", "sender", "smtpSender",
            "subjectTemplate", "smtpSubject", "bodyTemplate", "smtpBody");
    public static final List<String> SALES_FIELDS = List.of("numberPrefix", "iban", "bic", "address", "postcode", "city",
            "country", "email", "paymentDays");

    private final AccessService access;
    private final ApprovalApi approval;
    private final MailApi mail;
    private final DispatchApi dispatch;
    private final SalesSettingsApi sales;
    private final DossiersApi keys;

    public SettingsPages(AccessService access, ApprovalApi approval, MailApi mail, DispatchApi dispatch,
                         SalesSettingsApi sales, DossiersApi keys) {
        this.access = access;
        this.approval = approval;
        this.mail = mail;
        this.dispatch = dispatch;
        this.sales = sales;
        this.keys = keys;
    }

    /**
     * Everything the page shows. {@code values}: every form field by its name (stored values, or what was typed in
     * the form that was refused); {@code errors}: a problem per field; {@code general}: a refused section's problems
     * that name no field of it, by section; {@code newKey}: an API key just made, shown this once.
     */
    public record SettingsPage(Frame frame, String siren, Map<String, String> values, Map<String, String> errors,
                               Map<String, List<String>> general, MailSettings.DossierView mail,
                               SmtpSettingsStore.SmtpView smtp, List<DossiersApi.KeyView> keys, Map<String, String> newKey,
                               String message) {

        public String value(String name) {
            return values.get(name);
        }

        public String error(String name) {
            return errors.get(name);
        }

        public List<String> generalOf(String section) {
            return general.getOrDefault(section, List.of());
        }

        /** An instant of the API (ISO 8601, UTC) to the minute, as the page shows it. */
        public String minute(String iso) {
            return iso == null ? "" : iso.length() >= 16 ? iso.substring(0, 16).replace('T', ' ') : iso;
        }
    }

    Reply page(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        return render(session, t, dossier, Map.of(), Map.of(), Map.of(), null, done(t, ctx.queryParams().get("done")), 200);
    }

    Reply saveApproval(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        Form form = Form.parse(ctx.body().asString());
        Map<String, String> typed = typed(form, "approvalMode", "approvalThreshold");
        typed.put("clientsMayApprove", String.valueOf(form.has("clientsMayApprove")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("approvalMode", typed.get("approvalMode"));
        String threshold = typed.get("approvalThreshold");
        if (threshold != null) {
            try {
                body.put("approvalThreshold", Decimals.parseWritten("approvalThreshold", threshold, 2));
            } catch (IllegalArgumentException e) {
                return refused(session, t, dossier, typed, Map.of("approvalThreshold", t.lookup("settings.error.threshold")),
                        "approval", List.of());
            }
        }
        body.put("clientsMayApprove", form.has("clientsMayApprove"));
        return call(session, t, dossier, typed, "approval", APPROVAL_FIELDS,
                () -> approval.saveSettings(session.person(), dossier.siren(), Json.write(body), WebApp.clientAddress(ctx)));
    }

    /** The addresses change; the mailboxes stay as they are (each sent back by its id keeps its password). */
    Reply saveAddresses(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        Form form = Form.parse(ctx.body().asString());
        Map<String, String> typed = typed(form, "inboundLocalPart", "salesLocalPart");
        MailSettings.DossierView current = mail.get(session.person(), dossier.siren());
        return putMail(session, t, dossier, typed, "addresses", ADDRESS_FIELDS, typed.get("inboundLocalPart"),
                typed.get("salesLocalPart"), kept(current, null, null));
    }

    Reply addMailbox(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        Form form = Form.parse(ctx.body().asString());
        Map<String, String> typed = typed(form, "mbDirection", "mbProtocol", "mbHost", "mbPort", "mbUsername", "mbPassword",
                "mbFolder");
        Integer port = null;
        if (typed.get("mbPort") != null) {
            port = port(typed.get("mbPort"));
            if (port == null) {
                return refused(session, t, dossier, withoutSecrets(typed), Map.of("mbPort", t.lookup("settings.error.port")),
                        "mailbox", List.of());
            }
        }
        MailSettings.DossierView current = mail.get(session.person(), dossier.siren());
        MailSettings.MailboxRequest added = new MailSettings.MailboxRequest(null, typed.get("mbDirection"),
                typed.get("mbProtocol"), typed.get("mbHost"), port, typed.get("mbUsername"), typed.get("mbPassword"),
                typed.get("mbFolder"), null, null, null, null, true, null, null, null, null);
        return putMail(session, t, dossier, withoutSecrets(typed), "mailbox", MAILBOX_FIELDS, current.inboundLocalPart(),
                current.salesLocalPart(), kept(current, null, added));
    }

    Reply removeMailbox(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        MailSettings.DossierView current = mail.get(session.person(), dossier.siren());
        String id = ctx.pathParam("id");
        if (current.mailboxes().stream().noneMatch(m -> m.id().equals(id))) {
            throw new NotVisibleException("mailbox " + id);
        }
        return putMail(session, t, dossier, Map.of(), "mailboxes", Map.of(), current.inboundLocalPart(),
                current.salesLocalPart(), kept(current, id, null));
    }

    private Reply putMail(WebSession.Session session, Messages t, Dossier dossier, Map<String, String> typed, String section,
                          Map<String, String> fields, String inbound, String salesPart,
                          List<MailSettings.MailboxRequest> mailboxes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("inboundLocalPart", inbound);
        body.put("salesLocalPart", salesPart);
        body.put("mailboxes", mailboxes);
        return call(session, t, dossier, typed, section, fields,
                () -> mail.put(session.person(), dossier.siren(), Json.write(body)));
    }

    /** The dossier's mailboxes as they are, to send back: but {@code removed}, plus {@code added}. */
    private static List<MailSettings.MailboxRequest> kept(MailSettings.DossierView current, String removed,
                                                         MailSettings.MailboxRequest added) {
        List<MailSettings.MailboxRequest> list = new ArrayList<>();
        for (MailSettings.MailboxView m : current.mailboxes()) {
            if (m.id().equals(removed)) {
                continue;
            }
            list.add(new MailSettings.MailboxRequest(m.id(), m.direction(), m.protocol(), m.host(), m.port(), m.username(),
                    null, m.folder(), m.processedFolder() == null ? "" : m.processedFolder(), null, m.pollMillis(),
                    m.batchSize(), m.enabled(), m.auth(), m.tenantId(), m.clientId(), null));
        }
        if (added != null) {
            list.add(added);
        }
        return list;
    }

    Reply saveSmtp(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        Form form = Form.parse(ctx.body().asString());
        Map<String, String> typed = typed(form, "smtpHost", "smtpPort", "smtpTlsMode", "smtpUsername", "smtpPassword",
                "smtpSender", "smtpSubject");
        String bodyTemplate = form.get("smtpBody", 4000);
        typed.put("smtpBody", bodyTemplate);
        Integer port = null;
        if (typed.get("smtpPort") != null) {
            port = port(typed.get("smtpPort"));
            if (port == null) {
                return refused(session, t, dossier, withoutSecrets(typed), Map.of("smtpPort", t.lookup("settings.error.port")),
                        "smtp", List.of());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("host", typed.get("smtpHost"));
        body.put("port", port);
        body.put("tlsMode", typed.get("smtpTlsMode"));
        body.put("username", typed.get("smtpUsername"));
        // a blank password box keeps the stored password; removing it is the API's business ("")
        body.put("password", typed.get("smtpPassword"));
        body.put("sender", typed.get("smtpSender"));
        body.put("subjectTemplate", typed.get("smtpSubject"));
        body.put("bodyTemplate", bodyTemplate);
        return call(session, t, dossier, withoutSecrets(typed), "smtp", SMTP_FIELDS,
                () -> dispatch.saveSmtp(session.person(), dossier.siren(), Json.write(body)));
    }

    Reply saveSales(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        Form form = Form.parse(ctx.body().asString());
        Map<String, String> typed = typed(form, SALES_FIELDS.toArray(String[]::new));
        Map<String, Object> body = new LinkedHashMap<>();
        SALES_FIELDS.forEach(name -> body.put(name, typed.get(name)));
        // the prefix may be empty on purpose: an empty box is an empty prefix, not "the default"
        body.put("numberPrefix", typed.get("numberPrefix") == null ? "" : typed.get("numberPrefix"));
        if (typed.get("paymentDays") != null) {
            Integer days = port(typed.get("paymentDays"));
            if (days == null) {
                return refused(session, t, dossier, typed, Map.of("paymentDays", t.lookup("settings.error.days")), "sales",
                        List.of());
            }
            body.put("paymentDays", days);
        }
        Map<String, String> fields = new HashMap<>();
        SALES_FIELDS.forEach(name -> fields.put(name, name));
        return call(session, t, dossier, typed, "sales", fields,
                () -> sales.put(session.person(), dossier.siren(), Json.write(body), WebApp.clientAddress(ctx)));
    }

    /** The new key is in this answer only (never in a URL): a reload of it asks to send the form again. */
    Reply createKey(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        Form form = Form.parse(ctx.body().asString());
        String label = form.get("keyLabel", 200);
        Map<String, String> issued = keys.issueApiKey(session.person(), dossier.siren(),
                label == null ? null : Json.write(Map.of("label", label)), WebApp.clientAddress(ctx));
        return render(session, t, dossier, Map.of(), Map.of(), Map.of(), issued, t.lookup("done.settings.keyCreated"), 200);
    }

    Reply revokeKey(RoutingContext ctx, WebSession.Session session, Messages t) {
        Dossier dossier = dossier(session, ctx.pathParam("siren"));
        keys.revokeApiKey(session.person(), dossier.siren(), ctx.pathParam("id"), WebApp.clientAddress(ctx));
        return new Reply.Redirect(base(dossier) + "?done=keyRevoked#keys");
    }

    // shared

    interface Save {
        Object run() throws Exception;
    }

    /** Runs the API call; a 400 or 409 re-shows the page with the problems beside the fields of {@code section}. */
    private Reply call(WebSession.Session session, Messages t, Dossier dossier, Map<String, String> typed, String section,
                       Map<String, String> fields, Save save) {
        try {
            save.run();
        } catch (Refusal e) {
            if (ApiErrors.status(e) != 400 && ApiErrors.status(e) != 409) {
                throw e;
            }
            FormProblems problems = FormProblems.of(e.getMessage(), problem -> fieldOf(problem, fields));
            return refused(session, t, dossier, typed, problems.byField(), section, problems.general());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new Reply.Redirect(base(dossier) + "?done=" + section + "#" + section);
    }

    private Reply refused(WebSession.Session session, Messages t, Dossier dossier, Map<String, String> typed,
                          Map<String, String> errors, String section, List<String> general) {
        return render(session, t, dossier, typed, errors, general.isEmpty() ? Map.of() : Map.of(section, general), null,
                null, 400);
    }

    /**
     * The field a problem of the API names first: "host is required", "mailboxes[0].host: ...", "iban 'x' is not"
     * -> the form's field of that name in this section; null when it names none of them.
     */
    static String fieldOf(String problem, Map<String, String> fields) {
        String first = problem.strip().replaceFirst("^mailboxes\\[\\d+]\\.", "").split("[\\s:]", 2)[0];
        for (Map.Entry<String, String> f : fields.entrySet()) {
            if (f.getKey().equalsIgnoreCase(first)) {
                return f.getValue();
            }
        }
        return null;
    }

    private Reply render(WebSession.Session session, Messages t, Dossier dossier, Map<String, String> typed,
                         Map<String, String> errors, Map<String, List<String>> general, Map<String, String> newKey,
                         String message, int status) {
        Map<String, Object> approvalView = approval.settings(session.person(), dossier.siren());
        MailSettings.DossierView mailView = mail.get(session.person(), dossier.siren());
        SmtpSettingsStore.SmtpView smtpView = dispatch.smtp(session.person(), dossier.siren());
        SalesSettingsApi.View salesView = sales.get(session.person(), dossier.siren());
        Map<String, String> values = new HashMap<>();
        values.put("approvalMode", String.valueOf(approvalView.get("approvalMode")));
        values.put("approvalThreshold", approvalView.get("approvalThreshold") == null ? null
                : approvalView.get("approvalThreshold").toString().replace('.', ','));
        values.put("clientsMayApprove", String.valueOf(approvalView.get("clientsMayApprove")));
        values.put("inboundLocalPart", mailView.inboundLocalPart());
        values.put("salesLocalPart", mailView.salesLocalPart());
        values.put("mbProtocol", "IMAPS");
        values.put("mbDirection", "PURCHASE");
        values.put("smtpHost", smtpView.host());
        values.put("smtpPort", smtpView.port() == null ? null : smtpView.port().toString());
        values.put("smtpTlsMode", smtpView.tlsMode() == null ? "STARTTLS" : smtpView.tlsMode());
        values.put("smtpUsername", smtpView.username());
        values.put("smtpSender", smtpView.sender());
        values.put("smtpSubject", smtpView.subjectTemplate());
        values.put("smtpBody", smtpView.bodyTemplate());
        values.put("numberPrefix", salesView.numberPrefix());
        values.put("iban", salesView.iban());
        values.put("bic", salesView.bic());
        values.put("address", salesView.address());
        values.put("postcode", salesView.postcode());
        values.put("city", salesView.city());
        values.put("country", salesView.country());
        values.put("email", salesView.email());
        values.put("paymentDays", String.valueOf(salesView.paymentDays()));
        values.putAll(typed);
        Frame frame = Frame.of(t, t.lookup("settings.title"), session).inDossier(dossier.siren(), dossier.name());
        return new Reply.Html(status, Views.render("settings.jte", new SettingsPage(frame, dossier.siren(), values, errors,
                general, mailView, smtpView, keys.listApiKeys(session.person(), dossier.siren()), newKey, message)));
    }

    private static Map<String, String> typed(Form form, String... names) {
        Map<String, String> typed = new HashMap<>();
        for (String name : names) {
            typed.put(name, form.get(name, 500));
        }
        return typed;
    }

    /** A password typed is never written back into the page. */
    private static Map<String, String> withoutSecrets(Map<String, String> typed) {
        Map<String, String> shown = new HashMap<>(typed);
        shown.remove("mbPassword");
        shown.remove("smtpPassword");
        return shown;
    }

    /** A whole number as typed, or null when it is none (the API says which range it takes). */
    private static Integer port(String typed) {
        String plain = typed.replace(" ", "");
        if (!plain.matches("\\d{1,9}")) {
            return null;
        }
        return Integer.parseInt(plain);
    }

    private Dossier dossier(WebSession.Session session, String siren) {
        return access.visibleDossier(session.person(), siren).orElseThrow(() -> new NotVisibleException("dossier " + siren));
    }

    private static String base(Dossier dossier) {
        return "/dossiers/" + dossier.siren() + "/settings";
    }

    private static String done(Messages t, String done) {
        if (done == null || !List.of("approval", "addresses", "mailbox", "mailboxes", "smtp", "sales", "keyRevoked")
                .contains(done)) {
            return null;
        }
        return t.lookup("done.settings." + done.toLowerCase(Locale.ROOT));
    }
}
