package io.einvoice.gateway.connector;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.refusal.InvalidInputException;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Reads a {@link ConnectorKind#REST_JSON} source: its list, page by page, and each invoice's file, signed as its
 * {@link RestAuth} says. An OAuth2 token is kept between runs and renewed once when the source refuses it (tokens
 * expire); credentials refused again stop the connector. Everything the source sends is bounded before it is read:
 * the size of each answer, the number of pages and items, the length of ids, dates and URLs.
 */
public class RestJsonSource implements InvoiceSource {

    static final int MAX_LIST_BYTES = 4 * 1024 * 1024;
    static final int MAX_TOKEN_BYTES = 64 * 1024;
    static final int MAX_PAGES = 100;
    static final int MAX_ITEMS = 5000;
    static final int MAX_ID = 200;
    static final int MAX_DATE = 40;
    static final int MAX_URL = 2000;
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E]+");

    private final SupplierHttp http;
    /** connector id -> its current OAuth2 access token */
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    public RestJsonSource(SupplierHttp http) {
        this.http = http;
    }

    @Override
    public ConnectorKind kind() {
        return ConnectorKind.REST_JSON;
    }

    @Override
    public Listing list(Connector c, String secret, String cursor) throws ConnectorException {
        RestSettings s = c.rest();
        Map<String, RemoteInvoice> items = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        String base = s.sinceParameter() != null && cursor != null ? withParameter(s.listUrl(), s.sinceParameter(), cursor)
                : s.listUrl();
        for (int page = 1; page <= MAX_PAGES; page++) {
            String url = s.pageParameter() == null ? base : withParameter(base, s.pageParameter(), String.valueOf(page));
            SupplierHttp.Answer answer = signed(c, secret, url, MAX_LIST_BYTES, "the invoice list (page " + page + ")");
            JsonNode array = items(answer.body(), s.itemsPointer(), page);
            if (array.isEmpty()) {
                break;
            }
            int index = 0;
            for (JsonNode item : array) {
                index++;
                if (items.size() >= MAX_ITEMS) {
                    skipped.add("the list goes beyond " + MAX_ITEMS + " invoices; the rest is read at the next run");
                    return new Listing(List.copyOf(items.values()), skipped);
                }
                RemoteInvoice invoice = invoice(item, s, url);
                if (invoice == null) {
                    skipped.add("item " + index + " of page " + page + " has no usable id or download URL");
                } else {
                    items.putIfAbsent(invoice.remoteId(), invoice);
                }
            }
            if (s.pageParameter() == null) {
                break;
            }
        }
        return new Listing(List.copyOf(items.values()), skipped);
    }

    @Override
    public byte[] download(Connector c, String secret, RemoteInvoice invoice, int maxBytes) throws ConnectorException {
        return signed(c, secret, invoice.downloadUrl(), maxBytes, "invoice " + invoice.remoteId()).body();
    }

    private SupplierHttp.Answer signed(Connector c, String secret, String url, int maxBytes, String what)
            throws ConnectorException {
        SupplierHttp.Answer answer = http.get(url, credentials(c, secret, false), maxBytes, what);
        if ((answer.status() == 401 || answer.status() == 403) && c.rest().authOrNone() == RestAuth.OAUTH2) {
            // tokens expire before the source says so: one new token, once
            answer = http.get(url, credentials(c, secret, true), maxBytes, what);
        }
        if (answer.status() == 401 || answer.status() == 403) {
            throw ConnectorException.stopping("the supplier's server refused the connector's credentials (HTTP "
                    + answer.status() + ") for " + what + ": enter the right " + secretName(c.rest().authOrNone())
                    + " (PUT /api/connectors/{id}); the connector is stopped until then");
        }
        if (answer.status() != 200) {
            throw ConnectorException.passing("the supplier's server answered HTTP " + answer.status() + " to " + what
                    + "; the next run tries again");
        }
        return answer;
    }

    private Map<String, String> credentials(Connector c, String secret, boolean renew) throws ConnectorException {
        RestSettings s = c.rest();
        return switch (s.authOrNone()) {
            case NONE -> Map.of();
            case BEARER -> Map.of("Authorization", "Bearer " + secret);
            case API_KEY -> Map.of(s.apiKeyHeader(), secret);
            case BASIC -> Map.of("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((s.username() + ":" + secret).getBytes(StandardCharsets.UTF_8)));
            case OAUTH2 -> {
                if (renew) {
                    tokens.remove(c.id());
                }
                String token = tokens.get(c.id());
                if (token == null) {
                    token = token(c, secret);
                    tokens.put(c.id(), token);
                }
                yield Map.of("Authorization", "Bearer " + token);
            }
        };
    }

    /** OAuth2 client credentials (RFC 6749 §4.4), the secret in the form body (§2.3.1). */
    private String token(Connector c, String secret) throws ConnectorException {
        RestSettings s = c.rest();
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(s.clientId(), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        SupplierHttp.Answer answer = http.postForm(s.tokenUrl(), Map.of(), form, MAX_TOKEN_BYTES, "the OAuth2 token");
        if (answer.status() == 400 || answer.status() == 401 || answer.status() == 403) {
            throw ConnectorException.stopping("the supplier's token server refused the client id or secret (HTTP "
                    + answer.status() + "): enter the right client secret (PUT /api/connectors/{id});"
                    + " the connector is stopped until then");
        }
        if (answer.status() != 200) {
            throw ConnectorException.passing("the supplier's token server answered HTTP " + answer.status()
                    + "; the next run tries again");
        }
        JsonNode token = parse(answer.body(), "the OAuth2 token answer").path("access_token");
        if (!token.isTextual() || token.asText().length() > 8192 || !PRINTABLE.matcher(token.asText()).matches()) {
            throw ConnectorException.passing("the supplier's token server answered without a usable access_token");
        }
        return token.asText();
    }

    private static JsonNode items(byte[] body, String pointer, int page) throws ConnectorException {
        JsonNode array = parse(body, "the invoice list (page " + page + ")").at(pointer);
        if (!array.isArray()) {
            throw ConnectorException.passing("the invoice list (page " + page + ") has no array at " + pointer
                    + "; check the connector's itemsPointer");
        }
        return array;
    }

    private static JsonNode parse(byte[] body, String what) throws ConnectorException {
        try {
            return Json.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (InvalidInputException e) {
            throw ConnectorException.passing(what + " is not JSON the gateway can read (nesting, sizes or syntax)");
        }
    }

    /** Null when the item lacks a usable id or download URL; the URL is resolved against the page's. */
    private static RemoteInvoice invoice(JsonNode item, RestSettings s, String pageUrl) {
        String id = scalar(item.at(s.idPointer()), MAX_ID);
        String download = scalar(item.at(s.downloadPointer()), MAX_URL);
        String date = s.datePointer() == null ? null : scalar(item.at(s.datePointer()), MAX_DATE);
        if (id == null || download == null || !PRINTABLE.matcher(id).matches()) {
            return null;
        }
        try {
            return new RemoteInvoice(id, date, URI.create(pageUrl).resolve(download).toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String scalar(JsonNode node, int max) {
        if (!node.isTextual() && !node.isIntegralNumber()) {
            return null;
        }
        String text = node.asText().trim();
        return text.isEmpty() || text.length() > max ? null : text;
    }

    static String withParameter(String url, String name, String value) {
        return url + (url.contains("?") ? "&" : "?") + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String secretName(RestAuth auth) {
        return switch (auth) {
            case BEARER -> "token";
            case API_KEY -> "API key";
            case BASIC -> "password";
            case OAUTH2 -> "client secret";
            case NONE -> "settings";
        };
    }
}
