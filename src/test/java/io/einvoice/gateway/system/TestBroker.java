package io.einvoice.gateway.system;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The test RabbitMQ broker ({@value #URL_VARIABLE}) for a gateway whose stages go through it: queues of their own,
 * removed afterwards.
 */
public final class TestBroker implements AutoCloseable {

    public static final String URL_VARIABLE = "GATEWAY_TEST_BROKER_URL";

    public final String url = System.getenv(URL_VARIABLE);
    public final String prefix = "test-" + UUID.randomUUID().toString().substring(0, 8);
    private final CachingConnectionFactory connections = new CachingConnectionFactory(URI.create(url));
    private final RabbitAdmin admin = new RabbitAdmin(connections);

    /** Nothing left in the validation stage's dead-letter queue: every dead letter was acknowledged. */
    void assertValidationDeadLettersEmpty() {
        await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
            Properties queue = admin.getQueueProperties(Cluster.deadQueue(prefix, "validation"));
            assertThat(queue).as("the dead-letter queue exists").isNotNull();
            assertThat(queue.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).isEqualTo(0);
        });
    }

    /** A gateway whose stages go through this broker's queues. */
    public TestGateway start(Path home, TestDatabase database) throws Exception {
        return TestGateway.startWithBroker(home, database, url, prefix);
    }

    @Override
    public void close() {
        for (String stage : Cluster.STAGES) {
            admin.deleteQueue(Cluster.queue(prefix, stage));
            admin.deleteQueue(Cluster.deadQueue(prefix, stage));
        }
        admin.deleteExchange(prefix);
        admin.deleteExchange(prefix + ".dead");
        connections.destroy();
    }
}
