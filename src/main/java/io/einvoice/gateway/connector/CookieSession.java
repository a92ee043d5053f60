package io.einvoice.gateway.connector;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The cookies of one connector's portal session, kept by this gateway rather than by the HTTP client (whose store is
 * shared by every connector): a cookie is sent back only to the host that set it, never to another connector. Domain
 * and Path attributes are not widened beyond that host; a cookie set with {@code Max-Age=0} is forgotten. Bounded: at
 * most {@link #MAX_COOKIES} cookies per host, each value at most {@link #MAX_VALUE} characters.
 */
public final class CookieSession {

    static final int MAX_COOKIES = 50;
    static final int MAX_VALUE = 4096;
    private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z\\-]{1,128}");

    /** host -> cookie name -> value */
    private final Map<String, Map<String, String>> byHost = new LinkedHashMap<>();

    /** The Cookie header for a request to {@code host}, or null when it has none. */
    public synchronized String header(String host) {
        Map<String, String> cookies = byHost.get(host.toLowerCase(Locale.ROOT));
        if (cookies == null || cookies.isEmpty()) {
            return null;
        }
        return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
    }

    /** Takes one Set-Cookie header (RFC 6265 §4.1) received from {@code host}; what it cannot read is ignored. */
    public synchronized void received(String host, String setCookie) {
        if (setCookie == null) {
            return;
        }
        String[] parts = setCookie.split(";");
        int eq = parts[0].indexOf('=');
        if (eq <= 0) {
            return;
        }
        String name = parts[0].substring(0, eq).trim();
        String value = parts[0].substring(eq + 1).trim();
        if (!NAME.matcher(name).matches() || value.length() > MAX_VALUE) {
            return;
        }
        boolean expired = false;
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim().toLowerCase(Locale.ROOT);
            if (attribute.matches("max-age\\s*=\\s*(0|-\\d+)")) {
                expired = true;
            }
        }
        Map<String, String> cookies = byHost.computeIfAbsent(host.toLowerCase(Locale.ROOT), h -> new LinkedHashMap<>());
        if (expired) {
            cookies.remove(name);
        } else if (cookies.containsKey(name) || cookies.size() < MAX_COOKIES) {
            cookies.put(name, value);
        }
    }

    /** Forgets every cookie (a new login starts afresh). */
    public synchronized void clear() {
        byHost.clear();
    }

    public synchronized boolean isEmpty() {
        return byHost.values().stream().allMatch(Map::isEmpty);
    }
}
