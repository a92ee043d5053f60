package io.einvoice.gateway.connector;

import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.SecretCipher;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Creates, changes, pauses, resumes and deletes a dossier's connectors, checking what a caller sent (our own sentences,
 * {@link IllegalArgumentException}); every change re-makes the connectors' routes at once ({@code changed}).
 */
public class ConnectorService {

    static final int MIN_POLL_MINUTES = 5;
    static final int MAX_POLL_MINUTES = 7 * 24 * 60;
    static final int DEFAULT_POLL_MINUTES = 60;
    static final int MAX_SECRET_BYTES = 1000;
    private static final Pattern PARAMETER = Pattern.compile("[A-Za-z0-9_.\\-\\[\\]]{1,64}");
    /** An HTTP header name (RFC 9110 §5.1, token). */
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~\\-]{1,64}");
    private static final Pattern POINTER = Pattern.compile("(/[^/]{1,100}){0,10}");

    private final ConnectorRepository connectors;
    private final SecretCipher secrets;
    private final SupplierHttp http;
    private final Runnable changed;
    private final Clock clock;

    /** @param http checks the hosts a connector names against the outbound guard */
    public ConnectorService(ConnectorRepository connectors, SecretCipher secrets, SupplierHttp http, Runnable changed,
                            Clock clock) {
        this.connectors = connectors;
        this.secrets = secrets;
        this.http = http;
        this.changed = changed;
        this.clock = clock;
    }

    public Connector create(Dossier dossier, ConnectorRequest request) {
        if (request.secret() == null && authOf(request) != RestAuth.NONE) {
            throw new IllegalArgumentException("secret is required: the token, API key, password or client secret the"
                    + " supplier gave");
        }
        String id = UUID.randomUUID().toString();
        Connector c = checked(id, dossier.id(), request, null, null, null);
        connectors.save(c);
        changed.run();
        return c;
    }

    /** New settings; a connector stopped by its last run runs again with them. */
    public Connector update(Connector current, ConnectorRequest request) {
        Connector c = checked(current.id(), current.dossierId(), request, current.sealedSecret(), current.cursor(),
                current.lastOutcome() == ConnectorOutcome.STOPPED ? null : current);
        connectors.save(c);
        changed.run();
        return c;
    }

    public void pause(Connector c) {
        connectors.setPaused(c.id(), true, OffsetDateTime.now(clock));
        changed.run();
    }

    public void resume(Connector c) {
        connectors.setPaused(c.id(), false, OffsetDateTime.now(clock));
        changed.run();
    }

    public void delete(Connector c) {
        connectors.delete(c.id());
        changed.run();
    }

    public Optional<Connector> find(String id) {
        return connectors.find(id);
    }

    private static RestAuth authOf(ConnectorRequest r) {
        return r.rest() == null ? RestAuth.NONE : r.rest().authOrNone();
    }

    /** @param kept the connector whose pause and last outcome stay (null: a fresh start, not paused) */
    private Connector checked(String id, String dossierId, ConnectorRequest r, String sealedBefore, String cursor,
                              Connector kept) {
        String name = r.name() == null ? "" : r.name().strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name is required: what a person recognises (e.g. the supplier's name)");
        }
        if (r.kind() != ConnectorKind.REST_JSON) {
            throw new IllegalArgumentException("kind must be REST_JSON");
        }
        int poll = r.pollMinutes() == null ? DEFAULT_POLL_MINUTES : r.pollMinutes();
        if (poll < MIN_POLL_MINUTES || poll > MAX_POLL_MINUTES) {
            throw new IllegalArgumentException("pollMinutes must be between " + MIN_POLL_MINUTES + " and " + MAX_POLL_MINUTES);
        }
        RestSettings rest = rest(r.rest());
        String sealed = sealedBefore;
        if (r.secret() != null) {
            if (r.secret().isEmpty() || r.secret().getBytes(StandardCharsets.UTF_8).length > MAX_SECRET_BYTES) {
                throw new IllegalArgumentException("secret must have 1 to " + MAX_SECRET_BYTES + " bytes");
            }
            sealed = secrets.encrypt(r.secret(), id);
        }
        if (rest.authOrNone() == RestAuth.NONE) {
            sealed = null;
        }
        return new Connector(id, dossierId, name, ConnectorKind.REST_JSON, rest, sealed, poll,
                kept != null && kept.paused(), cursor, kept == null ? null : kept.lastRunAt(),
                kept == null ? null : kept.lastOutcome(), kept == null ? null : kept.lastProblem(),
                OffsetDateTime.now(clock));
    }

    private RestSettings rest(RestSettings s) {
        if (s == null) {
            throw new IllegalArgumentException("rest is required for a REST_JSON connector: listUrl, itemsPointer,"
                    + " idPointer, downloadPointer and auth");
        }
        url("rest.listUrl", s.listUrl());
        parameter("rest.pageParameter", s.pageParameter());
        parameter("rest.sinceParameter", s.sinceParameter());
        pointer("rest.itemsPointer", s.itemsPointer(), true);
        pointer("rest.idPointer", s.idPointer(), true);
        pointer("rest.datePointer", s.datePointer(), false);
        pointer("rest.downloadPointer", s.downloadPointer(), true);
        RestAuth auth = s.authOrNone();
        if (auth == RestAuth.API_KEY && (s.apiKeyHeader() == null || !HEADER.matcher(s.apiKeyHeader()).matches())) {
            throw new IllegalArgumentException("rest.apiKeyHeader must be an HTTP header name (e.g. X-Api-Key)");
        }
        if (auth == RestAuth.BASIC && (s.username() == null || s.username().isBlank() || s.username().contains(":"))) {
            throw new IllegalArgumentException("rest.username is required for BASIC and may not contain ':'");
        }
        if (auth == RestAuth.OAUTH2) {
            url("rest.tokenUrl", s.tokenUrl());
            if (s.clientId() == null || s.clientId().isBlank()) {
                throw new IllegalArgumentException("rest.clientId is required for OAUTH2");
            }
        }
        return new RestSettings(s.listUrl(), s.pageParameter(), s.sinceParameter(), s.itemsPointer(), s.idPointer(),
                s.datePointer(), s.downloadPointer(), auth, auth == RestAuth.API_KEY ? s.apiKeyHeader() : null,
                auth == RestAuth.BASIC ? s.username() : null, auth == RestAuth.OAUTH2 ? s.tokenUrl() : null,
                auth == RestAuth.OAUTH2 ? s.clientId() : null);
    }

    private void url(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        try {
            http.checked(value, field);
        } catch (ConnectorException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static void parameter(String field, String value) {
        if (value != null && !PARAMETER.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be a query parameter name (letters, digits, _ . - [ ])");
        }
    }

    private static void pointer(String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                throw new IllegalArgumentException(field + " is required: a JSON pointer such as /data/invoices");
            }
            return;
        }
        if (!POINTER.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be a JSON pointer (RFC 6901) such as /data/invoices,"
                    + " at most 10 levels");
        }
    }
}
