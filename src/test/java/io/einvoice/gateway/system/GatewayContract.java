package io.einvoice.gateway.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.einvoice.gateway.ingest.mail.MailServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The setup every contract test shares: one real gateway for the whole class, in a temporary GATEWAY_HOME, on the
 * database its H2 or PostgreSQL subclass gives. A contract's own {@code @BeforeAll} runs after the gateway started,
 * its own {@code @AfterAll} before the gateway stops.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GatewayContract {

    @TempDir
    protected static Path home;

    protected TestGateway gw;

    /** The gateway's own mail relay when the contract is {@link MailsThroughRelay}: what the gateway mailed. */
    protected MailServer relay;

    /** Shared by the contracts' readings of the API's answers. */
    protected static final ObjectMapper JSON = new ObjectMapper();

    private final List<AutoCloseable> afterGateway = new ArrayList<>();

    /** The database of this run: {@link TestDatabase#h2} or {@link TestDatabase#postgres}. */
    protected abstract TestDatabase database(Path home) throws Exception;

    /** How the gateway starts; a contract needing other settings (Chorus Pro, an empty database) starts it its own way. */
    protected TestGateway startGateway(Path home, TestDatabase database) throws Exception {
        return TestGateway.start(home, database, relayOutbound());
    }

    /** The gateway's outbound SMTP: the {@link #relay}, or none when the contract is not {@link MailsThroughRelay}. */
    protected OutboundSmtp relayOutbound() {
        MailsThroughRelay mails = getClass().getAnnotation(MailsThroughRelay.class);
        return mails == null ? null : relay.outbound(mails.value());
    }

    /** A server the gateway talks to (a mail relay...), closed once the gateway has stopped. */
    protected <T extends AutoCloseable> T closedAfterGateway(T resource) {
        afterGateway.add(resource);
        return resource;
    }

    @BeforeAll
    final void startSharedGateway() throws Exception {
        if (getClass().isAnnotationPresent(MailsThroughRelay.class)) {
            relay = closedAfterGateway(new MailServer());
        }
        gw = startGateway(home, database(home));
        if (getClass().isAnnotationPresent(RecordsItsOwnVerdicts.class)) {
            gw.gateway.camel().getRouteController().stopRoute("validation-document");
        }
    }

    @AfterAll
    final void stopSharedGateway() throws Exception {
        if (gw != null) {
            gw.close();
        }
        for (AutoCloseable resource : afterGateway) {
            resource.close();
        }
    }
}
