package io.einvoice.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

import java.util.Map;

/**
 * What the HTTP server does around every endpoint, before and after Camel: security headers on every answer, the
 * error JSON of the contract for what never reaches a route (unknown path 404, wrong method 405, body too large
 * 413), and bodies sent without a content type read as what the endpoint takes.
 */
public final class HttpGuards {

    /** Answers are data, never pages to render or frame; pages to come load only their own scripts and styles. */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "Cache-Control", "no-store",
            "Content-Security-Policy", "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
                    + " frame-ancestors 'none'",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer");

    private static final String FORM = "application/x-www-form-urlencoded";

    private HttpGuards() {
    }

    /** On the running HTTP server of {@code camel} listening on {@code port}; once per start. */
    public static void install(CamelContext camel, int port) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(camel, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            throw new IllegalStateException("the HTTP server on port " + port + " is not running");
        }
        // the server's own 404 and 413 are HTML or plain text, and its error handlers are out of reach (they belong to
        // the root router, Camel's routes to one mounted under it): the first route sees every failure, the last one
        // every request no endpoint took
        router.route().order(Integer.MIN_VALUE).handler(HttpGuards::before).failureHandler(HttpGuards::failed);
        router.route().last().handler(ctx -> error(ctx, 404, "not_found",
                "no endpoint answers this method on this path; the endpoints are listed at GET /api/openapi.json"));
    }

    private static void failed(RoutingContext ctx) {
        if (ctx.statusCode() == 413) {
            error(ctx, 413, "too_large", "the request body is larger than the gateway accepts (GATEWAY_MAX_FILE_BYTES,"
                    + " default 20 MB, plus 1 MB for the form around a file)");
        } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            error(ctx, ctx.statusCode(), "invalid_request", "the request could not be read as HTTP asks");
        } else {
            error(ctx, 500, "internal_error",
                    "the gateway could not complete this request; it is logged, try again or contact the operator");
        }
    }

    private static void before(RoutingContext ctx) {
        ctx.addHeadersEndHandler(ignored -> SECURITY_HEADERS.forEach(ctx.response().headers()::set));
        // curl -d and --data-binary send this type when none is given, and the server would decode the body as a form
        // (a JSON object becomes one field name, a CSV file is mangled). No endpoint takes forms: the body stays as
        // sent, for the endpoint to read as JSON or to sniff as CSV/XLSX. Done before anything parses the headers.
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(FORM)) {
            ctx.request().headers().set(HttpHeaders.CONTENT_TYPE, "application/octet-stream");
        }
        ctx.next();
    }

    private static void error(RoutingContext ctx, int status, String code, String message) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        String body;
        try {
            body = Json.MAPPER.writeValueAsString(Map.of("error", code, "message", message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }
}
