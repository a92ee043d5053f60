package io.einvoice.gateway.web;

import io.einvoice.gateway.api.ApiErrors;
import io.einvoice.gateway.dossier.LoginService;
import io.einvoice.gateway.dossier.LoginThrottledException;
import io.einvoice.gateway.dossier.Role;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.einvoice.gateway.refusal.Refusal;
import io.einvoice.gateway.users.UserAdministration;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * The web interface on the API's own HTTP server: pages rendered here from the same services the API calls, behind
 * the same walls ({@code AccessService}), with the security headers of {@code HttpGuards}. Each handler runs on a
 * worker thread (the pages read the database), signs the person in from the session cookie and checks the CSRF token
 * of every form before it acts.
 */
public final class WebApp {

    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);
    /** Our own files and htmx from its webjar; nothing else of the classpath is reachable. */
    private static final Map<String, String[]> ASSETS = Map.of(
            "app.css", new String[]{"web/static/app.css", "text/css; charset=utf-8"},
            "app.js", new String[]{"web/static/app.js", "text/javascript; charset=utf-8"},
            "htmx.min.js", new String[]{"META-INF/resources/webjars/htmx.org/2.0.4/dist/htmx.min.js", "text/javascript; charset=utf-8"});

    private final WebSession sessions;
    private final LoginService logins;
    private final DossierPages dossiers;
    private final DocumentPages documents;
    private final ArchivePages archive;
    private final InvitationPages invitations;
    private final PartyPages parties;
    private final SalesPages sales;
    private final SettingsPages settings;
    private final AdminPages admin;

    public WebApp(WebSession sessions, LoginService logins, DossierPages dossiers, DocumentPages documents,
                  ArchivePages archive, UserAdministration users, PartyPages parties, SalesPages sales,
                  SettingsPages settings, AdminPages admin) {
        this.sessions = sessions;
        this.logins = logins;
        this.dossiers = dossiers;
        this.documents = documents;
        this.archive = archive;
        this.invitations = new InvitationPages(users);
        this.parties = parties;
        this.sales = sales;
        this.settings = settings;
        this.admin = admin;
    }

    interface Page {
        Reply handle(RoutingContext ctx, WebSession.Session session, Messages t) throws Exception;
    }

    /** On the running HTTP server of {@code camel} listening on {@code port}; once per start. */
    public void install(CamelContext camel, int port) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(camel, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            throw new IllegalStateException("the HTTP server on port " + port + " is not running");
        }
        Handler<RoutingContext> body = router.bodyHandler();
        router.get("/assets/:name").handler(WebApp::asset);
        router.get("/").blockingHandler(ctx -> run(ctx, true, (c, s, t) -> dossiers.home(s, t, c.queryParams().get("q"))), false);
        router.get("/login").blockingHandler(this::loginPage, false);
        router.post("/login").handler(body).blockingHandler(this::login, false);
        router.post("/logout").handler(body).blockingHandler(ctx -> run(ctx, true, this::logout), false);
        router.get("/invitation").blockingHandler(ctx -> anonymous(ctx, invitations::page), false);
        router.post("/invitation").handler(body).blockingHandler(ctx -> anonymous(ctx, invitations::accept), false);
        router.get("/password").blockingHandler(ctx -> run(ctx, true, (c, s, t) -> passwordPage(s, t, null, false)), false);
        router.post("/password").handler(body).blockingHandler(ctx -> run(ctx, true, this::changePassword), false);

        router.get("/dossiers/:siren").blockingHandler(ctx -> run(ctx, true, dossiers::inbox), false);
        router.get("/dossiers/:siren/rows").blockingHandler(ctx -> run(ctx, true, dossiers::rows), false);
        router.post("/dossiers/:siren/upload").handler(body).blockingHandler(ctx -> run(ctx, true, dossiers::upload), false);
        router.get("/dossiers/:siren/archive").blockingHandler(ctx -> runForFirm(ctx, archive::search), false);
        router.get("/dossiers/:siren/archive/:seq").blockingHandler(ctx -> runForFirm(ctx, archive::entry), false);
        router.get("/dossiers/:siren/archive/:seq/files/:kind").blockingHandler(ctx -> runForFirm(ctx, archive::file), false);

        // the fixed paths (import, export, new, totals) before the ones that take an id
        router.get("/dossiers/:siren/parties").blockingHandler(ctx -> runForFirm(ctx, parties::list), false);
        router.get("/dossiers/:siren/parties/import").blockingHandler(ctx -> runForFirm(ctx, parties::importForm), false);
        router.post("/dossiers/:siren/parties/import").handler(body).blockingHandler(ctx -> runForFirm(ctx, parties::importUpload), false);
        router.post("/dossiers/:siren/parties/import/confirm").handler(body).blockingHandler(ctx -> runForFirm(ctx, parties::importConfirm), false);
        router.get("/dossiers/:siren/parties/export").blockingHandler(ctx -> runForFirm(ctx, parties::export), false);
        router.get("/dossiers/:siren/parties/:id").blockingHandler(ctx -> runForFirm(ctx, parties::edit), false);
        router.post("/dossiers/:siren/parties/:id").handler(body).blockingHandler(ctx -> runForFirm(ctx, parties::save), false);
        router.post("/dossiers/:siren/parties/:id/switch").handler(body).blockingHandler(ctx -> runForFirm(ctx, parties::toggle), false);
        router.post("/dossiers/:siren/parties/:id/merge").handler(body).blockingHandler(ctx -> runForFirm(ctx, parties::merge), false);

        router.get("/dossiers/:siren/sales").blockingHandler(ctx -> runForFirm(ctx, sales::list), false);
        router.get("/dossiers/:siren/sales/new").blockingHandler(ctx -> runForFirm(ctx, sales::newInvoice), false);
        router.post("/dossiers/:siren/sales/new").handler(body).blockingHandler(ctx -> runForFirm(ctx, sales::create), false);
        router.post("/dossiers/:siren/sales/totals").handler(body).blockingHandler(ctx -> runForFirm(ctx, sales::totals), false);
        router.get("/dossiers/:siren/sales/:id").blockingHandler(ctx -> runForFirm(ctx, sales::invoice), false);
        router.post("/dossiers/:siren/sales/:id").handler(body).blockingHandler(ctx -> runForFirm(ctx, sales::update), false);
        router.post("/dossiers/:siren/sales/:id/send").handler(body).blockingHandler(ctx -> runForFirm(ctx, sales::send), false);
        router.post("/dossiers/:siren/sales/:id/credit-note").handler(body).blockingHandler(ctx -> runForFirm(ctx, sales::creditNote), false);
        router.post("/dossiers/:siren/sales/:id/payment").handler(body).blockingHandler(ctx -> runForFirm(ctx, sales::payment), false);
        router.post("/dossiers/:siren/sales/:id/exported").handler(body).blockingHandler(ctx -> runForFirm(ctx, sales::exported), false);

        router.get("/dossiers/:siren/settings").blockingHandler(ctx -> runForFirm(ctx, settings::page), false);
        router.post("/dossiers/:siren/settings/approval").handler(body).blockingHandler(ctx -> runForFirm(ctx, settings::saveApproval), false);
        router.post("/dossiers/:siren/settings/addresses").handler(body).blockingHandler(ctx -> runForFirm(ctx, settings::saveAddresses), false);
        router.post("/dossiers/:siren/settings/mailboxes").handler(body).blockingHandler(ctx -> runForFirm(ctx, settings::addMailbox), false);
        router.post("/dossiers/:siren/settings/mailboxes/:id/remove").handler(body).blockingHandler(ctx -> runForFirm(ctx, settings::removeMailbox), false);
        router.post("/dossiers/:siren/settings/smtp").handler(body).blockingHandler(ctx -> runForFirm(ctx, settings::saveSmtp), false);
        router.post("/dossiers/:siren/settings/sales").handler(body).blockingHandler(ctx -> runForFirm(ctx, settings::saveSales), false);
        router.post("/dossiers/:siren/settings/api-keys").handler(body).blockingHandler(ctx -> runForFirm(ctx, settings::createKey), false);
        router.post("/dossiers/:siren/settings/api-keys/:id/revoke").handler(body).blockingHandler(ctx -> runForFirm(ctx, settings::revokeKey), false);

        router.get("/admin").blockingHandler(ctx -> runForAdmin(ctx, admin::page), false);
        router.post("/admin/users").handler(body).blockingHandler(ctx -> runForAdmin(ctx, admin::invite), false);
        router.post("/admin/users/:id/role").handler(body).blockingHandler(ctx -> runForAdmin(ctx, admin::changeRole), false);
        router.post("/admin/users/:id/dossiers").handler(body).blockingHandler(ctx -> runForAdmin(ctx, admin::assignDossiers), false);
        router.post("/admin/users/:id/deactivate").handler(body).blockingHandler(ctx -> runForAdmin(ctx, admin::deactivate), false);
        router.post("/admin/users/:id/reactivate").handler(body).blockingHandler(ctx -> runForAdmin(ctx, admin::reactivate), false);

        router.get("/documents/:id").blockingHandler(ctx -> run(ctx, true, documents::page), false);
        router.get("/documents/:id/pages/:page").blockingHandler(ctx -> run(ctx, true, documents::pageImage), false);
        router.get("/documents/:id/files/:kind").blockingHandler(ctx -> run(ctx, true, documents::file), false);
        router.post("/documents/:id/fields").handler(body).blockingHandler(ctx -> runForFirm(ctx, documents::correct), false);
        router.post("/documents/:id/approve").handler(body).blockingHandler(ctx -> run(ctx, true, documents::approve), false);
        router.post("/documents/:id/reject").handler(body).blockingHandler(ctx -> run(ctx, true, documents::reject), false);
        router.post("/documents/:id/replay").handler(body).blockingHandler(ctx -> runForFirm(ctx, documents::replay), false);
    }

    private static void asset(RoutingContext ctx) {
        String[] asset = ASSETS.get(ctx.pathParam("name"));
        if (asset == null) {
            ctx.next();
            return;
        }
        try (InputStream in = WebApp.class.getClassLoader().getResourceAsStream(asset[0])) {
            if (in == null) {
                throw new IOException(asset[0] + " is missing from the build");
            }
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, asset[1]).end(io.vertx.core.buffer.Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            LOG.error("web asset {} could not be read", asset[0], e);
            ctx.fail(500);
        }
    }

    private void run(RoutingContext ctx, boolean signedIn, Page page) {
        run(ctx, signedIn, false, page);
    }

    /** A page of the firm's own work (archive, corrections, replays, suppliers and customers, sales): a client gets 403. */
    private void runForFirm(RoutingContext ctx, Page page) {
        run(ctx, true, true, page);
    }

    /** The firm's administration: an ADMIN's only; anyone else gets 403 before the page reads anything. */
    private void runForAdmin(RoutingContext ctx, Page page) {
        run(ctx, true, true, (c, s, t) -> s.person().user().role() == Role.ADMIN ? page.handle(c, s, t)
                : error(t, s, 403, t.lookup("error.adminOnly")));
    }

    private void run(RoutingContext ctx, boolean signedIn, boolean firmOnly, Page page) {
        Messages t = Messages.forAcceptLanguage(ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        try {
            Optional<WebSession.Session> session = sessions.current(ctx.request());
            if (session.isEmpty() && signedIn) {
                send(ctx, new Reply.Redirect("/login"));
                return;
            }
            if (firmOnly && session.get().person().isClient()) {
                send(ctx, error(t, session.get(), 403, t.lookup("error.firmOnly")));
                return;
            }
            if (ctx.request().method() == io.vertx.core.http.HttpMethod.POST && !csrfSent(ctx, session.get().token())) {
                send(ctx, error(t, session.get(), 403, t.lookup("error.csrf")));
                return;
            }
            send(ctx, page.handle(ctx, session.orElse(null), t));
        } catch (Refusal e) {
            WebSession.Session session = sessions.current(ctx.request()).orElse(null);
            send(ctx, error(t, session, ApiErrors.status(e), e instanceof NotVisibleException ? t.lookup("error.notFound") : t.refusal(e)));
        } catch (Form.BadInput e) {
            send(ctx, error(t, sessions.current(ctx.request()).orElse(null), 400, t.lookup(e.getMessage())));
        } catch (Exception e) {
            LOG.error("web {} {} failed", ctx.request().method(), ctx.request().path(), e);
            send(ctx, error(t, null, 500, t.lookup("error.internal")));
        }
    }

    interface AnonymousPage {
        Reply handle(RoutingContext ctx, Messages t) throws Exception;
    }

    /** A page for someone not logged in (an invitation): no session, no CSRF token of a session. */
    private void anonymous(RoutingContext ctx, AnonymousPage page) {
        Messages t = Messages.forAcceptLanguage(ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        try {
            send(ctx, page.handle(ctx, t));
        } catch (Form.BadInput e) {
            send(ctx, error(t, null, 400, t.lookup(e.getMessage())));
        } catch (Exception e) {
            LOG.error("web {} {} failed", ctx.request().method(), ctx.request().path(), e);
            send(ctx, error(t, null, 500, t.lookup("error.internal")));
        }
    }

    /** The form's hidden field, the multipart form's field, or the header the upload script sends. */
    private static boolean csrfSent(RoutingContext ctx, String secret) {
        String sent = ctx.request().getHeader("X-CSRF-Token");
        if (sent == null) {
            sent = ctx.request().getFormAttribute("csrf");
        }
        if (sent == null && ctx.body() != null && ctx.body().length() > 0 && ctx.body().length() <= Form.MAX_BODY) {
            sent = Form.parse(ctx.body().asString()).get("csrf");
        }
        return WebSession.csrfMatches(secret, sent);
    }

    static Reply error(Messages t, WebSession.Session session, int status, String message) {
        Frame frame = session == null ? Frame.anonymous(t, t.lookup("error.title"), null) : Frame.of(t, t.lookup("error.title"), session);
        return new Reply.Html(status, Views.render("error.jte", new ErrorPage(frame, status, message)));
    }

    public record ErrorPage(Frame frame, int status, String message) {
    }

    // login, logout, password

    public record LoginPage(Frame frame, String email, String error) {
    }

    public record PasswordPage(Frame frame, String error, boolean changed) {
    }

    private void loginPage(RoutingContext ctx) {
        Messages t = Messages.forAcceptLanguage(ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        if (sessions.current(ctx.request()).isPresent()) {
            send(ctx, new Reply.Redirect("/"));
            return;
        }
        send(ctx, loginForm(ctx, t, null, null, 200));
    }

    /** The login form carries a token tied to a cookie of its own: a form posted from another site cannot log in. */
    private static Reply loginForm(RoutingContext ctx, Messages t, String email, String error, int status) {
        String value = WebSession.cookie(ctx.request(), WebSession.LOGIN_COOKIE);
        if (value == null) {
            value = WebSession.newLoginValue();
            ctx.response().addCookie(WebSession.loginCookie(value, WebSession.overTls(ctx.request())));
        }
        Frame frame = Frame.anonymous(t, t.lookup("login.title"), WebSession.csrfOf(value));
        return new Reply.Html(status, Views.render("login.jte", new LoginPage(frame, email, error)));
    }

    private void login(RoutingContext ctx) {
        Messages t = Messages.forAcceptLanguage(ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        try {
            Form form = Form.parse(ctx.body().asString());
            if (!WebSession.csrfMatches(WebSession.cookie(ctx.request(), WebSession.LOGIN_COOKIE), form.get("csrf"))) {
                send(ctx, loginForm(ctx, t, null, t.lookup("login.expired"), 403));
                return;
            }
            String email = form.get("email", 254);
            String password = form.get("password", 1000);
            if (email == null || password == null) {
                send(ctx, loginForm(ctx, t, email, t.lookup("login.missing"), 400));
                return;
            }
            Optional<String> token = logins.login(email, password, clientAddress(ctx));
            if (token.isEmpty()) {
                send(ctx, loginForm(ctx, t, email, t.lookup("login.wrong"), 401));
                return;
            }
            boolean tls = WebSession.overTls(ctx.request());
            ctx.response().addCookie(WebSession.sessionCookie(token.get(), tls));
            ctx.response().addCookie(WebSession.expired(WebSession.LOGIN_COOKIE, tls));
            send(ctx, new Reply.Redirect("/"));
        } catch (LoginThrottledException e) {
            ctx.response().putHeader("Retry-After", String.valueOf(e.retryAfter().toSeconds()));
            send(ctx, loginForm(ctx, t, null, t.localize("login.throttled", e.retryAfter().toSeconds()).toString(), 429));
        } catch (Form.BadInput e) {
            send(ctx, loginForm(ctx, t, null, t.lookup(e.getMessage()), 400));
        } catch (RuntimeException e) {
            LOG.error("web login failed", e);
            send(ctx, error(t, null, 500, t.lookup("error.internal")));
        }
    }

    private Reply logout(RoutingContext ctx, WebSession.Session session, Messages t) {
        logins.logout(session.person(), session.token(), clientAddress(ctx));
        ctx.response().addCookie(WebSession.expired(WebSession.SESSION_COOKIE, WebSession.overTls(ctx.request())));
        return new Reply.Redirect("/login");
    }

    private static Reply passwordPage(WebSession.Session session, Messages t, String error, boolean changed) {
        return new Reply.Html(error == null ? 200 : 400, Views.render("password.jte",
                new PasswordPage(Frame.of(t, t.lookup("password.title"), session), error, changed)));
    }

    private Reply changePassword(RoutingContext ctx, WebSession.Session session, Messages t) {
        Form form = Form.parse(ctx.body().asString());
        String next = form.get("next", 1000);
        if (next != null && !next.equals(form.get("confirm", 1000))) {
            return passwordPage(session, t, t.lookup("password.mismatch"), false);
        }
        try {
            logins.changePassword(session.person(), form.get("current", 1000), next, clientAddress(ctx));
        } catch (LoginThrottledException e) {
            return passwordPage(session, t, t.localize("login.throttled", e.retryAfter().toSeconds()).toString(), false);
        } catch (IllegalArgumentException e) {
            return passwordPage(session, t, t.lookup(e.getMessage().startsWith("the current") ? "password.wrong"
                    : "password.weak"), false);
        }
        return passwordPage(session, t, null, true);
    }

    static String clientAddress(RoutingContext ctx) {
        SocketAddress peer = ctx.request().remoteAddress();
        return peer == null ? null : peer.hostAddress();
    }

    private static void send(RoutingContext ctx, Reply reply) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return;
        }
        try {
            if (reply instanceof Reply.Html html) {
                response.setStatusCode(html.status()).putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                        .end(html.body());
            } else if (reply instanceof Reply.Redirect redirect) {
                // 303: the browser follows with a GET, so a reload shows the page instead of posting again
                response.setStatusCode(303).putHeader(HttpHeaders.LOCATION, redirect.location()).end();
            } else if (reply instanceof Reply.Png png) {
                response.putHeader(HttpHeaders.CONTENT_TYPE, "image/png").end(io.vertx.core.buffer.Buffer.buffer(png.content()));
            } else if (reply instanceof Reply.File file) {
                try (InputStream in = file.download().content()) {
                    response.putHeader(HttpHeaders.CONTENT_TYPE, file.download().mediaType())
                            .putHeader("Content-Disposition", file.download().contentDisposition())
                            .end(io.vertx.core.buffer.Buffer.buffer(in.readAllBytes()));
                }
            }
        } catch (IOException e) {
            LOG.error("web answer to {} could not be sent", ctx.request().path(), e);
            ctx.fail(500);
        }
    }
}
