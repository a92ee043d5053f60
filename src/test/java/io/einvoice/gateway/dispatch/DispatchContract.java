package io.einvoice.gateway.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.einvoice.gateway.dispatch.chorus.ChorusCredentials;
import io.einvoice.gateway.dispatch.chorus.ChorusSettings;
import io.einvoice.gateway.dispatch.chorus.simulator.ChorusSimulator;
import io.einvoice.gateway.dispatch.chorus.simulator.SimulatedChorus;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.facturx.FacturXWriter;
import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.facturx.Profile;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.facturx.SampleInvoices.PublicBuyer;
import io.einvoice.gateway.party.PartyInput;
import io.einvoice.gateway.party.PartyRole;
import io.einvoice.gateway.system.GatewayContract;
import io.einvoice.gateway.system.TestDatabase;
import io.einvoice.gateway.system.TestGateway;
import io.einvoice.gateway.validation.InvoiceValidator;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static io.einvoice.gateway.system.TestGateway.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sales invoices dropped into a dossier's sales folder are validated, routed by their buyer and sent: by e-mail through
 * GreenMail, to the Chorus Pro simulator over HTTP, or into another dossier of the platform. Failures are retried,
 * parked and replayed. One gateway for the class; each scenario has its own seller dossier.
 */
abstract class DispatchContract extends GatewayContract {

    /** The first validation waits for the rule sets to compile: tens of seconds on a busy machine. */
    private static final Duration PATIENCE = Duration.ofMinutes(4);
    private static final String PRIVATE_BUYER_SIREN = "404833048";
    private static final String COMMUNE_SIRET = "98765432400019";
    private static final ChorusCredentials CHORUS = new ChorusCredentials("client-s", "secret-s", "TECH_1_s@cpro.fr", "pass-s");
    private static final ChorusCredentials OTHER_SUPPLIER = new ChorusCredentials("client-s", "secret-s", "TECH_2_o@cpro.fr", "pass-o");
    /** A seller whose billing software writes its SIREN only; its dossier knows its SIRET. */
    private static final String SIREN_ONLY_SELLER = "812345676";
    private static final String SIREN_ONLY_SELLER_SIRET = "81234567600017";
    private static final ChorusCredentials SIREN_ONLY = new ChorusCredentials("client-s", "secret-s", "TECH_3_c@cpro.fr", "pass-c");
    /** Generous: the simulator reads every deposited PDF, which takes seconds on a loaded machine. */
    private static final Duration CHORUS_TIMEOUT = Duration.ofSeconds(10);
    static final DispatchSettings QUICK = new DispatchSettings(Duration.ofMillis(300), 5, Duration.ofMillis(300),
            Duration.ofSeconds(5));

    ChorusSimulator chorus;
    GreenMail mail;
    private final HttpClient http = HttpClient.newHttpClient();

    /** With a Chorus Pro simulator and quick dispatch retries; the SMTP server the e-mail scenarios' dossiers use. */
    @Override
    protected TestGateway startGateway(Path home, TestDatabase database) throws Exception {
        chorus = closedAfterGateway(ChorusSimulator.start(0, SimulatedChorus.withFixtures()
                        .addTechnicalAccount(CHORUS.technicalLogin(), CHORUS.technicalPassword(),
                                chorusSellers())
                        .addTechnicalAccount(OTHER_SUPPLIER.technicalLogin(), OTHER_SUPPLIER.technicalPassword(),
                                Map.of("55210055400013", "Autre SAS"))
                        .addTechnicalAccount(SIREN_ONLY.technicalLogin(), SIREN_ONLY.technicalPassword(),
                                Map.of(SIREN_ONLY_SELLER_SIRET, SampleInvoices.SELLER_NAME)))
                .addClient(CHORUS.pisteClientId(), CHORUS.pisteClientSecret(), Set.of("factures", "structures", "transverses")));
        ChorusSettings settings = ChorusSettings.defaults(chorus.baseUrl(), chorus.tokenUrl())
                .withTimeouts(CHORUS_TIMEOUT, Duration.ofMillis(50), Duration.ofMillis(10));
        mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        closedAfterGateway(mail::stop);
        // the account the e-mail scenario's SMTP settings log in with: the stored password must decrypt to this
        mail.setUser("u@vendeur.fr", "u", "never shown");
        return TestGateway.start(home, database, settings, QUICK);
    }

