package io.einvoice.gateway.dispatch.pa;

import io.einvoice.gateway.archive.Sha256;
import io.einvoice.gateway.directory.Directory;
import io.einvoice.gateway.directory.DirectoryLine;
import io.einvoice.gateway.directory.DirectoryLines;
import io.einvoice.gateway.directory.DirectoryUnavailableException;
import io.einvoice.gateway.dispatch.DispatchOutcome;
import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.PaymentStatus;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.lifecycle.CdarMessage;
import io.einvoice.gateway.lifecycle.CdarReader;
import io.einvoice.gateway.lifecycle.LifecycleCode;
import io.einvoice.gateway.lifecycle.LifecycleStatus;
import io.einvoice.gateway.lifecycle.ReasonCode;
import io.einvoice.gateway.validation.InvoiceValidator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.einvoice.gateway.dispatch.pa.PaTestBed.BUYER;
import static io.einvoice.gateway.dispatch.pa.PaTestBed.SELLER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The PA connector against the PA simulator over real HTTP, on H2 or PostgreSQL (issue 17 §2): a sales invoice posted,
 * acknowledged and paid (212), a purchase arriving once and its statuses posted back as CDAR, a duplicate refused with
 * DOUBLON, 5xx then success, timeouts, bad credentials, and a flow posted once whatever is lost on the way.
 */
abstract class PaConnectorContract extends PaTestBedContract {

    private List<LifecycleCode> codes(String documentId) {
        return bed.lifecycle.of(documentId).stream().map(LifecycleStatus::code).toList();
    }

    @Test
    void salesInvoiceIsPostedAcknowledgedAndBecomesPaidWhenThePaSays212() throws Exception {
        PaTestBed.SalesInvoice invoice = bed.salesInvoice("PA-2026-0001");
        String doc = invoice.doc();

        DispatchOutcome outcome = bed.send(invoice, "Facture-PA-2026-0001.pdf");

        assertThat(outcome.delivered()).as(outcome.toString()).isTrue();
        String flowId = outcome.reference();
        assertThat(bed.pa().receivedFlowIds(SELLER, "CustomerInvoice")).containsExactly(flowId);
        assertThat(bed.pa().file(flowId)).isEqualTo(invoice.pdf());
        assertThat(bed.flows.find(flowId).orElseThrow().trackingId()).isEqualTo(doc);

        bed.clock.advance(Duration.ofSeconds(3));
        bed.follower.followAll();
        assertThat(bed.flows.find(flowId).orElseThrow().status()).isEqualTo("Ok");
        assertThat(bed.documents.events(doc)).anySatisfy(e -> assertThat(e.details()).contains("acknowledgement Ok"));
        assertThat(codes(doc)).containsExactly(LifecycleCode.DEPOSEE);

        bed.clock.advance(Duration.ofSeconds(3));
        bed.pa().statusFromBuyer(flowId, LifecycleCode.ENCAISSEE, null);
        bed.follower.followAll();

        Document paid = bed.documents.findById(doc).orElseThrow();
        assertThat(paid.paymentStatus()).isEqualTo(PaymentStatus.PAID);
        assertThat(codes(doc)).containsExactlyInAnyOrder(LifecycleCode.DEPOSEE, LifecycleCode.MISE_A_DISPOSITION,
                LifecycleCode.ENCAISSEE);
        LifecycleStatus encaissee = bed.lifecycle.find(doc, LifecycleCode.ENCAISSEE).orElseThrow();
        assertThat(encaissee.origin()).isEqualTo(LifecycleStatus.Origin.PLATFORM);
        assertThat(encaissee.amount()).isNotNull();
        assertThat(bed.follower.followAll().handled()).as("a second round finds nothing new").isZero();

        // the PA says 212 again in another flow: recorded as seen, the invoice paid once, not read again next round
        bed.clock.advance(Duration.ofSeconds(1));
        bed.pa().statusFromBuyer(flowId, LifecycleCode.ENCAISSEE, null);
        assertThat(bed.follower.followAll().handled()).isEqualTo(1);
        assertThat(bed.follower.followAll().handled()).isZero();
        assertThat(bed.documents.events(doc).stream().filter(e -> e.type().equals("PAID"))).hasSize(1);
        assertThat(codes(doc)).filteredOn(c -> c == LifecycleCode.ENCAISSEE).hasSize(1);
    }

