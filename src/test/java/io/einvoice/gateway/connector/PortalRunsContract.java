package io.einvoice.gateway.connector;

import io.einvoice.gateway.connector.simulator.MockSupplierPortal;
import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.outbound.OutboundGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static io.einvoice.gateway.connector.ConnectorFixture.invoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PORTAL connectors against the mock supplier portal's web pages over real HTTP: form login with its CSRF token, the
 * cookie session, the listing read with jsoup and its pages followed, what is fetched once and only once, a 429, a
 * wrong password, an expired session, a corrupted file, and the outbound guard.
 */
abstract class PortalRunsContract extends ConnectorContract {

    static final String PASSWORD = "mot-de-passe-portail";

    private MockSupplierPortal portal;

    @BeforeEach
    void open() throws Exception {
        portal = MockSupplierPortal.start(0, PASSWORD, 2);
        // the portal listens on this machine: allowed by address, as an operator would allow it
        f.build(OutboundGuard.strict(InetAddress::getAllByName).allowing("127.0.0.1"),
                http -> List.of(new PortalSource(http)));
    }

    @AfterEach
    void close() throws Exception {
        portal.close();
    }

    private ConnectorRequest request(String password) {
        return new ConnectorRequest("Fournisseur Télécom", ConnectorKind.PORTAL, 60, password,
                new PortalSettings(portal.baseUrl() + MockSupplierPortal.PORTAL_LOGIN, MockSupplierPortal.PORTAL_USER,
                        null, null, portal.baseUrl() + MockSupplierPortal.PORTAL_LIST,
                        MockSupplierPortal.PORTAL_LINK_PATTERN));
    }

    private Connector create(String password) {
        return f.service.create(f.dossier, request(password));
    }

    private long downloads() {
        return portal.calls().stream().filter(c -> c.path().startsWith(MockSupplierPortal.PORTAL_FILES)).count();
    }

    @Test
    void logsInWithTheCsrfTokenFetchesEveryPageOnceThenOnlyTheNewInvoices() throws Exception {
        portal.publish("TEL-001", "2026-01-31", invoice("TEL-001"));
        portal.publish("TEL-002", "2026-02-28", invoice("TEL-002"));
        portal.publish("TEL-003", "2026-03-31", invoice("TEL-003"));
        Connector c = create(PASSWORD);

        ConnectorRuns.Report first = f.runs.runNow(c);

        assertThat(first.run().outcome()).isEqualTo(ConnectorOutcome.OK);
        assertThat(first.run().listed()).as("the help PDF does not match the pattern").isEqualTo(3);
        assertThat(first.documents()).hasSize(3);
        assertThat(portal.logins()).isEqualTo(1);
        assertThat(f.documents.findByTransport(f.dossier.id(), Channel.CONNECTOR, "connector:" + c.id() + ":TEL-003"))
                .get().satisfies(d -> assertThat(d.status()).isEqualTo(DocumentStatus.RECOGNIZED));

        long downloads = downloads();
        ConnectorRuns.Report second = f.runs.runNow(f.reload(c));
        assertThat(second.run().listed()).isEqualTo(3);
        assertThat(second.documents()).isEmpty();
        assertThat(downloads()).as("nothing downloaded again").isEqualTo(downloads);
        assertThat(portal.logins()).as("the session is kept between runs").isEqualTo(1);

        portal.publish("TEL-004", "2026-04-30", invoice("TEL-004"));
        ConnectorRuns.Report third = f.runs.runNow(f.reload(c));
        assertThat(third.documents()).hasSize(1);
        assertThat(downloads()).isEqualTo(downloads + 1);
        assertThat(f.connectorDocuments()).isEqualTo(4);
    }

    @Test
    void aDryRunListsTheLinksAndFetchesNothing() throws Exception {
        portal.publish("TEL-001", "2026-01-31", invoice("TEL-001"));
        Connector c = create(PASSWORD);

        ConnectorRuns.Report dry = f.runs.dryRun(c);

        assertThat(dry.wouldFetch()).singleElement().satisfies(r -> {
            assertThat(r.remoteId()).isEqualTo("TEL-001");
            assertThat(r.downloadUrl()).isEqualTo(portal.baseUrl() + "/portal/download/TEL-001.pdf");
        });
        assertThat(downloads()).isZero();
        assertThat(f.connectorDocuments()).isZero();
    }

