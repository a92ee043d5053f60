package io.einvoice.gateway.connector;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link ConnectorKind#PORTAL} source as a person would: logs in with the portal's own form (its hidden
 * inputs, the CSRF token among them, sent back as they came), keeps the session's cookies ({@link CookieSession}, one
 * per connector, kept between runs), reads the listing page with jsoup and takes the links matching the connector's
 * pattern, following {@code rel="next"} pages. A page that is the login form again means the session expired: one new
 * login, once; a login answered by the login form again means the password is wrong, which stops the connector. All
 * calls go through {@link SupplierHttp} (outbound guard, redirects checked, sizes bounded).
 */
public class PortalSource implements InvoiceSource {

    static final int MAX_PAGE_BYTES = 2 * 1024 * 1024;
    static final int MAX_PAGES = 50;
    static final int MAX_ITEMS = 5000;
    static final int MAX_ID = 200;
    static final int MAX_URL = 2000;
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E]+");

    private final SupplierHttp http;
    /** connector id -> its portal session */
    private final Map<String, CookieSession> sessions = new ConcurrentHashMap<>();

    public PortalSource(SupplierHttp http) {
        this.http = http;
    }

    @Override
    public ConnectorKind kind() {
        return ConnectorKind.PORTAL;
    }

    @Override
    public Listing list(Connector c, String secret, String cursor) throws ConnectorException {
        PortalSettings s = c.portal();
        Pattern links = Pattern.compile(s.linkPattern());
        Map<String, RemoteInvoice> items = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String url = s.listUrl();
        for (int page = 1; page <= MAX_PAGES && url != null && seen.add(url); page++) {
            String what = "the invoice listing (page " + page + ")";
            SupplierHttp.Answer answer = inSession(c, secret, url, MAX_PAGE_BYTES, what);
            Document doc = html(answer);
            if (doc == null) {
                throw ConnectorException.passing(what + " is not an HTML page; check the connector's listUrl");
            }
            for (Element a : doc.select("a[href]")) {
                String href = a.absUrl("href");
                if (href.isEmpty() || href.length() > MAX_URL || !href.matches("(?i)https?://.*")) {
                    continue;
                }
                Matcher m = links.matcher(href);
                if (!m.find()) {
                    continue;
                }
                if (items.size() >= MAX_ITEMS) {
                    skipped.add("the listing goes beyond " + MAX_ITEMS + " invoices; the rest is read at the next run");
                    return new Listing(List.copyOf(items.values()), skipped);
                }
                String id = m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : URI.create(href).getRawPath();
                if (id == null || id.length() > MAX_ID || !PRINTABLE.matcher(id).matches()) {
                    skipped.add("a link of page " + page + " has no usable invoice id");
                    continue;
                }
                items.putIfAbsent(id, new RemoteInvoice(id, null, href));
            }
            Element next = doc.selectFirst("a[rel~=(?i)^next$][href], link[rel~=(?i)^next$][href]");
            url = next == null ? null : next.absUrl("href");
            if (url != null && (url.isEmpty() || url.length() > MAX_URL)) {
                url = null;
            }
        }
        return new Listing(List.copyOf(items.values()), skipped);
    }

    @Override
    public byte[] download(Connector c, String secret, RemoteInvoice invoice, int maxBytes) throws ConnectorException {
        return inSession(c, secret, invoice.downloadUrl(), maxBytes, "invoice " + invoice.remoteId()).body();
    }

    /** A page of the portal, logged in: a first login if the session has none, one new login if it expired. */
    private SupplierHttp.Answer inSession(Connector c, String secret, String url, int maxBytes, String what)
            throws ConnectorException {
        CookieSession session = sessions.computeIfAbsent(c.id(), id -> new CookieSession());
        boolean loggedIn = false;
        if (session.isEmpty()) {
            login(c, secret, session);
            loggedIn = true;
        }
        SupplierHttp.Answer answer = http.get(url, session, maxBytes, what);
        if (loggedOut(c, answer) && !loggedIn) {
            // sessions expire between runs and during long ones: one new login, once
            login(c, secret, session);
            answer = http.get(url, session, maxBytes, what);
        }
        if (loggedOut(c, answer)) {
            throw ConnectorException.stopping("the supplier's portal asks to log in again right after a login it"
                    + " accepted, for " + what + ": check the connector's loginUrl and listUrl; the connector is"
                    + " stopped until then");
        }
        if (answer.status() != 200) {
            throw ConnectorException.passing("the supplier's portal answered HTTP " + answer.status() + " to " + what
                    + "; the next run tries again");
        }
        return answer;
    }

    /** The portal's login form filled and posted; refused credentials stop the connector. */
    private void login(Connector c, String secret, CookieSession session) throws ConnectorException {
        PortalSettings s = c.portal();
        session.clear();
        SupplierHttp.Answer page = http.get(s.loginUrl(), session, MAX_PAGE_BYTES, "the portal's login page");
        if (page.status() != 200) {
            throw ConnectorException.passing("the supplier's portal answered HTTP " + page.status()
                    + " to its login page; the next run tries again");
        }
        Element form = loginForm(c, html(page));
        if (form == null) {
            throw ConnectorException.passing("the portal's login page has no form with a password field named "
                    + s.passwordFieldOrDefault() + "; check the connector's loginUrl and field names");
        }
        StringJoiner body = new StringJoiner("&");
        for (Element input : form.select("input[type=hidden][name]")) {
            String name = input.attr("name");
            if (!name.equals(s.usernameFieldOrDefault()) && !name.equals(s.passwordFieldOrDefault())) {
                body.add(encode(name) + "=" + encode(input.attr("value")));
            }
        }
        body.add(encode(s.usernameFieldOrDefault()) + "=" + encode(s.username()));
        body.add(encode(s.passwordFieldOrDefault()) + "=" + encode(secret == null ? "" : secret));
        String action = form.hasAttr("action") && !form.attr("action").isBlank() ? form.absUrl("action") : page.url();
        if (action.isEmpty()) {
            action = page.url();
        }
        SupplierHttp.Answer answer = http.postForm(action, session, body.toString(), MAX_PAGE_BYTES,
                "the portal's login");
        if (answer.status() == 401 || answer.status() == 403 || answer.status() == 200 && loginForm(c, html(answer)) != null) {
            session.clear();
            throw ConnectorException.stopping("the supplier's portal refused the username or password (login page"
                    + " shown again): enter the right password (PUT /api/connectors/{id}); the connector is stopped"
                    + " until then");
        }
        if (answer.status() != 200) {
            throw ConnectorException.passing("the supplier's portal answered HTTP " + answer.status()
                    + " to the login; the next run tries again");
        }
    }

    /** The session is gone: the portal refuses, or shows its login form instead of the page. */
    private static boolean loggedOut(Connector c, SupplierHttp.Answer answer) {
        return answer.status() == 401 || answer.status() == 403
                || answer.status() == 200 && loginForm(c, html(answer)) != null;
    }

    private static Element loginForm(Connector c, Document doc) {
        if (doc == null) {
            return null;
        }
        String field = c.portal().passwordFieldOrDefault();
        for (Element form : doc.select("form")) {
            for (Element input : form.select("input[type=password]")) {
                if (field.equals(input.attr("name"))) {
                    return form;
                }
            }
        }
        return null;
    }

    /** The page as HTML, or null when the answer is not HTML (a file). */
    private static Document html(SupplierHttp.Answer answer) {
        String type = answer.contentType() == null ? "" : answer.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("text/html") && !type.startsWith("application/xhtml")) {
            return null;
        }
        try {
            return Jsoup.parse(new ByteArrayInputStream(answer.body()), null, answer.url());
        } catch (IOException e) {
            return null;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
