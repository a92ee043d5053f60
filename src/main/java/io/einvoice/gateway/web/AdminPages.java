package io.einvoice.gateway.web;

import io.einvoice.gateway.api.ApiErrors;
import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.Role;
import io.einvoice.gateway.refusal.Refusal;
import io.einvoice.gateway.users.UserAdministration;
import io.einvoice.gateway.users.UsersApi;
import io.vertx.ext.web.RoutingContext;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Page 8, the firm's administration (ADMIN only: {@code WebApp} answers 403 to anyone else): its people with their
 * role, state and dossiers; inviting someone by e-mail, changing a role, assigning dossiers, deactivating and
 * reactivating; what each role may do; the latest access changes. Every action calls {@link UsersApi} with the
 * person as caller, so the API's checks (the last ADMIN kept, a CLIENT's one dossier) and security events apply.
 */
public class AdminPages {

    static final List<String> INVITE_FIELDS = List.of("email", "displayName", "role", "dossiers");
    /** The access changes shown; the API gives more to whoever needs the whole history. */
    static final int EVENTS = 15;

    private final AccessService access;
    private final UsersApi users;

    public AdminPages(AccessService access, UsersApi users) {
        this.access = access;
        this.users = users;
    }

    public record DossierChoice(String siren, String name) {
    }

    /**
     * {@code values}/{@code errors}: the invitation form as typed and its problems by field; {@code problems}: a
     * refusal naming no field, by where it goes ("invite" or a user's id).
     */
    public record AdminPage(Frame frame, List<UsersApi.UserView> users, List<DossierChoice> dossiers, List<String> roles,
                            Map<String, String> values, List<String> invitedDossiers, Map<String, String> errors,
                            Map<String, List<String>> problems, List<UsersApi.EventView> events, String message) {

        public String value(String name) {
            return values.get(name);
        }

        public String error(String name) {
            return errors.get(name);
        }

        public List<String> problemsOf(String where) {
            return problems.getOrDefault(where, List.of());
        }

        /** The firm's one active ADMIN: the API refuses to deactivate them, so the page offers no such button. */
        public boolean lastActiveAdmin(UsersApi.UserView user) {
            return isActiveAdmin(user) && users.stream().filter(AdminPage::isActiveAdmin).count() == 1;
        }

        private static boolean isActiveAdmin(UsersApi.UserView user) {
            return user.role().equals(Role.ADMIN.name()) && user.status().equals(UserAdministration.Status.ACTIVE.name());
        }

        /** A person's dossiers by name (the SIREN of one the firm no longer has). */
        public String dossierNames(List<String> sirens) {
            return String.join(", ", sirens.stream().map(siren -> dossiers.stream().filter(d -> d.siren().equals(siren))
                    .map(DossierChoice::name).findFirst().orElse(siren)).toList());
        }
    }

    Reply page(RoutingContext ctx, WebSession.Session session, Messages t) {
        return render(session, t, Map.of("role", Role.USER.name()), List.of(), Map.of(), Map.of(),
                done(t, ctx.queryParams().get("done")), 200);
    }

    Reply invite(RoutingContext ctx, WebSession.Session session, Messages t) {
        Form form = Form.parse(ctx.body().asString());
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("email", form.get("email", 254));
        typed.put("displayName", form.get("displayName", 200));
        typed.put("role", form.get("role", 30));
        List<String> dossiers = form.all("dossiers");
        Map<String, Object> body = new LinkedHashMap<>(typed);
        body.put("dossiers", dossiers);
        try {
            users.invite(session.person(), Json.write(body), WebApp.clientAddress(ctx));
        } catch (Refusal e) {
            if (ApiErrors.status(e) != 400 && ApiErrors.status(e) != 409 && ApiErrors.status(e) != 502) {
                throw e;
            }
            FormProblems problems = FormProblems.of(e.getMessage(), AdminPages::fieldOf);
            return render(session, t, typed, dossiers, problems.byField(), problems.general().isEmpty() ? Map.of()
                    : Map.of("invite", problems.general()), null, 400);
        }
        return new Reply.Redirect("/admin?done=invited");
    }

    Reply changeRole(RoutingContext ctx, WebSession.Session session, Messages t) {
        Form form = Form.parse(ctx.body().asString());
        return onUser(ctx, session, t, "role", () -> users.changeRole(session.person(), ctx.pathParam("id"),
                Json.write(Map.of("role", String.valueOf(form.get("role", 30)))), WebApp.clientAddress(ctx)));
    }

    Reply assignDossiers(RoutingContext ctx, WebSession.Session session, Messages t) {
        Form form = Form.parse(ctx.body().asString());
        return onUser(ctx, session, t, "dossiers", () -> users.assignDossiers(session.person(), ctx.pathParam("id"),
                Json.write(Map.of("dossiers", form.all("dossiers"))), WebApp.clientAddress(ctx)));
    }

    Reply deactivate(RoutingContext ctx, WebSession.Session session, Messages t) {
        return onUser(ctx, session, t, "deactivated", () -> users.deactivate(session.person(), ctx.pathParam("id"),
                WebApp.clientAddress(ctx)));
    }

    Reply reactivate(RoutingContext ctx, WebSession.Session session, Messages t) {
        return onUser(ctx, session, t, "reactivated", () -> users.reactivate(session.person(), ctx.pathParam("id"),
                WebApp.clientAddress(ctx)));
    }

    /** A change to one person: done, or its refusal shown on that person's card. */
    private Reply onUser(RoutingContext ctx, WebSession.Session session, Messages t, String done, Runnable change) {
        String id = ctx.pathParam("id");
        try {
            change.run();
        } catch (Refusal e) {
            if (ApiErrors.status(e) != 400 && ApiErrors.status(e) != 409) {
                throw e;
            }
            return render(session, t, Map.of("role", Role.USER.name()), List.of(), Map.of(),
                    Map.of(id, List.of(e.getMessage().split("; "))), null, 400);
        }
        return new Reply.Redirect("/admin?done=" + done + "#user-" + id);
    }

    private Reply render(WebSession.Session session, Messages t, Map<String, String> typed, List<String> invitedDossiers,
                         Map<String, String> errors, Map<String, List<String>> problems, String message, int status) {
        List<DossierChoice> dossiers = access.visibleDossiers(session.person()).stream()
                .map((Dossier d) -> new DossierChoice(d.siren(), d.name())).toList();
        AdminPage page = new AdminPage(Frame.of(t, t.lookup("admin.title"), session),
                users.list(session.person(), null, null), dossiers,
                Arrays.stream(Role.values()).map(Role::name).toList(), typed, invitedDossiers, errors, problems,
                users.events(session.person(), String.valueOf(EVENTS)), message);
        return new Reply.Html(status, Views.render("admin.jte", page));
    }

    /** The invitation field a problem of the API is about: its first word, or the e-mail of "a user with e-mail". */
    static String fieldOf(String problem) {
        String first = problem.strip().split("[\\s:]", 2)[0];
        for (String name : INVITE_FIELDS) {
            if (name.equalsIgnoreCase(first)) {
                return name;
            }
        }
        return problem.startsWith("a user with e-mail") ? "email" : null;
    }

    private static String done(Messages t, String done) {
        if (done == null || !List.of("invited", "role", "dossiers", "deactivated", "reactivated").contains(done)) {
            return null;
        }
        return t.lookup("done.admin." + done);
    }
}
