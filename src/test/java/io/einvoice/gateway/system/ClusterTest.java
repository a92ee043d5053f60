package io.einvoice.gateway.system;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterTest {

    private static final Path HOME = Path.of("/srv/gateway");

    @Test
    void withoutABrokerTheStagesStayInProcessAndThePollersLockUnderHome() {
        Cluster cluster = Cluster.fromEnvironment(Map.of(), HOME);

        assertThat(cluster.brokered()).isFalse();
        assertThat(cluster.describe()).isEqualTo("stages in-process (SEDA), pollers elected by lock files in /srv/gateway/cluster");
    }

    @Test
    void anAmqpUrlSendsTheStagesThroughTheBrokerAndNamesOnlyItsHost() {
        Cluster cluster = Cluster.fromEnvironment(Map.of(Cluster.BROKER_ENV, "amqp://gw:s3cret@broker.internal/prod",
                Cluster.DIR_ENV, "/shared/locks"), HOME);

        assertThat(cluster.brokered()).isTrue();
        assertThat(cluster.describe()).isEqualTo("stages through RabbitMQ broker.internal:5672, pollers elected by lock files in /shared/locks");
    }

    @Test
    void aBrokerUrlOfAnotherSchemeIsRefusedWithoutRepeatingItsPassword() {
        assertThatThrownBy(() -> Cluster.fromEnvironment(Map.of(Cluster.BROKER_ENV, "http://gw:s3cret@broker.internal"), HOME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GATEWAY_BROKER_URL must be amqp://")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> Cluster.fromEnvironment(Map.of(Cluster.BROKER_ENV, "amqp://gw:s3cret@bad host"), HOME))
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aPrefixThatCannotNameAQueueIsRefused() {
        assertThatThrownBy(() -> Cluster.fromEnvironment(Map.of(Cluster.PREFIX_ENV, "a b"), HOME))
                .hasMessageContaining("GATEWAY_BROKER_PREFIX must be 1 to 100 letters");
        assertThat(Cluster.queue("prod", "validation")).isEqualTo("prod.validation");
    }
}