    @Test
    void anInvoiceToAPrivateCustomerIsMailedWithAFacturXThatPassesValidation() throws Exception {
        Seller seller = seller("552049447");
        customerWithEmail(seller, "compta@client-prive.fr");
        HttpResponse<String> put = gw.put("/api/dossiers/" + seller.siren + "/smtp", gw.login(TestGateway.ADMIN_EMAIL), smtp(mail.getSmtp().getPort(),
                "\"subjectTemplate\": \"Facture {number} de {seller}\", \"password\": \"never shown\", \"username\": \"u\""));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(put.body()).doesNotContain("never shown").contains("\"passwordSet\":true");
        assertThat(gw.get("/api/dossiers/" + seller.siren + "/smtp", seller.key).body()).doesNotContain("never shown");

        drop(seller, "mail.xml", privateBuyerCii("MAIL-0001", seller));

        JsonNode sent = awaitDocument(seller, "mail.xml", sentVia("EMAIL"));
        MimeMessage message = Arrays.stream(mail.getReceivedMessages())
                .filter(m -> subject(m).contains("MAIL-0001")).findFirst().orElseThrow();
        assertThat(message.getSubject()).isEqualTo("Facture MAIL-0001 de " + seller.issuer.name());
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("compta@client-prive.fr");
        byte[] attachment = attachment(message);
        assertThat(InvoiceValidator.shared().validate(attachment, "Facture-MAIL-0001.pdf").valid()).isTrue();
        JsonNode dispatch = json(gw.get("/api/documents/" + sent.path("id").asText() + "/dispatch", seller.key));
        assertThat(dispatch.path("outcomes")).singleElement().satisfies(o -> {
            assertThat(o.path("delivered").asBoolean()).isTrue();
            assertThat(o.path("channel").asText()).isEqualTo("EMAIL");
            assertThat(o.path("reference").asText()).isEqualTo(message.getMessageID());
        });
        await().atMost(PATIENCE).until(() -> "ARCHIVED".equals(document(seller, "mail.xml").path("status").asText()));
    }

    @Test
    void anInvoiceToAPublicEntityGoesToChorusProAndBecomesPaidThroughTheRecipientHook() throws Exception {
        Seller seller = seller(CHORUS_SELLERS.get(0));
        publicCustomer(seller);
        gw.gateway.services().chorusAccounts().save(seller.id, CHORUS);

        drop(seller, "chorus.pdf", SampleInvoices.chorusFacturXPdf("CPP-0001", PublicBuyer.plain(COMMUNE_SIRET), seller.issuer));

        JsonNode sent = awaitDocument(seller, "chorus.pdf", d -> "CHORUS".equals(d.path("dispatchChannel").asText()));
        assertThat(sent.path("chorusStatus").asText()).isEqualTo("MISE_A_DISPOSITION");
        assertThat(chorus.chorus().depositCount("CPP-0001")).isEqualTo(1);
        for (String status : new String[] {"SERVICE_FAIT", "MANDATEE", "MISE_EN_PAIEMENT"}) {
            assertThat(admin("{\"numeroFacture\":\"CPP-0001\",\"statut\":\"" + status + "\"}")).isEqualTo(200);
            awaitDocument(seller, "chorus.pdf", d -> status.equals(d.path("chorusStatus").asText()));
        }
        JsonNode paid = awaitDocument(seller, "chorus.pdf", d -> "PAID".equals(d.path("paymentStatus").asText()));
        assertThat(paid.path("status").asText()).isEqualTo("ARCHIVED");
    }

