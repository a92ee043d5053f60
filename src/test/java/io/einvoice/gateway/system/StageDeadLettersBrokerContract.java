package io.einvoice.gateway.system;

import java.nio.file.Path;

/**
 * Stages through RabbitMQ: the error policy publishes what it gave up on to the stage's dead-letter queue, and the
 * quarantine route reads it from there; each dead letter is acknowledged once its document's quarantine is committed.
 */
abstract class StageDeadLettersBrokerContract extends StageDeadLettersContract {

    private final TestBroker broker = closedAfterGateway(new TestBroker());

    @Override
    protected TestGateway startGateway(Path home, TestDatabase database) throws Exception {
        return broker.start(home, database);
    }

    @Override
    protected void assertDeadLettersAcknowledged() {
        broker.assertValidationDeadLettersEmpty();
    }
}
