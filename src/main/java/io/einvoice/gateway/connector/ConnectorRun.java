package io.einvoice.gateway.connector;

import java.time.OffsetDateTime;

/**
 * One run of a connector, as recorded: what started it, what it listed, fetched and quarantined, how it ended and why
 * (our own sentence). Invoices stored before are neither fetched nor counted as fetched.
 */
public record ConnectorRun(String id, String connectorId, Trigger trigger, OffsetDateTime startedAt,
                           OffsetDateTime finishedAt, ConnectorOutcome outcome, int listed, int fetched, int quarantined,
                           String problem) {

    public enum Trigger {
        SCHEDULE, NOW, DRY_RUN
    }
}