    @Test
    void purchaseWaitingAtThePaArrivesOnceEvenAfterARestartWithTheCursorLost() throws Exception {
        String flowId = bed.pa().deliver(BUYER, "SupplierInvoice", "FA-IN-0001.pdf", "Factur-X",
                SampleInvoices.facturXPdf("FA-IN-0001"));

        PaFollower.Round first = bed.follower.followAll();
        assertThat(bed.follower.followAll().committed()).as("nothing new for the route to hand on").isEmpty();
        bed.database.jdbc().update("UPDATE pa_account SET follow_cursor = NULL");
        bed.restart();
        assertThat(bed.follower.followAll().committed()).isEmpty();

        List<String> ids = bed.database.jdbc().queryForList("SELECT id FROM document WHERE dossier_id = ?", String.class,
                bed.buyerDossier);
        assertThat(ids).hasSize(1);
        Document purchase = bed.documents.findById(ids.get(0)).orElseThrow();
        assertThat(purchase.direction()).isEqualTo(Direction.PURCHASE);
        assertThat(purchase.channel()).isEqualTo(Channel.PLATFORM_PA);
        assertThat(purchase.transportId()).isEqualTo("pa:" + flowId);
        assertThat(purchase.invoice().number()).isEqualTo("FA-IN-0001");
        assertThat(bed.flows.find(flowId).orElseThrow().documentId()).isEqualTo(purchase.id());
        assertThat(first.committed()).as("what pa-follow hands to the pipeline").singleElement()
                .satisfies(r -> assertThat(r.documentId()).isEqualTo(purchase.id()));
        assertThat(bed.database.jdbc().queryForObject("SELECT COUNT(*) FROM document WHERE dossier_id = ?", Integer.class,
                bed.sellerDossier))
                .as("nothing landed in the seller dossier").isEqualTo(0);
    }

    @Test
    void approvedPurchaseGetsIts205PostedBackAsCdarThatPassesBrFrCdv() throws Exception {
        bed.pa().deliver(BUYER, "SupplierInvoice", "FA-IN-0002.pdf", "Factur-X", SampleInvoices.facturXPdf("FA-IN-0002"));
        bed.follower.followAll();
        String purchase = bed.database.jdbc().queryForObject("SELECT id FROM document WHERE dossier_id = ?", String.class,
                bed.buyerDossier);
        // what the approval pipeline does: the document approved, its statuses emitted by the lifecycle package
        bed.database.jdbc().update("UPDATE document SET status = 'APPROVED' WHERE id = ?", purchase);
        assertThat(bed.emission().emitPending()).isEqualTo(3);

        assertThat(bed.follower.postStatuses()).isEqualTo(3);
        assertThat(bed.follower.postStatuses()).as("each status is posted once").isZero();

        List<String> posted = bed.pa().receivedFlowIds(BUYER, "SupplierInvoiceLC");
        assertThat(posted).hasSize(3);
        InvoiceValidator validator = InvoiceValidator.onDemand();
        CdarMessage approved = null;
        for (String flowId : posted) {
            byte[] cdar = bed.pa().file(flowId);
            assertThat(validator.validate(cdar, "cdv.xml").findings()).as(new String(cdar)).isEmpty();
            CdarMessage m = new CdarReader().read(cdar);
            if (m.status() == LifecycleCode.APPROUVEE) {
                approved = m;
            }
        }
        assertThat(approved).isNotNull();
        assertThat(approved.issuerSiren()).isEqualTo(BUYER);
        assertThat(approved.invoiceNumber()).isEqualTo("FA-IN-0002");
        bed.clock.advance(Duration.ofSeconds(3));
        bed.follower.followAll();
        assertThat(bed.flows.ofDocument(purchase)).filteredOn(f -> f.lifecycleCode() != null)
                .extracting(PaFlows.Flow::status).containsOnly("Ok");
    }

