package io.einvoice.gateway.connector;

import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.SecretCipher;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates, changes, pauses, resumes and deletes a dossier's connectors, checking what a caller sent (our own sentences,
 * {@link IllegalArgumentException}); every change re-makes the connectors' routes at once ({@code changed}).
 */
public class ConnectorService {

    static final int MIN_POLL_MINUTES = 5;
    static final int MAX_POLL_MINUTES = 7 * 24 * 60;
    static final int DEFAULT_POLL_MINUTES = 60;

    private final ConnectorRepository connectors;
    private final SecretCipher secrets;
    private final SourceSettingsCheck check;
    private final Runnable changed;
    private final Clock clock;

    /** @param http checks the hosts a connector names against the outbound guard */
    public ConnectorService(ConnectorRepository connectors, SecretCipher secrets, SupplierHttp http, Runnable changed,
                            Clock clock) {
        this.connectors = connectors;
        this.secrets = secrets;
        this.check = new SourceSettingsCheck(http);
        this.changed = changed;
        this.clock = clock;
    }

    public Connector create(Dossier dossier, ConnectorRequest request) {
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

    /** @param kept the connector whose pause and last outcome stay (null: a fresh start, not paused) */
    private Connector checked(String id, String dossierId, ConnectorRequest r, String sealedBefore, String cursor,
                              Connector kept) {
        String name = r.name() == null ? "" : r.name().strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name is required: what a person recognises (e.g. the supplier's name)");
        }
        if (name.length() > SourceSettingsCheck.MAX_TEXT) {
            throw new IllegalArgumentException("name must have at most " + SourceSettingsCheck.MAX_TEXT + " characters");
        }
        int poll = r.pollMinutes() == null ? DEFAULT_POLL_MINUTES : r.pollMinutes();
        if (poll < MIN_POLL_MINUTES || poll > MAX_POLL_MINUTES) {
            throw new IllegalArgumentException("pollMinutes must be between " + MIN_POLL_MINUTES + " and " + MAX_POLL_MINUTES);
        }
        SourceSettings settings = check.settings(r);
        boolean needsSecret = SourceSettingsCheck.needsSecret(settings);
        if (needsSecret && r.secret() == null && sealedBefore == null) {
            throw new IllegalArgumentException("secret is required: the token, API key, password or client secret the"
                    + " supplier gave");
        }
        String sealed = sealedBefore;
        if (r.secret() != null) {
            int max = SourceSettingsCheck.maxSecretBytes(settings);
            if (r.secret().isEmpty() || r.secret().getBytes(StandardCharsets.UTF_8).length > max) {
                throw new IllegalArgumentException("secret must have 1 to " + max + " bytes");
            }
            SourceSettingsCheck.secret(settings, r.secret());
            sealed = secrets.encrypt(r.secret(), id);
        }
        if (!needsSecret) {
            sealed = null;
        }
        return new Connector(id, dossierId, name, r.kind(), settings, sealed, poll,
                kept != null && kept.paused(), cursor, kept == null ? null : kept.lastRunAt(),
                kept == null ? null : kept.lastOutcome(), kept == null ? null : kept.lastProblem(),
                OffsetDateTime.now(clock));
    }
}