    @Test
    void anInvoiceNamingOnlyTheDossiersSirenGetsItsSiretFromTheDossierAndGoesToChorusPro() throws Exception {
        Seller seller = seller(SIREN_ONLY_SELLER, SIREN_ONLY_SELLER_SIRET);
        publicCustomer(seller);
        gw.gateway.services().chorusAccounts().save(seller.id, SIREN_ONLY);

        drop(seller, "siren-only.pdf", sirenOnlySeller("CPP-0010", SIREN_ONLY_SELLER));

        JsonNode sent = awaitDocument(seller, "siren-only.pdf", sentVia("CHORUS"));
        assertThat(chorus.chorus().depositCount("CPP-0010")).isEqualTo(1);
        String id = sent.path("id").asText();
        JsonNode events = json(gw.get("/api/documents/" + id, seller.key)).path("events");
        assertThat(events).anySatisfy(e -> {
            assertThat(e.path("type").asText()).isEqualTo("NOTE");
            assertThat(e.path("details").asText()).startsWith("note: ").contains(SIREN_ONLY_SELLER_SIRET);
        });
        // the document's Factur-X, archived once sent, is the one deposited: with the SIRET
        byte[] facturX = gw.getBytes("/api/documents/" + id + "/facturx", seller.key).body();
        assertThat(io.einvoice.gateway.dispatch.chorus.ChorusInvoiceFacts.fromFacturX(facturX).sellerSiret())
                .isEqualTo(SIREN_ONLY_SELLER_SIRET);
    }

    @Test
    void anInvoiceNamingAnotherCompanysSirenIsNeitherCompletedNorSent() throws Exception {
        Seller seller = seller("382991883", "38299188300010");
        publicCustomer(seller);
        gw.gateway.services().chorusAccounts().save(seller.id, SIREN_ONLY);

        drop(seller, "other-siren.pdf", sirenOnlySeller("CPP-0011", SIREN_ONLY_SELLER));

        // another company's invoice is held before any completion: the dossier's SIRET is never put into it
        JsonNode held = awaitDocument(seller, "other-siren.pdf", d -> "DRAFT".equals(d.path("status").asText())
                && d.path("statusReason").asText().startsWith("not sent: the seller of this invoice is SIREN "));
        assertThat(held.path("statusReason").asText()).contains("not this dossier (SIREN 382991883)");
        assertThat(chorus.chorus().depositCount("CPP-0011")).isZero();
    }

    @Test
    void aChorusRejectionIsParkedWithItsReasonsAndNotRetried() throws Exception {
        Seller seller = seller("732829320");
        publicCustomer(seller);
        // this account is not attached to the invoice's seller: only Chorus Pro can tell, in its flux report
        gw.gateway.services().chorusAccounts().save(seller.id, OTHER_SUPPLIER);
        chorus.addClient(OTHER_SUPPLIER.pisteClientId(), OTHER_SUPPLIER.pisteClientSecret(),
                Set.of("factures", "structures", "transverses"));

        drop(seller, "rejected.pdf", SampleInvoices.chorusFacturXPdf("CPP-0002", PublicBuyer.plain(COMMUNE_SIRET), seller.issuer));

        JsonNode parked = awaitJob(seller, "rejected.pdf", "PARKED");
        assertThat(parked.path("status").asText()).isEqualTo("DRAFT");
        assertThat(parked.path("statusReason").asText()).contains("n'est pas reference dans notre systeme");
        assertThat(parked.path("job").path("attempts").asInt()).isEqualTo(1);
        assertThat(parked.path("outcomes")).singleElement().satisfies(o -> {
            assertThat(o.path("retryFeasible").asBoolean()).isFalse();
            assertThat(o.path("status").asText()).isEqualTo("IN_REJETE");
        });
        assertThat(chorus.chorus().depositCount("CPP-0002")).isEqualTo(1);
    }