    @Test
    void aSecondInvoiceWithTheSameNumberIsRejectedByThePaWithDoublon() throws Exception {
        byte[] first = SampleInvoices.facturXPdf("PA-2026-0002");
        byte[] again = SampleInvoices.facturXPdf("PA-2026-0002", SampleInvoices.Seller.of("Fournitures Lumière", SELLER));
        assertThat(Sha256.of(again)).isNotEqualTo(Sha256.of(first));
        String doc1 = bed.salesDocument("PA-2026-0002", first);
        assertThat(bed.dispatcher.send(bed.sellerDossier, doc1, "a.pdf", first).delivered()).isTrue();
        bed.clock.advance(Duration.ofSeconds(3));
        bed.follower.followAll();
        String doc2 = bed.salesDocument("PA-2026-0002-bis", again);
        assertThat(bed.dispatcher.send(bed.sellerDossier, doc2, "b.pdf", again).delivered()).isTrue();

        bed.clock.advance(Duration.ofSeconds(3));
        bed.follower.followAll();

        LifecycleStatus rejected = bed.lifecycle.find(doc2, LifecycleCode.REJETEE).orElseThrow();
        assertThat(rejected.reasonCode()).isEqualTo(ReasonCode.DOUBLON);
        assertThat(bed.documents.findById(doc2).orElseThrow().statusReason()).contains("213").contains("DOUBLON");
        assertThat(bed.lifecycle.find(doc1, LifecycleCode.REJETEE)).isEmpty();
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThenTheFlowIsPostedOnce() throws Exception {
        PaTestBed.SalesInvoice invoice = bed.salesInvoice("PA-2026-0003");
        bed.simulator.failNext("/v1/flows", 503, 2);

        DispatchOutcome outcome = bed.send(invoice, "c.pdf");

        assertThat(outcome.delivered()).as(outcome.toString()).isTrue();
        assertThat(bed.pa().receivedFlowIds(SELLER, "CustomerInvoice")).hasSize(1);
        assertThat(bed.waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void serverErrorsBeyondTheRetriesFailRetryFeasibleAndPostNothing() throws Exception {
        PaTestBed.SalesInvoice invoice = bed.salesInvoice("PA-2026-0004");
        bed.simulator.failNext("/v1/flows", 500, 10);

        DispatchOutcome outcome = bed.send(invoice, "d.pdf");

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryFeasible()).isTrue();
        assertThat(outcome.reasons()).singleElement().asString().contains("HTTP 500").contains("gave up after 4 attempts")
                .doesNotContain("SIMULATED_FAULT").doesNotContain("fault injected");
        assertThat(bed.pa().receivedFlowIds(SELLER, "CustomerInvoice")).isEmpty();
        assertThat(bed.flows.ofDocument(invoice.doc())).isEmpty();
    }

    @Test
    void aPostWhoseAnswerTimesOutIsFoundByItsTrackingIdAndNotPostedTwice() throws Exception {
        PaTestBed.SalesInvoice invoice = bed.salesInvoice("PA-2026-0005");
        // the PA takes the flow, then answers after the client's timeout
        bed.simulator.delayNext("/v1/flows", PaTestBed.TIMEOUT.plusSeconds(1));

        DispatchOutcome outcome = bed.send(invoice, "e.pdf");

        assertThat(outcome.delivered()).as(outcome.toString()).isTrue();
        assertThat(bed.pa().receivedFlowIds(SELLER, "CustomerInvoice")).containsExactly(outcome.reference());
        assertThat(bed.waits).hasSize(1);
    }

    @Test
    void aSearchThatTimesOutIsRetried() throws Exception {
        bed.pa().deliver(BUYER, "SupplierInvoice", "FA-IN-0003.pdf", "Factur-X", SampleInvoices.facturXPdf("FA-IN-0003"));
        bed.simulator.delayNext("/v1/flows/search", PaTestBed.TIMEOUT.plusSeconds(1));

        bed.follower.followAll();

        assertThat(bed.waits).isNotEmpty();
        assertThat(bed.database.jdbc().queryForObject("SELECT COUNT(*) FROM document WHERE dossier_id = ?", Integer.class,
                bed.buyerDossier)).isEqualTo(1);
    }

    @Test
    void aSendCutOffAfterThePaTookTheFlowIsFoundOnTheNextAttempt() throws Exception {
        PaTestBed.SalesInvoice invoice = bed.salesInvoice("PA-2026-0006");
        // the gateway posted, then stopped before recording anything
        bed.api.submit(bed.dispatcher.credentials(bed.sellerDossier).orElseThrow(),
                new PaApi.FlowInfo("f.pdf", "Factur-X", null, "B2B", invoice.doc(), Sha256.of(invoice.pdf())), invoice.pdf());
        bed.restart();

        DispatchOutcome outcome = bed.send(invoice, "f.pdf");

        assertThat(outcome.delivered()).isTrue();
        assertThat(bed.pa().receivedFlowIds(SELLER, "CustomerInvoice")).containsExactly(outcome.reference());
    }

    @Test
    void badCredentialsGiveAClearProblemAndPostNothing() throws Exception {
        bed.account(bed.sellerDossier, SELLER, "seller-client", "wrong-secret", List.of(BUYER));

        DispatchOutcome outcome = bed.send(bed.salesInvoice("PA-2026-0007"), "g.pdf");

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryFeasible()).isTrue();
        assertThat(outcome.reasons()).singleElement().asString()
                .contains("the PA refused the OAuth2 client seller-client (HTTP 401, invalid_client)")
                .contains("PUT /api/dossiers/" + SELLER + "/pa");
        assertThat(bed.waits).as("a refusal is not retried").isEmpty();
        assertThat(bed.pa().receivedFlowIds(SELLER, "CustomerInvoice")).isEmpty();

        bed.follower.followAll();
        assertThat(bed.accounts.find(bed.sellerDossier).orElseThrow().lastProblem()).contains("invalid_client");
        assertThat(bed.accounts.find(bed.buyerDossier).orElseThrow().lastProblem()).isNull();
    }

    @Test
    void anOrganizationTheClientDoesNotActForIsRefusedClearly() throws Exception {
        bed.account(bed.sellerDossier, BUYER, "seller-client", "seller-secret", List.of(BUYER));

        DispatchOutcome outcome = bed.send(bed.salesInvoice("PA-2026-0008"), "h.pdf");

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.reasons()).singleElement().asString().contains("does not let client seller-client act for"
                + " organization " + BUYER);
        assertThat(bed.pa().receivedFlowIds(BUYER, "CustomerInvoice")).isEmpty();
    }

