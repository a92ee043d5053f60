package io.einvoice.gateway.connector;

import io.einvoice.gateway.outbound.HostRefusedException;
import io.einvoice.gateway.outbound.OutboundGuard;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Producer;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.component.http.NoopCookieStore;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The connectors' HTTP calls, through Camel's http component (camel-http), with a connection pool of their own whose
 * every connection goes through the {@link OutboundGuard}: a host resolving to a loopback, private or link-local
 * address is refused at each call, redirects included. Redirects are followed here, at most {@link #MAX_REDIRECTS},
 * only to http(s) URLs; credentials are not sent on to another host. No cookies are kept between calls (a session of
 * one dossier's connector never reaches another's). Answers larger than the caller's limit are refused before they
 * are read. A 429 or 503 with Retry-After is waited for and asked again, up to {@link #MAX_WAIT} in all.
 */
public class SupplierHttp {

    static final int MAX_REDIRECTS = 5;
    static final Duration MAX_WAIT = Duration.ofMinutes(2);
    static final String CONNECTIONS = "Connections";
    static final String NO_COOKIES = "NoCookies";
    /** The client's own retries would wait any Retry-After, an hour included: the waiting is decided here. */
    static final String NO_RETRIES = "NoRetries";
    /** The host is a placeholder: each call names its URL in {@link Exchange#HTTP_URI}. */
    private static String endpoint(String prefix) {
        return "https://" + prefix + ".invalid?throwExceptionOnFailure=false"
                + "&followRedirects=false&disableStreamCache=true&clientConnectionManager=#" + prefix + CONNECTIONS
                + "&cookieStore=#" + prefix + NO_COOKIES + "&httpClientConfigurer=#" + prefix + NO_RETRIES;
    }

    /** Waits between a 429 and the next attempt; a test records what it was asked. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** An answer: its status, the headers a connector reads, the body, read within the limit, and the URL it came from. */
    public record Answer(int status, String contentType, String location, String retryAfter, byte[] body, String url) {
    }

    private final OutboundGuard guard;
    private final Supplier<CamelContext> camel;
    private final Sleeper sleeper;
    private final Duration timeout;
    /** Names this client's pool in the registry: another client (the PA's) has its own pool and timeout. */
    private final String prefix;
    private volatile Producer producer;

    public SupplierHttp(OutboundGuard guard, Supplier<CamelContext> camel, Sleeper sleeper, Duration timeout) {
        this(guard, camel, sleeper, timeout, "");
    }

    public SupplierHttp(OutboundGuard guard, Supplier<CamelContext> camel, Sleeper sleeper, Duration timeout, String prefix) {
        this.guard = guard;
        this.camel = camel;
        this.sleeper = sleeper;
        this.timeout = timeout;
        this.prefix = prefix.isEmpty() ? "connector" : prefix;
    }

    public Answer get(String url, Map<String, String> credentials, int maxBytes, String what) throws ConnectorException {
        return call("GET", url, credentials, null, null, null, maxBytes, what);
    }

    /** A GET within a portal session: its cookies sent to the host that set them, and those received kept. */
    public Answer get(String url, CookieSession session, int maxBytes, String what) throws ConnectorException {
        return call("GET", url, Map.of(), session, null, null, maxBytes, what);
    }

    /** A form posted within a portal session (a login form). */
    public Answer postForm(String url, CookieSession session, String form, int maxBytes, String what)
            throws ConnectorException {
        return call("POST", url, Map.of(), session, form, "application/x-www-form-urlencoded", maxBytes, what);
    }

    public Answer postForm(String url, Map<String, String> credentials, String form, int maxBytes, String what)
            throws ConnectorException {
        return call("POST", url, credentials, null, form, "application/x-www-form-urlencoded", maxBytes, what);
    }

    /** A POST of any body (JSON, multipart) with these headers, sent only to the URL's own host. */
    public Answer post(String url, Map<String, String> headers, byte[] body, String contentType, int maxBytes, String what)
            throws ConnectorException {
        return call("POST", url, headers, null, body, contentType, maxBytes, what);
    }

    /** A DELETE with these headers (a PA webhook unsubscribed), sent only to the URL's own host. */
    public Answer delete(String url, Map<String, String> headers, int maxBytes, String what) throws ConnectorException {
        return call("DELETE", url, headers, null, null, null, maxBytes, what);
    }

    private Answer call(String method, String url, Map<String, String> credentials, CookieSession session, Object body,
                        String contentType, int maxBytes, String what) throws ConnectorException {
        URI target = checked(url, what);
        String originalHost = target.getHost();
        Duration waited = Duration.ZERO;
        int redirects = 0;
        while (true) {
            Map<String, String> headers = originalHost.equalsIgnoreCase(target.getHost()) ? credentials : Map.of();
            Answer answer = once(method, target, headers, session, body, contentType, maxBytes, what);
            int status = answer.status();
            if ((status == 429 || status == 503) && answer.retryAfter() != null) {
                Duration wait = retryAfter(answer.retryAfter());
                if (wait == null || waited.plus(wait).compareTo(MAX_WAIT) > 0) {
                    throw ConnectorException.passing("the supplier's server asked to wait before " + what + " (HTTP "
                            + status + ") longer than the gateway waits in one run; the next run tries again");
                }
                waited = waited.plus(wait);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw ConnectorException.passing("the gateway stopped while waiting to retry " + what);
                }
                continue;
            }
            if (status >= 300 && status < 400 && answer.location() != null && status != 304) {
                if (++redirects > MAX_REDIRECTS) {
                    throw ConnectorException.passing("the supplier's server redirected " + what + " more than "
                            + MAX_REDIRECTS + " times; check the connector's URL");
                }
                target = checked(target.resolve(answer.location().trim()).toString(), what + " (redirected)");
                // as browsers do: a form posted and redirected is followed by a GET (RFC 9110 §15.4.3, §15.4.4)
                if (status == 303 || "POST".equals(method) && (status == 301 || status == 302)) {
                    method = "GET";
                    body = null;
                }
                continue;
            }
            return answer;
        }
    }

    /** Why the guard refuses this host now, or null when it allows it (for hosts named without a URL). */
    String hostRefusal(String host) {
        return guard.refusal(host);
    }

    /** An absolute http(s) URL whose host the guard allows now (it checks again when connecting). */
    URI checked(String url, String what) throws ConnectorException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw ConnectorException.passing("the address for " + what + " is not a valid URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw ConnectorException.passing("the address for " + what + " must be an http or https URL");
        }
        String refusal = guard.refusal(uri.getHost());
        if (refusal != null) {
            throw ConnectorException.stopping(refusal + " (" + what + ")");
        }
        return uri;
    }

    private Answer once(String method, URI target, Map<String, String> headers, CookieSession session, Object body,
                        String contentType, int maxBytes, String what) throws ConnectorException {
        Producer http = producer();
        Exchange exchange = http.getEndpoint().createExchange();
        Message request = exchange.getMessage();
        request.setHeader(Exchange.HTTP_URI, target.toString());
        request.setHeader(Exchange.HTTP_METHOD, method);
        request.setHeader("Accept", "application/json, application/pdf, application/xml, */*");
        headers.forEach(request::setHeader);
        String cookies = session == null ? null : session.header(target.getHost());
        if (cookies != null) {
            request.setHeader("Cookie", cookies);
        }
        if (body != null) {
            request.setHeader(Exchange.CONTENT_TYPE, contentType);
            request.setBody(body);
        }
        try {
            // called directly, outside a unit of work: the answer's stream stays open until it is read here, within
            // the limit (a unit of work would close it before, or cache all of it in memory)
            http.process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        Exception failure = exchange.getException();
        if (failure != null) {
            throw unanswered(failure, target, what);
        }
        Message m = exchange.getMessage();
        int status = m.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (session != null) {
            Object setCookies = m.getHeader("Set-Cookie");
            if (setCookies instanceof Iterable<?> several) {
                several.forEach(v -> session.received(target.getHost(), String.valueOf(v)));
            } else if (setCookies != null) {
                session.received(target.getHost(), setCookies.toString());
            }
        }
        Long announced = m.getHeader(Exchange.CONTENT_LENGTH, Long.class);
        try (InputStream in = m.getBody(InputStream.class)) {
            if (announced != null && announced > maxBytes) {
                throw tooLarge(what, maxBytes);
            }
            byte[] bytes = in == null ? new byte[0] : in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw tooLarge(what, maxBytes);
            }
            return new Answer(status, m.getHeader(Exchange.CONTENT_TYPE, String.class), m.getHeader("Location", String.class),
                    m.getHeader("Retry-After", String.class), bytes, target.toString());
        } catch (IOException e) {
            throw unanswered(e, target, what);
        }
    }

    private static ConnectorException tooLarge(String what, int maxBytes) {
        return ConnectorException.passing(String.format(Locale.ROOT,
                "the answer to %s is larger than %,d bytes and was not read", what, maxBytes));
    }

    private static ConnectorException unanswered(Exception failure, URI target, String what) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HostRefusedException refused) {
                return ConnectorException.stopping(refused.getMessage() + " (" + what + ")", failure);
            }
        }
        return ConnectorException.passing("no answer from " + target.getHost() + " to " + what
                + " (" + failure.getClass().getSimpleName() + "); the next run tries again", failure);
    }

    /** Seconds, or an HTTP date (RFC 9110 §10.2.3); null when it is neither. */
    static Duration retryAfter(String value) {
        String v = value.trim();
        if (v.matches("\\d{1,6}")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        if (v.length() > 40) {
            return null;
        }
        try {
            Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private Producer producer() {
        Producer current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    CamelContext context = camel.get();
                    context.getRegistry().bind(prefix + CONNECTIONS, connections());
                    context.getRegistry().bind(prefix + NO_COOKIES, new NoopCookieStore());
                    context.getRegistry().bind(prefix + NO_RETRIES, (HttpClientConfigurer) HttpClientBuilder::disableAutomaticRetries);
                    try {
                        Producer created = context.getEndpoint(endpoint(prefix)).createProducer();
                        created.start();
                        producer = created;
                    } catch (Exception e) {
                        throw new IllegalStateException("camel-http could not make the connectors' HTTP client", e);
                    }
                }
                current = producer;
            }
        }
        return current;
    }

    /** The pool the connectors' calls use: every host name resolved by the guard, which refuses what it must. */
    PoolingHttpClientConnectionManager connections() {
        DnsResolver guarded = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                try {
                    return new InetAddress[] {guard.connectAddress(host)};
                } catch (HostRefusedException e) {
                    UnknownHostException refused = new UnknownHostException(e.getMessage());
                    refused.initCause(e);
                    throw refused;
                }
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        Timeout t = Timeout.of(timeout);
        return PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(guarded)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t).build())
                .setMaxConnTotal(20).setMaxConnPerRoute(4).build();
    }
}