    @Test
    void aTooManyRequestsPageIsAskedAgainAfterItsRetryAfter() throws Exception {
        portal.publish("TEL-001", "2026-01-31", invoice("TEL-001"));
        Connector c = create(PASSWORD);
        portal.throttle(1, 1);

        ConnectorRuns.Report report = f.runs.runNow(c);

        assertThat(f.waits).containsExactly(Duration.ofSeconds(1));
        assertThat(report.run().outcome()).isEqualTo(ConnectorOutcome.OK);
        assertThat(report.documents()).hasSize(1);
        List<MockSupplierPortal.Call> lists = portal.calls().stream()
                .filter(call -> call.path().equals(MockSupplierPortal.PORTAL_LIST)).toList();
        assertThat(Duration.ofNanos(lists.get(1).atNanos() - lists.get(0).atNanos()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aWrongPasswordShowsItsProblemAndStopsTheConnector() throws Exception {
        portal.publish("TEL-001", "2026-01-31", invoice("TEL-001"));
        Connector c = create("mauvais mot de passe");

        f.runs.scheduled(c.id());
        f.runs.scheduled(c.id());

        Connector after = f.reload(c);
        assertThat(after.lastOutcome()).isEqualTo(ConnectorOutcome.STOPPED);
        assertThat(after.paused()).isTrue();
        assertThat(after.lastProblem()).contains("refused the username or password").contains("enter the right password")
                .doesNotContain("incorrect");
        assertThat(portal.calls().stream().filter(call -> call.method().equals("POST")).count())
                .as("one login tried, no retry loop").isEqualTo(1);
        assertThat(f.connectors.runs(c.id(), 10)).hasSize(1);
        assertThat(f.connectorDocuments()).isZero();

        Connector fixed = f.service.update(after, request(PASSWORD));
        assertThat(fixed.paused()).isFalse();
        assertThat(f.runs.runNow(fixed).documents()).hasSize(1);
    }

    @Test
    void anExpiredSessionLogsInAgainOnceAndTheRunGoesOn() throws Exception {
        portal.publish("TEL-001", "2026-01-31", invoice("TEL-001"));
        portal.publish("TEL-002", "2026-02-28", invoice("TEL-002"));
        portal.publish("TEL-003", "2026-03-31", invoice("TEL-003"));
        // a session serves three pages: the login's landing page and the two listing pages, then expires
        portal.expireSessionsAfter(3);
        Connector c = create(PASSWORD);

        ConnectorRuns.Report report = f.runs.runNow(c);

        assertThat(report.run().outcome()).isEqualTo(ConnectorOutcome.OK);
        assertThat(report.documents()).hasSize(3);
        assertThat(portal.logins()).isGreaterThan(1);

        // and between runs: the kept session has expired overnight
        portal.expireSessionsAfter(Integer.MAX_VALUE);
        portal.expireSessions();
        portal.publish("TEL-004", "2026-04-30", invoice("TEL-004"));
        int before = portal.logins();
        assertThat(f.runs.runNow(f.reload(c)).documents()).hasSize(1);
        assertThat(portal.logins()).isEqualTo(before + 1);
    }

    @Test
    void aCorruptedFileIsStoredQuarantinedAndNotFetchedAgain() throws Exception {
        portal.publish("TEL-001", "2026-01-31", invoice("TEL-001"));
        portal.publish("TEL-BAD", "2026-02-28", Arrays.copyOf(invoice("TEL-BAD"), 700));
        Connector c = create(PASSWORD);

        ConnectorRuns.Report report = f.runs.runNow(c);

        assertThat(report.run().fetched()).isEqualTo(2);
        assertThat(report.run().quarantined()).isEqualTo(1);
        assertThat(f.documents.findByTransport(f.dossier.id(), Channel.CONNECTOR, "connector:" + c.id() + ":TEL-BAD"))
                .get().satisfies(d -> {
                    assertThat(d.status()).isEqualTo(DocumentStatus.QUARANTINED);
                    assertThat(d.statusReason()).isNotBlank();
                });
        assertThat(f.runs.runNow(f.reload(c)).documents()).isEmpty();
    }

    @Test
    void theGuardRefusesAPortalOnALoopbackAddressUnlessAllowed() {
        f.assertLoopbackRefused(http -> List.of(new PortalSource(http)), () -> create(PASSWORD), "portal.loginUrl");
        assertThat(portal.calls()).isEmpty();
    }

    @Test
    void badPortalSettingsAreRefusedFieldByField() {
        String login = portal.baseUrl() + MockSupplierPortal.PORTAL_LOGIN;
        String list = portal.baseUrl() + MockSupplierPortal.PORTAL_LIST;
        assertThatThrownBy(() -> f.service.create(f.dossier, new ConnectorRequest("X", ConnectorKind.PORTAL, 60,
                PASSWORD, (PortalSettings) null))).hasMessageStartingWith("portal is required for a PORTAL connector");
        assertThatThrownBy(() -> f.service.create(f.dossier, new ConnectorRequest("X", ConnectorKind.PORTAL, 60,
                PASSWORD, new PortalSettings(login, "u", null, null, list, "(unclosed"))))
                .hasMessageStartingWith("portal.linkPattern is not a valid regular expression");
        assertThatThrownBy(() -> f.service.create(f.dossier, new ConnectorRequest("X", ConnectorKind.PORTAL, 60,
                PASSWORD, new PortalSettings("ftp://x/", "u", null, null, list, "pdf"))))
                .hasMessage("the address for portal.loginUrl must be an http or https URL");
        assertThatThrownBy(() -> f.service.create(f.dossier, new ConnectorRequest("X", ConnectorKind.PORTAL, 60,
                PASSWORD, new PortalSettings(login, " ", null, null, list, "pdf"))))
                .hasMessage("portal.username is required");
        assertThatThrownBy(() -> f.service.create(f.dossier, new ConnectorRequest("X", ConnectorKind.PORTAL, 60,
                PASSWORD, new PortalSettings(login, "u", "login", "login", list, "pdf"))))
                .hasMessage("portal.usernameField and portal.passwordField must differ");
        assertThatThrownBy(() -> f.service.create(f.dossier, new ConnectorRequest("X", ConnectorKind.PORTAL, 60,
                null, new PortalSettings(login, "u", null, null, list, "pdf"))))
                .hasMessageStartingWith("secret is required");
        assertThat(f.connectors.ofDossier(f.dossier.id())).isEmpty();
    }
}