    private Directory directory() {
        return new Directory(new DirectoryLines(bed.database.jdbc(), bed.database.transactions()),
                new PaDirectory(bed.api, bed.dispatcher), bed.clock);
    }

    @Test
    void directoryLinesAreAskedOfThePaKeptADayAndTheKeptOnesDecideWhileThePaIsDown() throws Exception {
        String buyer = "552100554";
        bed.pa().directoryLine(buyer, buyer, null, "WK", "Enabled");
        bed.pa().directoryLine(buyer + "_55210055400013", buyer, "55210055400013", "DFH", "Enabled");
        bed.pa().directoryLine("999999999", buyer, null, "WK", "Enabled");
        Directory directory = directory();

        assertThat(directory.lineFor(bed.sellerDossier, buyer, null, null)).get()
                .satisfies(l -> assertThat(l.electronicAddress()).isEqualTo("0225:" + buyer));
        assertThat(directory.lineFor(bed.sellerDossier, buyer, "55210055400013", null)).get()
                .extracting(DirectoryLine::platformType).isEqualTo("DFH");
        assertThat(directory.linesOf(buyer)).as("a line not of that SIREN's form is left out").hasSize(2);

        // within the day the kept lines answer, without asking the PA
        bed.simulator.failNext("/v1/directory-line/search", 503, 4);
        assertThat(directory.lineFor(bed.sellerDossier, buyer, null, null)).isPresent();
        assertThat(bed.waits).isEmpty();
        // a day later the PA is asked again; down, its retries are bounded and the kept lines still decide
        bed.clock.advance(Duration.ofHours(25));
        assertThat(directory.lineFor(bed.sellerDossier, buyer, null, null)).get()
                .extracting(DirectoryLine::platformType).isEqualTo("WK");
        assertThat(bed.waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
        // a SIREN never seen, with the PA down: said, not taken for a buyer outside the reform
        bed.simulator.failNext("/v1/directory-line/search", 500, 4);
        assertThatThrownBy(() -> directory.lineFor(bed.sellerDossier, "404833048", null, null))
                .isInstanceOf(DirectoryUnavailableException.class)
                .hasMessageContaining("the directory could not be asked at the PA: the PA answered HTTP 500")
                .hasMessageContaining("gave up after 4 attempts");
        // none at all (204): outside the reform, and not asked again within the day
        assertThat(directory.lineFor(bed.sellerDossier, "404833048", null, null)).isEmpty();
        bed.simulator.failNext("/v1/directory-line/search", 500, 4);
        assertThat(directory.lineFor(bed.sellerDossier, "404833048", null, null)).isEmpty();
    }

    @Test
    void theDirectoryOfAPaThatRefusesTheCredentialsIsSaidUnavailableInOurWords() throws Exception {
        bed.account(bed.sellerDossier, SELLER, "seller-client", "wrong-secret", List.of());

        assertThatThrownBy(() -> directory().lineFor(bed.sellerDossier, "552100554", null, null))
                .isInstanceOf(DirectoryUnavailableException.class)
                .hasMessageContaining("the PA refused the OAuth2 client seller-client (HTTP 401, invalid_client)");
        assertThat(bed.waits).as("a refusal is not retried").isEmpty();
    }

    @Test
    void aPaThatRefusesTheWebhookSubscriptionIsStillFollowedAndAskedAgainNextRound() throws Exception {
        bed.database.transactions().executeWithoutResult(tx -> bed.accounts.save(new PaAccount(bed.buyerDossier,
                bed.simulator.baseUrl(), bed.simulator.tokenUrl(), "buyer-client", BUYER, false, List.of(), null, null, null),
                "buyer-secret", "webhook-secret-0123456789"));
        bed.simulator.failNext("/v1/webhooks", 400, 1);
        bed.pa().deliver(BUYER, "SupplierInvoice", "FA-IN-0009.pdf", "Factur-X", SampleInvoices.facturXPdf("FA-IN-0009"));

        bed.follower.followAll();

        assertThat(bed.database.jdbc().queryForObject("SELECT COUNT(*) FROM document WHERE dossier_id = ?", Integer.class,
                bed.buyerDossier)).as("followed all the same").isEqualTo(1);
        PaAccount account = bed.accounts.find(bed.buyerDossier).orElseThrow();
        assertThat(account.webhookState()).isEqualTo("TO_REGISTER");
        assertThat(account.lastProblem()).contains("the webhooks could not be subscribed at the PA").contains("HTTP 400");

        bed.follower.followAll();

        account = bed.accounts.find(bed.buyerDossier).orElseThrow();
        assertThat(account.webhookState()).isEqualTo("REGISTERED");
        assertThat(account.lastProblem()).isNull();
        assertThat(bed.accounts.webhooks(bed.buyerDossier)).extracting(PaAccounts.Webhook::flowType)
                .containsExactlyInAnyOrder("SupplierInvoice", "CustomerInvoiceLC", "CustomerInvoice");
    }
}