    @Test
    void wrongChorusCredentialsDepositNothingAndAreParkedAfterTheirRetries() throws Exception {
        Seller seller = seller("818253114");
        publicCustomer(seller);
        gw.gateway.services().chorusAccounts().save(seller.id,
                new ChorusCredentials(CHORUS.pisteClientId(), CHORUS.pisteClientSecret(), CHORUS.technicalLogin(), "wrong"));

        drop(seller, "badcreds.pdf", SampleInvoices.chorusFacturXPdf("CPP-0003", PublicBuyer.plain(COMMUNE_SIRET), seller.issuer));

        JsonNode parked = awaitJob(seller, "badcreds.pdf", "PARKED");
        assertThat(parked.path("job").path("attempts").asInt()).isEqualTo(QUICK.maxAttempts());
        assertThat(parked.path("statusReason").asText()).contains("technical account").contains("/dispatch/replay");
        assertThat(chorus.chorus().depositCount("CPP-0003")).isZero();
    }

    @Test
    void twoServerErrorsOnTheDepositAreRetriedThenItGoesThroughOnce() throws Exception {
        Seller seller = seller(CHORUS_SELLERS.get(1));
        publicCustomer(seller);
        gw.gateway.services().chorusAccounts().save(seller.id, CHORUS);
        chorus.failNext("factures/v1/deposer/flux", 500, 2);

        drop(seller, "flaky.pdf", SampleInvoices.chorusFacturXPdf("CPP-0004", PublicBuyer.plain(COMMUNE_SIRET), seller.issuer));

        awaitDocument(seller, "flaky.pdf", d -> "CHORUS".equals(d.path("dispatchChannel").asText()));
        assertThat(chorus.chorus().depositCount("CPP-0004")).isEqualTo(1);
    }

    @Test
    void aDepositWhoseAnswerTimesOutIsFoundOnChorusProInsteadOfDepositedTwice() throws Exception {
        Seller seller = seller(CHORUS_SELLERS.get(2));
        publicCustomer(seller);
        gw.gateway.services().chorusAccounts().save(seller.id, CHORUS);
        // Chorus takes the deposit, its answer comes after the client's timeout
        chorus.delayAnswer("factures/v1/deposer/flux", CHORUS_TIMEOUT.plusSeconds(1));

        drop(seller, "timeout.pdf", SampleInvoices.chorusFacturXPdf("CPP-0005", PublicBuyer.plain(COMMUNE_SIRET), seller.issuer));

        JsonNode unacknowledged = awaitDispatch(seller, "timeout.pdf", d -> d.path("outcomes").size() >= 1);
        assertThat(unacknowledged.path("outcomes").get(0).path("status").asText()).isEqualTo("UNACKNOWLEDGED");
        assertThat(unacknowledged.path("outcomes").get(0).path("retryFeasible").asBoolean()).isTrue();
        chorus.chorus().processPendingFlux();

        awaitDocument(seller, "timeout.pdf", sentVia("CHORUS"));
        assertThat(chorus.chorus().depositCount("CPP-0005")).isEqualTo(1);
    }

    @Test
    void anInvoiceToAnotherDossierArrivesInItsPurchases() throws Exception {
        Seller seller = seller("383474814");
        drop(seller, "platform.pdf", SampleInvoices.facturXPdf("PLAT-0001", seller.issuer));

        JsonNode sent = awaitDocument(seller, "platform.pdf", d -> "PLATFORM".equals(d.path("dispatchChannel").asText()));
        JsonNode outcome = json(gw.get("/api/documents/" + sent.path("id").asText() + "/dispatch", seller.key))
                .path("outcomes").get(0);
        String purchaseId = outcome.path("reference").asText();
        JsonNode purchase = json(gw.get("/api/documents/" + purchaseId, gw.keyA));
        assertThat(purchase.path("direction").asText()).isEqualTo("PURCHASE");
        assertThat(purchase.path("channel").asText()).isEqualTo("PLATFORM");
        assertThat(purchase.path("number").asText()).isEqualTo("PLAT-0001");
        assertThat(purchase.path("dossier").asText()).isEqualTo(TestGateway.SIREN_A);
        assertThat(gw.get("/api/documents/" + purchaseId, seller.key).statusCode())
                .as("the seller does not see the buyer's document").isEqualTo(404);
        // dispatch-send handed it to the buyer's pipeline: validated, then up for approval like any purchase
        await().atMost(PATIENCE).until(() -> List.of("PENDING_APPROVAL", "APPROVED", "ARCHIVED")
                .contains(json(gw.get("/api/documents/" + purchaseId, gw.keyA)).path("status").asText()));
    }

