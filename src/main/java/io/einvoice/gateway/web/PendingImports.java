package io.einvoice.gateway.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Import files a person is checking on the preview page, between the upload and the confirmation, so the browser does
 * not send the file twice (a form field cannot carry it). In memory, bounded in number, size and age: a file left
 * here is forgotten after {@link #TTL} or when newer ones push it out; each is reachable only by the person who sent
 * it, for the dossier it was sent to, with the random token of its page.
 */
final class PendingImports {

    static final int MAX_FILES = 16;
    static final long MAX_BYTES = 5L * 1024 * 1024;
    static final Duration TTL = Duration.ofMinutes(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    record Pending(String userId, String dossierId, String role, byte[] content, Instant at) {
    }

    private final Clock clock;
    private final Map<String, Pending> files = new LinkedHashMap<>();

    PendingImports() {
        this(Clock.systemUTC());
    }

    PendingImports(Clock clock) {
        this.clock = clock;
    }

    synchronized String keep(String userId, String dossierId, String role, byte[] content) {
        if (content.length > MAX_BYTES) {
            throw new IllegalArgumentException("an import file larger than " + MAX_BYTES + " bytes is not kept");
        }
        forgetOld();
        while (files.size() >= MAX_FILES) {
            Iterator<String> oldest = files.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        files.put(token, new Pending(userId, dossierId, role, content, clock.instant()));
        return token;
    }

    synchronized Optional<Pending> find(String token, String userId, String dossierId) {
        forgetOld();
        if (token == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(files.get(token))
                .filter(p -> p.userId().equals(userId) && p.dossierId().equals(dossierId));
    }

    synchronized void drop(String token) {
        files.remove(token);
    }

    synchronized int size() {
        return files.size();
    }

    private void forgetOld() {
        Instant limit = clock.instant().minus(TTL);
        files.values().removeIf(p -> p.at().isBefore(limit));
    }
}
