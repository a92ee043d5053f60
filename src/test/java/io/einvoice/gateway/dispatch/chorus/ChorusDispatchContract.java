package io.einvoice.gateway.dispatch.chorus;

import io.einvoice.gateway.dispatch.DispatchOutcome;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.facturx.SampleInvoices.PublicBuyer;
import io.einvoice.gateway.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Chorus Pro client against the simulator over real HTTP, on H2 or PostgreSQL: the paths of issue 8 (happy path to
 * paid, rejection, bad credentials, unsubscribed route, structure rules, 500 then success, timeout, crash between
 * deposit and acknowledgement).
 */
abstract class ChorusDispatchContract {

    static final String COMMUNE = "98765432400019";

    ChorusTestBed bed;

    abstract TestDatabase database() throws Exception;

    @BeforeEach
    void start() throws Exception {
        bed = new ChorusTestBed(database());
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private static byte[] invoice(String number, PublicBuyer buyer) {
        return SampleInvoices.chorusFacturXPdf(number, buyer);
    }

    @Test
    void invoiceToTheDemoCommuneIsIntegratedThenFollowedToPaidByTheRecipientHook() throws Exception {
        DispatchOutcome outcome = bed.dispatcher.send(bed.dossierA, "doc-1", invoice("FA-2026-0200", PublicBuyer.plain(COMMUNE)));

        assertThat(outcome.delivered()).as(outcome.toString()).isTrue();
        assertThat(outcome.reference()).matches("CPP0011117\\d{15}");
        assertThat(outcome.status()).isEqualTo("MISE_A_DISPOSITION");
        ChorusAttempt attempt = bed.attempts.forDossier(bed.dossierA).get(0);
        assertThat(attempt.state()).isEqualTo(ChorusAttempt.State.INTEGRATED);
        assertThat(attempt.chorusInvoiceId()).isEqualTo(bed.chorus().invoiceId("FA-2026-0200").orElseThrow());

        for (String status : List.of("SERVICE_FAIT", "MANDATEE", "MISE_EN_PAIEMENT")) {
            assertThat(admin("factures/statut", "{\"numeroFacture\":\"FA-2026-0200\",\"statut\":\"" + status + "\"}"))
                    .isEqualTo(200);
            List<ChorusAttempt> followed = bed.dispatcher.followUpAll();
            assertThat(followed).singleElement().satisfies(a -> assertThat(a.chorusStatus()).isEqualTo(status));
        }
        ChorusAttempt paid = bed.attempts.find(attempt.id()).orElseThrow();
        assertThat(paid.state()).isEqualTo(ChorusAttempt.State.PAID);
        assertThat(bed.dispatcher.followUpAll()).isEmpty();
        assertThat(bed.chorus().depositCount()).isEqualTo(1);
    }

    @Test
    void rejectedFluxGivesChorusReasonsAndNoRetry() {
        // dossier B's technical account is not attached to the invoice's seller: only Chorus Pro can tell
        DispatchOutcome outcome = bed.dispatcher.send(bed.dossierB, "doc-2", invoice("FA-2026-0201", PublicBuyer.plain(COMMUNE)));

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryFeasible()).isFalse();
        assertThat(outcome.status()).isEqualTo("IN_REJETE");
        assertThat(outcome.reasons()).containsExactly("L'identifiant fournisseur de la demande de paiement"
                + " (balise : SellerTradeParty.GlobalID.value) n'est pas reference dans notre systeme.");
        assertThat(bed.attempts.forDossier(bed.dossierB)).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(ChorusAttempt.State.REJECTED));
        assertThat(bed.chorus().depositCount()).isEqualTo(1);
    }

    @Test
    void recipientRejectionIsFinalWithItsReason() throws Exception {
        bed.dispatcher.send(bed.dossierA, "doc-3", invoice("FA-2026-0202", PublicBuyer.plain(COMMUNE)));
        admin("factures/statut", "{\"numeroFacture\":\"FA-2026-0202\",\"statut\":\"REJETEE\",\"motif\":\"Commande inconnue\"}");

        ChorusAttempt rejected = bed.dispatcher.followUpAll().get(0);
        assertThat(rejected.state()).isEqualTo(ChorusAttempt.State.REJECTED);
        assertThat(ChorusDispatcher.outcome(rejected).reasons()).containsExactly("Commande inconnue");
        assertThat(ChorusDispatcher.outcome(rejected).retryFeasible()).isFalse();
    }

    @Test
    void wrongPisteSecretOrTechnicalPasswordDepositsNothing() {
        byte[] pdf = invoice("FA-2026-0203", PublicBuyer.plain(COMMUNE));
        DispatchOutcome badClient = bed.dispatcher.send(bed.dossierA, "doc-4", pdf,
                new ChorusCredentials("client-a", "wrong", "TECH_1_aaa@cpro.fr", "pass-a"));
        assertThat(badClient.delivered()).isFalse();
        assertThat(badClient.retryFeasible()).isTrue();
        assertThat(badClient.reasons()).singleElement().asString()
                .contains("PISTE refused the OAuth client client-a (HTTP 400, invalid_client)");

        DispatchOutcome badAccount = bed.dispatcher.send(bed.dossierA, "doc-4", pdf,
                new ChorusCredentials("client-a", "secret-a", "TECH_1_aaa@cpro.fr", "wrong"));
        assertThat(badAccount.delivered()).isFalse();
        assertThat(badAccount.reasons()).singleElement().asString()
                .contains("refused the PISTE token or the technical account (cpro-account)");
        assertThat(bed.chorus().depositCount()).isZero();
        assertThat(bed.attempts.forDossier(bed.dossierA)).isEmpty();
    }

    @Test
    void tokenIsReusedUntilItNearsExpiryThenRenewed() {
        bed.dispatcher.send(bed.dossierA, "doc-19", invoice("FA-2026-0217", PublicBuyer.plain(COMMUNE)));
        assertThat(bed.simulator.tokensIssued()).isEqualTo(1);

        // a lifetime inside the client's 240 s renewal margin: every call needs a fresh token
        bed.simulator.setTokenLifetime(Duration.ofSeconds(100));
        bed.simulator.revokeTokens();
        bed.dispatcher.followUpAll();
        int afterRenewal = bed.simulator.tokensIssued();
        bed.dispatcher.followUpAll();
        assertThat(bed.simulator.tokensIssued()).isGreaterThan(afterRenewal);
    }

    @Test
    void revokedTokenIsRenewedOnceOn401() {
        bed.dispatcher.send(bed.dossierA, "doc-5", invoice("FA-2026-0204", PublicBuyer.plain(COMMUNE)));
        bed.simulator.revokeTokens();

        assertThat(bed.dispatcher.followUpAll()).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(ChorusAttempt.State.INTEGRATED));
        DispatchOutcome second = bed.dispatcher.send(bed.dossierA, "doc-6", invoice("FA-2026-0205", PublicBuyer.plain(COMMUNE)));
        assertThat(second.delivered()).as(second.toString()).isTrue();
    }

    @Test
    void unsubscribedRouteIsReportedAsSuch() {
        bed.simulator.addClient("client-a", "secret-a", Set.of("structures", "transverses"));

        DispatchOutcome outcome = bed.dispatcher.send(bed.dossierA, "doc-7", invoice("FA-2026-0206", PublicBuyer.plain(COMMUNE)));

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryFeasible()).isTrue();
        assertThat(outcome.reasons()).singleElement().asString()
                .startsWith("route /cpro/factures/v1/deposer/flux is not subscribed by the PISTE application");
        assertThat(bed.chorus().depositCount()).isZero();
        assertThat(bed.attempts.forDossier(bed.dossierA)).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(ChorusAttempt.State.FAILED));
    }

    @Test
    void structureRequiringAServiceCodeIsCheckedBeforeSending() {
        DispatchOutcome missing = bed.dispatcher.send(bed.dossierA, "doc-8", invoice("FA-2026-0207",
                PublicBuyer.plain("12345678200028")));
        assertThat(missing.delivered()).isFalse();
        assertThat(missing.retryFeasible()).isFalse();
        assertThat(missing.reasons()).containsExactly("DESTINATAIRE SERVICE OBLIGATOIRE requires a service code (BT-10 buyer reference)");
        assertThat(bed.chorus().depositCount()).isZero();

        DispatchOutcome bothNeeded = bed.dispatcher.send(bed.dossierA, "doc-9", invoice("FA-2026-0208",
                new PublicBuyer("12345678200044", "A1", "SERVICE_DEST_SERV_EJ", null, true)));
        assertThat(bothNeeded.reasons()).containsExactly(
                "DESTINATAIRE SERVICE ET EJ OBLIGATOIRES requires a commitment number (engagement juridique, BT-13 order reference)");

        DispatchOutcome complete = bed.dispatcher.send(bed.dossierA, "doc-10", invoice("FA-2026-0209",
                new PublicBuyer("12345678200028", "A1", "SERVICE_DEST_SERV_OBL", null, true)));
        assertThat(complete.delivered()).as(complete.toString()).isTrue();
    }

    @Test
    void serverErrorsAreRetriedThenTheDepositIsMadeOnce() {
        bed.simulator.failNext("factures/v1/deposer/flux", 500, 2);

        DispatchOutcome outcome = bed.dispatcher.send(bed.dossierA, "doc-11", invoice("FA-2026-0210", PublicBuyer.plain(COMMUNE)));

        assertThat(outcome.delivered()).as(outcome.toString()).isTrue();
        assertThat(bed.chorus().depositCount("FA-2026-0210")).isEqualTo(1);
    }

    @Test
    void serverErrorsBeyondTheRetriesFailWithRetryFeasible() {
        bed.simulator.failNext("factures/v1/deposer/flux", 503, 10);

        DispatchOutcome outcome = bed.dispatcher.send(bed.dossierA, "doc-12", invoice("FA-2026-0211", PublicBuyer.plain(COMMUNE)));

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryFeasible()).isTrue();
        assertThat(outcome.reasons()).singleElement().asString().contains("HTTP 503").contains("gave up after 4 calls");
        assertThat(bed.chorus().depositCount()).isZero();
    }

    @Test
    void aReadThatTimesOutIsRetried() {
        bed.simulator.delayAnswer("transverses/v1/consulterCRDetaille", ChorusTestBed.REQUEST_TIMEOUT.plusSeconds(1));

        DispatchOutcome outcome = bed.dispatcher.send(bed.dossierA, "doc-13", invoice("FA-2026-0212", PublicBuyer.plain(COMMUNE)));

        assertThat(outcome.delivered()).as(outcome.toString()).isTrue();
        assertThat(outcome.status()).isEqualTo("MISE_A_DISPOSITION");
    }

    @Test
    void unreachableChorusFailsWithRetryFeasibleAndDepositsNothing() throws Exception {
        byte[] pdf = invoice("FA-2026-0213", PublicBuyer.plain(COMMUNE));
        bed.simulator.close();

        DispatchOutcome outcome = bed.dispatcher.send(bed.dossierA, "doc-14", pdf);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryFeasible()).isTrue();
        assertThat(outcome.reasons()).singleElement().asString().contains("Chorus Pro unreachable");
    }

    @Test
    void crashBetweenDepositAndAcknowledgementIsReconciledWithoutASecondDeposit() {
        byte[] pdf = invoice("FA-2026-0214", PublicBuyer.plain(COMMUNE));
        // Chorus takes the deposit but its answer never arrives: the gateway cannot know whether it went through
        bed.simulator.delayAnswer("factures/v1/deposer/flux", ChorusTestBed.REQUEST_TIMEOUT.plusSeconds(1));
        DispatchOutcome lost = bed.dispatcher.send(bed.dossierA, "doc-15", pdf);
        assertThat(lost.delivered()).isFalse();
        assertThat(lost.retryFeasible()).isTrue();
        assertThat(bed.attempts.forDossier(bed.dossierA)).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(ChorusAttempt.State.PENDING));

        // sending again before Chorus integrated it: still unknown, so nothing is deposited
        assertThat(bed.dispatcher.send(bed.dossierA, "doc-15", pdf).delivered()).isFalse();
        assertThat(bed.chorus().depositCount("FA-2026-0214")).isEqualTo(1);

        bed.chorus().processPendingFlux();
        ChorusDispatcher restarted = bed.restart();
        assertThat(restarted.reconcileAtStart()).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(ChorusAttempt.State.INTEGRATED);
            assertThat(a.fluxNumber()).startsWith("CPP001");
            assertThat(a.chorusStatus()).isEqualTo("MISE_A_DISPOSITION");
        });
        DispatchOutcome again = restarted.send(bed.dossierA, "doc-15", pdf);
        assertThat(again.delivered()).isTrue();
        assertThat(bed.chorus().depositCount("FA-2026-0214")).isEqualTo(1);
    }

    @Test
    void anAttemptRecordedButNeverDepositedIsReleasedAfterTheGracePeriod() {
        byte[] pdf = invoice("FA-2026-0215", PublicBuyer.plain(COMMUNE));
        // the gateway stopped between recording the attempt and making the call
        bed.attempts.recordPending(bed.dossierA, "doc-16", "FA-2026-0215", "0".repeat(64));
        bed.settings = bed.settings.withUncertainGrace(Duration.ZERO);
        ChorusDispatcher restarted = bed.restart();

        assertThat(restarted.reconcileAtStart()).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(ChorusAttempt.State.FAILED));
        DispatchOutcome outcome = restarted.send(bed.dossierA, "doc-16", pdf);
        assertThat(outcome.delivered()).as(outcome.toString()).isTrue();
        assertThat(bed.chorus().depositCount("FA-2026-0215")).isEqualTo(1);
    }

    @Test
    void aFollowerWithAnOlderViewCannotPutBackAStateTheAttemptHasLeft() {
        // the send and the follow-up timer both read the flux report: the send saw the rejection first
        ChorusAttempt pending = bed.attempts.recordPending(bed.dossierA, "doc-17", "FA-2026-0216", "0".repeat(64));
        ChorusAttempt deposited = bed.attempts.update(pending.with(ChorusAttempt.State.DEPOSITED, "CPP00111170000000000000042",
                "IN_DEPOT_PORTAIL_EN_ATTENTE_TRAITEMENT_SE_CPP", null, null, List.of()));
        ChorusAttempt rejected = bed.attempts.update(deposited.with(ChorusAttempt.State.REJECTED, deposited.fluxNumber(),
                "IN_REJETE", null, null, List.of("rejected")));

        // the timer, still on the DEPOSITED view, stores what its older report said
        ChorusAttempt timer = bed.attempts.update(deposited.with(ChorusAttempt.State.DEPOSITED, deposited.fluxNumber(),
                "IN_EN_COURS_TRAITEMENT_CPP", null, null, List.of()));

        assertThat(timer.state()).isEqualTo(ChorusAttempt.State.REJECTED);
        assertThat(timer.version()).isEqualTo(rejected.version()).isEqualTo(2);
        assertThat(bed.attempts.find(pending.id()).orElseThrow()).satisfies(a -> {
            assertThat(a.state()).isEqualTo(ChorusAttempt.State.REJECTED);
            assertThat(a.fluxState()).isEqualTo("IN_REJETE");
            assertThat(a.reasons()).containsExactly("rejected");
        });
    }

    @Test
    void aDossierSeesOnlyItsOwnInvoicesOnChorus() throws Exception {
        bed.dispatcher.send(bed.dossierA, "doc-17", invoice("FA-2026-0216", PublicBuyer.plain(COMMUNE)));
        // B's account asks Chorus for A's invoice number: not listed, so B's pending attempt stays unresolved
        ChorusAttempt pendingOfB = bed.attempts.recordPending(bed.dossierB, "doc-18", "FA-2026-0216", "1".repeat(64));
        assertThat(bed.dispatcher.followUp(pendingOfB).state()).isEqualTo(ChorusAttempt.State.PENDING);
    }

    private int admin(String action, String json) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(bed.simulator.baseUrl() + "/simulator/" + action))
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }
}