    @Test
    void aRefusedSmtpConnectionIsRetriedUntilTheServerTakesTheMail() throws Exception {
        Seller seller = seller("479766842");
        customerWithEmail(seller, "compta@client-prive.fr");
        int port = freePort();
        gw.gateway.services().smtpSettings().save(seller.id, new SmtpSettingsStore.SmtpRequest("127.0.0.1", port,
                "NONE", null, null, "factures@vendeur.fr", "Facture {number}", null));

        drop(seller, "refused.xml", privateBuyerCii("SMTP-0001", seller));

        JsonNode retrying = awaitDispatch(seller, "refused.xml", d -> d.path("job").path("attempts").asInt() >= 1);
        assertThat(retrying.path("job").path("state").asText()).isIn("QUEUED", "SENDING");
        assertThat(retrying.path("outcomes").get(0).path("reasons").toString()).contains("refused the connection");
        assertThat(retrying.path("outcomes").get(0).path("retryFeasible").asBoolean()).isTrue();
        GreenMail late = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        late.start();
        try {
            JsonNode sent = awaitDispatch(seller, "refused.xml", d -> "DONE".equals(d.path("job").path("state").asText()));
            assertThat(sent.path("dispatchChannel").asText()).isEqualTo("EMAIL");
            assertThat(late.getReceivedMessages()).singleElement().satisfies(m -> assertThat(m.getSubject()).isEqualTo("Facture SMTP-0001"));
        } finally {
            late.stop();
        }
    }

    @Test
    void aBuyerWithoutAnyChannelIsParkedThenReplayedOnceTheCustomerHasAnEmail() throws Exception {
        Seller seller = seller("542107651");
        String customerId = gw.gateway.services().partyService().create(seller.id, PartyRole.CUSTOMER,
                input("Client Privé", PRIVATE_BUYER_SIREN, null, null, null)).id();
        gw.gateway.services().smtpSettings().save(seller.id, new SmtpSettingsStore.SmtpRequest("127.0.0.1",
                mail.getSmtp().getPort(), "NONE", null, null, "factures@vendeur.fr", null, null));

        drop(seller, "nochannel.xml", privateBuyerCii("PARK-0001", seller));

        JsonNode parked = awaitJob(seller, "nochannel.xml", "PARKED");
        assertThat(parked.path("statusReason").asText()).contains("no way to reach").contains("e-mail");
        String id = parked.path("documentId").asText();
        assertThat(gw.post("/api/documents/" + id + "/send", seller.key, "").statusCode()).isEqualTo(409);

        var parties = gw.gateway.services().partyService();
        parties.update(gw.gateway.services().parties().findById(customerId).orElseThrow().party(),
                input(null, null, null, "compta@client-prive.fr", null));
        HttpResponse<String> replay = gw.post("/api/documents/" + id + "/dispatch/replay", seller.key, "");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);

        JsonNode sent = awaitDispatch(seller, "nochannel.xml", d -> "DONE".equals(d.path("job").path("state").asText()));
        assertThat(sent.path("dispatchChannel").asText()).isEqualTo("EMAIL");
        assertThat(sent.path("outcomes")).hasSize(2);
        assertThat(gw.post("/api/documents/" + id + "/dispatch/replay", seller.key, "").statusCode()).isEqualTo(409);
    }

    @Test
    void anInvalidSalesInvoiceIsFlaggedAndNotSent() throws Exception {
        Seller seller = seller("310495221");
        customerWithEmail(seller, "compta@client-prive.fr");
        String broken = new String(privateBuyerCii("BAD-0001", seller), StandardCharsets.UTF_8)
                .replace("<ram:GrandTotalAmount>" + SampleInvoices.TOTAL_INCL_VAT, "<ram:GrandTotalAmount>1" + SampleInvoices.TOTAL_INCL_VAT);
        drop(seller, "invalid.xml", broken.getBytes(StandardCharsets.UTF_8));

        JsonNode flagged = awaitDocument(seller, "invalid.xml", d -> "DRAFT".equals(d.path("status").asText()));
        assertThat(flagged.path("validation").path("valid").asBoolean()).isFalse();
        assertThat(flagged.path("statusReason").asText()).startsWith("not sent: the invoice is not valid");
        JsonNode dispatch = json(gw.get("/api/documents/" + flagged.path("id").asText() + "/dispatch", seller.key));
        assertThat(dispatch.path("job").isNull()).isTrue();
        HttpResponse<String> send = gw.post("/api/documents/" + flagged.path("id").asText() + "/send", seller.key, "");
        assertThat(send.statusCode()).isEqualTo(409);
        assertThat(send.body()).contains("not valid");
    }

    @Test
    void aSalesInvoiceInAnotherCompanysNameIsNotSentWhetherDroppedOrUploaded() throws Exception {
        Seller seller = seller("356000000");
        // the buyer is dossier A of the platform: were it sent, it would land in A's purchases at once
        drop(seller, "foreign.pdf", SampleInvoices.facturXPdf("FOREIGN-0001"));
        HttpResponse<String> upload = gw.upload("/api/dossiers/" + seller.siren + "/sales-invoices/files", seller.key,
                "file", "foreign.xml", SampleInvoices.ciiXml("FOREIGN-0002"));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);

        for (String fileName : List.of("foreign.pdf", "foreign.xml")) {
            JsonNode held = awaitDocument(seller, fileName, d -> "DRAFT".equals(d.path("status").asText()));
            assertThat(held.path("validation").path("valid").asBoolean()).as("valid, yet not ours").isTrue();
            assertThat(held.path("statusReason").asText()).isEqualTo("not sent: the seller of this invoice is SIREN "
                    + SampleInvoices.SELLER_SIREN + ", not this dossier (SIREN " + seller.siren + "); a dossier sends only"
                    + " its own invoices: put it into the sales intake of the seller's own dossier");
            String id = held.path("id").asText();
            assertThat(json(gw.get("/api/documents/" + id + "/dispatch", seller.key)).path("job").isNull()).isTrue();
            HttpResponse<String> send = gw.post("/api/documents/" + id + "/send", seller.key, "");
            assertThat(send.statusCode()).isEqualTo(409);
            assertThat(send.body()).contains("the seller of this invoice is SIREN " + SampleInvoices.SELLER_SIREN);
        }
        JsonNode purchases = json(gw.get("/api/dossiers/" + TestGateway.SIREN_A + "/documents?direction=PURCHASE&limit=500",
                gw.keyA));
        for (JsonNode d : purchases) {
            assertThat(d.path("number").asText()).doesNotStartWith("FOREIGN-");
        }
    }

    @Test
    void anotherDossiersKeyCanNeitherSendNorSeeNorReplay() throws Exception {
        Seller seller = seller("380129866");
        drop(seller, "tenant.pdf", SampleInvoices.facturXPdf("TEN-0001", seller.issuer));
        String id = awaitDocument(seller, "tenant.pdf", d -> !d.path("dispatchChannel").isMissingNode()
                && !d.path("dispatchChannel").isNull()).path("id").asText();

        for (HttpResponse<String> foreign : new HttpResponse[] {
                gw.post("/api/documents/" + id + "/send", gw.keyB, ""),
                gw.post("/api/documents/" + id + "/dispatch/replay", gw.keyB, ""),
                gw.get("/api/documents/" + id + "/dispatch", gw.keyB),
                gw.get("/api/dossiers/" + seller.siren + "/smtp", gw.keyB),
                gw.put("/api/dossiers/" + seller.siren + "/smtp", gw.keyB, smtp(25, "\"username\": \"x\""))}) {
            assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(404);
        }
        assertThat(gw.get("/api/documents/" + id + "/dispatch", seller.key).statusCode()).isEqualTo(200);
    }

    @Test
    void smtpSettingsPointingAtTheCloudMetadataAddressOrAPrivateNetworkAreRefusedWithOurSentence() throws Exception {
        for (String host : List.of("169.254.169.254", "10.0.0.25", "[::1]")) {
            HttpResponse<String> put = gw.put("/api/dossiers/" + TestGateway.SIREN_B + "/smtp", gw.login(TestGateway.ADMIN_EMAIL),
                    smtp(25, "\"username\": \"x\"").replace("127.0.0.1", host.replace("\"", "")));
            assertThat(put.statusCode()).as(put.body()).isEqualTo(400);
            assertThat(json(put).path("message").asText()).contains("the host " + host)
                    .contains("which the gateway does not connect to");
        }
        assertThat(json(gw.get("/api/dossiers/" + TestGateway.SIREN_B + "/smtp", gw.keyB))
                .path("configured").asBoolean()).isFalse();
    }

    // ---- fixtures

    /** A seller dossier and the sample issuer in its name (its sales samples are its own invoices). */
    private record Seller(String id, String siren, String key, SampleInvoices.Seller issuer) {
    }

    /** The sellers of the scenarios that deposit on Chorus Pro: the technical account is attached to their SIRETs. */
    private static final List<String> CHORUS_SELLERS = List.of("529157489", "401300538", "349815373");

    private static Map<String, String> chorusSellers() {
        Map<String, String> sirets = new java.util.HashMap<>(Map.of(SampleInvoices.SUPPLIER.siret(), SampleInvoices.SELLER_NAME));
        CHORUS_SELLERS.forEach(siren -> sirets.put(issuer(siren).siret(), issuer(siren).name()));
        return sirets;
    }

    private static SampleInvoices.Seller issuer(String siren) {
        return SampleInvoices.Seller.of("Vendeur " + siren, siren);
    }

    private Seller seller(String siren) throws Exception {
        return seller(siren, null);
    }

    private Seller seller(String siren, String siret) throws Exception {
        var services = gw.gateway.services();
        Dossier any = services.dossiers().findBySiren(TestGateway.SIREN_A).orElseThrow();
        Dossier dossier = new Dossier(UUID.randomUUID().toString(), any.firmId(), siren, siret, "Vendeur " + siren, null, 12,
                "ACTIVE", false);
        services.dossiers().insert(dossier);
        services.folders().createFolders(siren);
        return new Seller(dossier.id(), siren, services.apiKeys().issue(dossier, "test").key(), issuer(siren));
    }

    private void customerWithEmail(Seller seller, String email) {
        gw.gateway.services().partyService().create(seller.id, PartyRole.CUSTOMER,
                input("Client Privé", PRIVATE_BUYER_SIREN, null, email, null));
    }

    private void publicCustomer(Seller seller) {
        gw.gateway.services().partyService().create(seller.id, PartyRole.CUSTOMER,
                input("Commune de Démo", "987654324", COMMUNE_SIRET, null, true));
    }

    private static PartyInput input(String name, String siren, String siret, String email, Boolean publicEntity) {
        return new PartyInput(name == null ? null : "COMPANY", null, name, siren, siret, null, null, null, null, null, null,
                null, null, email, null, null, null, null, null, null, publicEntity);
    }

    /** The CII sample, its buyer replaced by a private company that is not a dossier of the platform. */
    private static byte[] privateBuyerCii(String number, Seller seller) {
        String vat = "FR" + String.format("%02d", (12 + 3 * (Long.parseLong(PRIVATE_BUYER_SIREN) % 97)) % 97) + PRIVATE_BUYER_SIREN;
        return new String(SampleInvoices.ciiXml(number, seller.issuer), StandardCharsets.UTF_8)
                .replace(SampleInvoices.BUYER_VAT, vat).replace(SampleInvoices.BUYER_SIREN, PRIVATE_BUYER_SIREN)
                .replace(SampleInvoices.BUYER_NAME, "Client Privé SARL").getBytes(StandardCharsets.UTF_8);
    }

    /** The Chorus sample of another seller SIREN, which names it by its SIREN only (BT-30 scheme 0002, no SIRET). */
    private static byte[] sirenOnlySeller(String number, String siren) throws Exception {
        byte[] pdf = SampleInvoices.chorusFacturXPdf(number, PublicBuyer.plain(COMMUNE_SIRET));
        String vat = "FR" + String.format("%02d", (12 + 3 * (Long.parseLong(siren) % 97)) % 97) + siren;
        String xml = new String(new InvoiceReader().read(pdf).xml(), StandardCharsets.UTF_8)
                .replace("<ram:GlobalID schemeID=\"0009\">73282932000017</ram:GlobalID>", "")
                .replace(SampleInvoices.SELLER_VAT, vat).replace(SampleInvoices.SELLER_SIREN, siren);
        return new FacturXWriter().embed(pdf, xml.getBytes(StandardCharsets.UTF_8), Profile.EN16931).pdf();
    }

    private void drop(Seller seller, String name, byte[] content) throws Exception {
        Path temporary = gw.salesFolder(seller.siren).resolveSibling("." + name + ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, gw.salesFolder(seller.siren).resolve(name));
    }

    private JsonNode document(Seller seller, String fileName) throws Exception {
        JsonNode list = json(gw.get("/api/dossiers/" + seller.siren + "/documents?direction=SALES", seller.key));
        for (JsonNode d : list) {
            if (fileName.equals(d.path("fileName").asText())) {
                return d;
            }
        }
        return null;
    }

    /** Sent through that channel: the status and the channel are read by two queries, so both are awaited. */
    private static Predicate<JsonNode> sentVia(String channel) {
        return d -> channel.equals(d.path("dispatchChannel").asText())
                && List.of("SENT", "ARCHIVED").contains(d.path("status").asText());
    }

    private JsonNode awaitDocument(Seller seller, String fileName, Predicate<JsonNode> condition) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode d = document(seller, fileName);
            last.set(d);
            assertThat(d).as(fileName + " in dossier " + seller.siren).isNotNull();
            assertThat(condition.test(d)).as(d.toString()).isTrue();
        });
        return last.get();
    }

    private JsonNode awaitDispatch(Seller seller, String fileName, Predicate<JsonNode> condition) {
        String id = awaitDocument(seller, fileName, d -> true).path("id").asText();
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode d = json(gw.get("/api/documents/" + id + "/dispatch", seller.key));
            last.set(d);
            assertThat(condition.test(d)).as(d.toString()).isTrue();
        });
        return last.get();
    }

    private JsonNode awaitJob(Seller seller, String fileName, String state) {
        return awaitDispatch(seller, fileName, d -> state.equals(d.path("job").path("state").asText()));
    }

    private static String smtp(int port, String extra) {
        return "{\"host\": \"127.0.0.1\", \"port\": " + port + ", \"tlsMode\": \"NONE\", \"sender\": \"factures@vendeur.fr\", "
                + extra + "}";
    }

    private int admin(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(chorus.baseUrl() + "/simulator/factures/statut"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] attachment(MimeMessage message) throws Exception {
        Multipart parts = (Multipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.getFileName() != null) {
                return part.getInputStream().readAllBytes();
            }
        }
        throw new AssertionError("no attachment");
    }
}
