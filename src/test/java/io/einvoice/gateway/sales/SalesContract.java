package io.einvoice.gateway.sales;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.ingest.mail.MailServer;
import io.einvoice.gateway.ingest.mail.TestMails;
import io.einvoice.gateway.facturx.MustangVerdict;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.invoice.Note;
import io.einvoice.gateway.system.GatewayContract;
import io.einvoice.gateway.system.TestDatabase;
import io.einvoice.gateway.system.TestGateway;
import io.einvoice.gateway.validation.InvoiceValidator;
import io.einvoice.gateway.validation.ValidationReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static io.einvoice.gateway.system.TestGateway.ADMIN_EMAIL;
import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sales invoices over the real HTTP API and database: a seller dossier of its own (with a VAT number, sales settings,
 * a customer and a catalogue), drafts, finalisation into a Factur-X that our validator and Mustang's both accept,
 * credit notes, down payments, payment statuses, the dashboard, gapless numbers under concurrency, and bad inputs.
 */
abstract class SalesContract extends GatewayContract {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SELLER = "732829320";
    private static final String PREFIX = "VTE-";

    String admin;
    String key;
    String customer;
    String service;
    String goods;
    String customerOfA;
    String itemOfA;

    @Override
    protected TestGateway startGateway(Path home, TestDatabase database) throws Exception {
        // the rule sets compile once per JVM (tens of seconds); finalising waits for them, the HTTP client would not
        InvoiceValidator.shared();
        return TestGateway.start(home, database);
    }

    @BeforeAll
    void start() throws Exception {
        admin = gw.login(ADMIN_EMAIL);
        body(gw.post("/api/dossiers", admin, "{\"siren\":\"" + SELLER + "\",\"name\":\"Lumière Conseil SARL\","
                + "\"vatNumber\":\"FR44732829320\"}"), 201);
        key = body(gw.post("/api/dossiers/" + SELLER + "/api-keys", admin, "{\"label\":\"sales\"}"), 201).get("key").asText();
        body(gw.put(path("sales-settings"), admin, "{\"numberPrefix\":\"" + PREFIX + "\",\"iban\":\"FR76 3000 6000 0112 3456 7890 189\","
                + "\"bic\":\"AGRIFRPPXXX\",\"address\":\"12 rue des Lilas\",\"postcode\":\"75011\",\"city\":\"Paris\","
                + "\"email\":\"facturation@lumiere-conseil.fr\",\"paymentDays\":30}"), 200);
        customer = body(gw.post(path("customers"), key, "{\"companyName\":\"DEMONSTRATION SAS\",\"siren\":\"123456782\","
                + "\"vatNumber\":\"FR11123456782\",\"address\":\"3 avenue de la Gare\",\"postcode\":\"69002\",\"city\":\"Lyon\","
                + "\"email\":\"achats@demonstration.fr\"}"), 201).get("id").asText();
        service = body(gw.post(path("catalogue"), key, "{\"kind\":\"SERVICE\",\"label\":\"Conseil\",\"unit\":\"HUR\","
                + "\"unitPrice\":85,\"vatRate\":20}"), 201).get("id").asText();
        goods = body(gw.post(path("catalogue"), key, "{\"kind\":\"GOODS\",\"label\":\"Classeur\",\"unit\":\"C62\","
                + "\"unitPrice\":\"4.5\",\"vatRate\":5.5}"), 201).get("id").asText();
        customerOfA = body(gw.post("/api/dossiers/" + SIREN_A + "/customers", gw.keyA,
                "{\"companyName\":\"Client de A\",\"siren\":\"552100554\"}"), 201).get("id").asText();
        itemOfA = body(gw.post("/api/dossiers/" + SIREN_A + "/catalogue", gw.keyA,
                "{\"label\":\"Prestation de A\",\"unitPrice\":10,\"vatRate\":20}"), 201).get("id").asText();
    }

    @Test
    void anInvoiceIsDraftedEditedFinalisedCreditedPaidAndCounted() throws Exception {
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Europe/Paris"));
        BigDecimal[] baseline = {figure(today.minusDays(1), "dueAfter30Days"), figure(today.plusDays(1), "dueWithin30Days"),
                figure(today.plusDays(31), "overdue")};
        JsonNode draft = body(gw.post(path("sales-invoices"), key, "{\"customerId\":\"" + customer + "\",\"lines\":["
                + "{\"catalogueItemId\":\"" + service + "\",\"quantity\":3,\"discountPercent\":10},"
                + "{\"label\":\"Frais de déplacement\",\"quantity\":1,\"unitPrice\":\"45.50\",\"vatRate\":20}]}"), 201);
        String id = draft.get("id").asText();
        assertThat(draft.get("status").asText()).isEqualTo("DRAFT");
        assertThat(draft.get("frozen").asBoolean()).isFalse();
        assertThat(draft.get("readyToSend").asBoolean()).isFalse();
        assertThat(draft.get("lines").get(0).get("netPrice").asText()).isEqualTo("76.5");
        assertThat(draft.get("totalExclVat").asText()).isEqualTo("275.00");   // 3 × 76.50 + 45.50

        JsonNode edited = body(gw.put(path("sales-invoices/" + id), key, "{\"customerId\":\"" + customer + "\",\"lines\":["
                + "{\"catalogueItemId\":\"" + service + "\",\"quantity\":4,\"discountPercent\":10},"
                + "{\"label\":\"Frais de déplacement\",\"quantity\":1,\"unitPrice\":\"45.50\",\"vatRate\":20}],"
                + "\"orderReference\":\"BC-117\"}"), 200);
        assertThat(edited.get("totalExclVat").asText()).isEqualTo("351.50");  // 4 × 76.50 + 45.50
        assertThat(edited.get("totalVat").asText()).isEqualTo("70.30");
        JsonNode document = body(gw.get("/api/documents/" + id, key), 200);
        assertThat(document.get("direction").asText()).isEqualTo("SALES");
        assertThat(document.get("channel").asText()).isEqualTo("CREATED");
        assertThat(document.get("status").asText()).isEqualTo("DRAFT");
        assertThat(document.get("buyerName").asText()).isEqualTo("DEMONSTRATION SAS");

        JsonNode invoice = body(finalise(path("sales-invoices/" + id + "/finalise"), key), 200);
        String number = invoice.get("number").asText();
        LocalDate issued = LocalDate.parse(invoice.get("issueDate").asText());
        assertThat(number).matches(PREFIX + issued.getYear() + "-\\d{5}").hasSizeLessThanOrEqualTo(20);
        assertThat(invoice.get("frozen").asBoolean()).isTrue();
        assertThat(invoice.get("readyToSend").asBoolean()).isTrue();
        assertThat(invoice.get("dueDate").asText()).isEqualTo(issued.plusDays(30).toString());
        assertThat(invoice.get("amountDue").asText()).isEqualTo("421.80");
        assertThat(invoice.get("validation").get("valid").asBoolean()).isTrue();

        byte[] facturx = gw.getBytes("/api/documents/" + id + "/facturx", key).body();
        assertValidEverywhere(facturx, number);
        Invoice read = new InvoiceReader().read(facturx).invoice();
        assertThat(read.number()).isEqualTo(number);
        assertThat(read.type()).isEqualTo(InvoiceType.INVOICE);
        assertThat(read.totals().duePayable()).isEqualByComparingTo("421.80");
        assertThat(read.businessProcess()).isEqualTo("S1");
        assertThat(read.orderReference()).isEqualTo("BC-117");
        assertThat(read.sellerIban()).isEqualTo("FR7630006000011234567890189");
        assertThat(List.of(Note.RECOVERY_INDEMNITY, Note.LATE_PAYMENT_PENALTIES, Note.EARLY_PAYMENT_DISCOUNT))
                .allSatisfy(code -> assertThat(read.note(code)).as(code).isNotBlank());
        document = body(gw.get("/api/documents/" + id, key), 200);
        assertThat(document.get("number").asText()).isEqualTo(number);
        assertThat(document.get("totalInclVat").asText()).isEqualTo("421.80");
        assertThat(document.get("format").asText()).isEqualTo("FACTUR_X");

        assertError(gw.put(path("sales-invoices/" + id), key, "{\"customerId\":\"" + customer + "\",\"lines\":[]}"), 409,
                "finalised");
        assertError(gw.delete(path("sales-invoices/" + id), key), 409, "credit note");
        assertError(finalise(path("sales-invoices/" + id + "/finalise"), key), 409, "already finalised");

        JsonNode creditDraft = body(gw.post(path("sales-invoices/" + id + "/credit-note"), key,
                "{\"lines\":[{\"position\":1,\"quantity\":1}],\"note\":\"Une heure facturée en trop\"}"), 201);
        assertThat(creditDraft.get("type").asText()).isEqualTo("CREDIT_NOTE");
        assertThat(creditDraft.get("correctsId").asText()).isEqualTo(id);
        assertError(gw.post(path("sales-invoices/" + id + "/credit-note"), key, "{\"lines\":[{\"position\":1,\"quantity\":5}]}"),
                400, "more than the 4 invoiced");
        JsonNode credit = body(finalise(path("sales-invoices/" + creditDraft.get("id").asText() + "/finalise"), key), 200);
        assertThat(credit.get("amountDue").asText()).isEqualTo("91.80");   // 76.50 + 20 %
        byte[] creditPdf = gw.getBytes("/api/documents/" + credit.get("id").asText() + "/facturx", key).body();
        assertValidEverywhere(creditPdf, credit.get("number").asText());
        Invoice creditRead = new InvoiceReader().read(creditPdf).invoice();
        assertThat(creditRead.type()).isEqualTo(InvoiceType.CREDIT_NOTE);
        assertThat(creditRead.precedingInvoices()).singleElement().satisfies(p -> {
            assertThat(p.number()).isEqualTo(number);
            assertThat(p.issueDate()).isEqualTo(issued);
        });

        // 421.80 less the 91.80 credited, due 30 days after issue; the other tests' invoices of the dossier are the baseline
        assertThat(figure(issued.minusDays(1), "dueAfter30Days")).isEqualByComparingTo(baseline[0].add(new BigDecimal("330.00")));
        assertThat(figure(issued.plusDays(1), "dueWithin30Days")).isEqualByComparingTo(baseline[1].add(new BigDecimal("330.00")));
        assertThat(figure(issued.plusDays(31), "overdue")).isEqualByComparingTo(baseline[2].add(new BigDecimal("330.00")));
        assertThat(dashboard(issued.plusDays(31)).get("outstanding").get("count").asInt())
                .isEqualTo(dashboard(issued.plusDays(31)).get("overdue").get("count").asInt()
                        + dashboard(issued.plusDays(31)).get("dueWithin30Days").get("count").asInt()
                        + dashboard(issued.plusDays(31)).get("dueAfter30Days").get("count").asInt());

        assertError(gw.post(path("sales-invoices/" + creditDraft.get("id").asText() + "/payment"), key, "{\"status\":\"PAID\"}"),
                409, "credit note");
        JsonNode paid = body(gw.post(path("sales-invoices/" + id + "/payment"), key, "{\"status\":\"PAID\"}"), 200);
        assertThat(paid.get("paymentStatus").asText()).isEqualTo("PAID");
        assertError(gw.post(path("sales-invoices/" + id + "/payment"), key, "{\"status\":\"PAID\"}"), 409, "is PAID");
        assertThat(figure(issued.plusDays(31), "overdue")).isEqualByComparingTo(baseline[2]);
        assertThat(body(gw.post(path("sales-invoices/" + id + "/payment"), key, "{\"status\":\"REFUNDED\"}"), 200)
                .get("paymentStatus").asText()).isEqualTo("REFUNDED");
        JsonNode events = body(gw.get("/api/documents/" + id, key), 200).get("events");
        assertThat(events.findValuesAsText("type")).contains("DRAFT_CREATED", "DRAFT_EDITED", "FINALISED", "PAYMENT_STATUS");
        // every change was the key's; the lifecycle status a payment calls for (212) is the gateway's own
        events.forEach(e -> assertThat(e.get("actor").asText())
                .startsWith(e.get("type").asText().equals("LIFECYCLE") ? "lifecycle:" : "api-key:"));

        assertThat(body(gw.post(path("sales-invoices/" + id + "/exported"), key, ""), 200).get("accountingStatus").asText())
                .isEqualTo("EXPORTED");
        assertError(gw.post(path("sales-invoices/" + id + "/exported"), key, ""), 409, "already EXPORTED");
    }

    @Test
    void sentAndArchivedInvoicesOfEveryChannelStayOutstandingUntilPaid() throws Exception {
        LocalDate at = LocalDate.now(java.time.ZoneId.of("Europe/Paris")).plusYears(1);
        JsonNode before = dashboard(at).get("outstanding");
        // made here, finalised, then sent to DEMONSTRATION (a dossier of the platform), which archives it
        String created = body(gw.post(path("sales-invoices"), key, "{\"customerId\":\"" + customer + "\",\"lines\":["
                + "{\"catalogueItemId\":\"" + service + "\",\"quantity\":2}]}"), 201).get("id").asText();
        String createdTotal = body(finalise(path("sales-invoices/" + created + "/finalise"), key), 200).get("amountDue").asText();
        body(gw.post("/api/documents/" + created + "/send", key, ""), 202);
        // the sample invoices are this dossier's own (seller 732829320) to DEMONSTRATION: sent at once, then archived
        gw.gateway.services().folders().createFolders(SELLER);
        Path dropped = gw.salesFolder(SELLER).resolve(".rcv-folder.pdf.tmp");
        Files.write(dropped, SampleInvoices.facturXPdf("RCV-FOLDER"));
        Files.move(dropped, gw.salesFolder(SELLER).resolve("rcv-folder.pdf"));
        assertThat(gw.upload(path("sales-invoices/files"), key, "file", "rcv-api.xml", SampleInvoices.ciiXml("RCV-API"))
                .statusCode()).isEqualTo(202);
        try (MailServer mail = new MailServer()) {
            mail.user("ventes@mail.test", "pw");
            String admin = gw.login(ADMIN_EMAIL);
            body(gw.put(path("mailboxes"), admin, "{\"mailboxes\":[{\"direction\":\"SALES\",\"protocol\":\"IMAP\","
                    + "\"host\":\"127.0.0.1\",\"port\":" + mail.imapPort() + ",\"username\":\"ventes@mail.test\","
                    + "\"password\":\"pw\",\"pollMillis\":200}]}"), 200);
            mail.send(TestMails.mail("Facture RCV-MAIL").to("ventes@mail.test")
                    .attach("rcv-mail.pdf", "application/pdf", SampleInvoices.facturXPdf("RCV-MAIL")).message());

            List<String> channels = new ArrayList<>();
            for (String number : List.of("RCV-FOLDER", "RCV-API", "RCV-MAIL")) {
                channels.add(awaitArchived(number).get("channel").asText());
            }
            assertThat(channels).containsExactly("FOLDER", "UPLOAD", "MAIL");
        }
        await().atMost(Duration.ofMinutes(4)).until(() -> "ARCHIVED".equals(body(gw.get("/api/documents/" + created, key), 200)
                .get("status").asText()));

        JsonNode after = dashboard(at).get("outstanding");
        assertThat(after.get("count").asInt()).isEqualTo(before.get("count").asInt() + 4);
        assertThat(new BigDecimal(after.get("amount").asText())).isEqualByComparingTo(new BigDecimal(before.get("amount").asText())
                .add(new BigDecimal(createdTotal)).add(new BigDecimal(SampleInvoices.TOTAL_INCL_VAT).multiply(BigDecimal.valueOf(3))));

        body(gw.post(path("sales-invoices/" + created + "/payment"), key, "{\"status\":\"PAID\"}"), 200);
        assertThat(dashboard(at).get("outstanding").get("count").asInt()).isEqualTo(before.get("count").asInt() + 3);
    }

    /** The sales document with this number once it is sent and archived. */
    private JsonNode awaitArchived(String number) {
        java.util.concurrent.atomic.AtomicReference<JsonNode> found = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode list = body(gw.get(path("documents?direction=SALES&limit=500"), key), 200);
            JsonNode doc = null;
            for (JsonNode d : list) {
                if (number.equals(d.path("number").asText())) {
                    doc = d;
                }
            }
            assertThat(doc).as(number).isNotNull();
            assertThat(doc.path("status").asText()).as(doc.toString()).isEqualTo("ARCHIVED");
            found.set(doc);
        });
        return found.get();
    }

    @Test
    void aFinalInvoiceDeductsItsDownPayment() throws Exception {
        String downPaymentDraft = body(gw.post(path("sales-invoices"), key, "{\"type\":\"PREPAYMENT_INVOICE\",\"customerId\":\""
                + customer + "\",\"lines\":[{\"kind\":\"GOODS\",\"label\":\"Acompte 30 % sur commande BC-200\",\"quantity\":1,"
                + "\"unitPrice\":100,\"vatRate\":20}]}"), 201).get("id").asText();
        JsonNode downPayment = body(finalise(path("sales-invoices/" + downPaymentDraft + "/finalise"), key), 200);
        assertThat(downPayment.get("amountDue").asText()).isEqualTo("120.00");
        byte[] dpPdf = gw.getBytes("/api/documents/" + downPaymentDraft + "/facturx", key).body();
        assertValidEverywhere(dpPdf, downPayment.get("number").asText());
        assertThat(new InvoiceReader().read(dpPdf).invoice().type()).isEqualTo(InvoiceType.PREPAYMENT_INVOICE);

        String finalDraft = body(gw.post(path("sales-invoices"), key, "{\"customerId\":\"" + customer + "\",\"lines\":["
                + "{\"catalogueItemId\":\"" + goods + "\",\"quantity\":100}],\"deductDownPayments\":[\"" + downPaymentDraft + "\"]}"), 201)
                .get("id").asText();
        JsonNode fin = body(finalise(path("sales-invoices/" + finalDraft + "/finalise"), key), 200);
        assertThat(fin.get("totalInclVat").asText()).isEqualTo("474.75");   // 450.00 + 5.5 %
        assertThat(fin.get("amountDue").asText()).isEqualTo("354.75");      // less the 120.00 paid in advance
        byte[] pdf = gw.getBytes("/api/documents/" + finalDraft + "/facturx", key).body();
        assertValidEverywhere(pdf, fin.get("number").asText());
        Invoice read = new InvoiceReader().read(pdf).invoice();
        assertThat(read.totals().prepaid()).isEqualByComparingTo("120.00");
        assertThat(read.businessProcess()).isEqualTo("B4");
        assertThat(read.precedingInvoices()).extracting(p -> p.number()).containsExactly(downPayment.get("number").asText());
    }

    @Test
    void concurrentFinalisationsTakeConsecutiveNumbersAndAnInvalidInvoiceTakesNone() throws Exception {
        // outside the scope of VAT (O) yet the seller states its VAT number: BR-O-02 refuses it, so it stays a draft
        String invalid = body(gw.post(path("sales-invoices"), key, "{\"customerId\":\"" + customer + "\",\"lines\":[{\"label\":"
                + "\"Débours\",\"quantity\":1,\"unitPrice\":30,\"vatRate\":0,\"vatCategory\":\"O\",\"exemptionReason\":\"Hors champ\"}]}"),
                201).get("id").asText();
        HttpResponse<String> refused = finalise(path("sales-invoices/" + invalid + "/finalise"), key);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        JsonNode report = JSON.readTree(refused.body());
        assertThat(report.get("error").asText()).isEqualTo("invalid_invoice");
        assertThat(report.get("errors").findValuesAsText("rule")).contains("BR-O-02");
        JsonNode stillDraft = body(gw.get(path("sales-invoices/" + invalid), key), 200);
        assertThat(stillDraft.get("frozen").asBoolean()).isFalse();
        assertThat(stillDraft.get("readyToSend").asBoolean()).isFalse();
        assertThat(stillDraft.get("number").isNull()).isTrue();
        assertThat(stillDraft.get("validation").get("valid").asBoolean()).isFalse();
        assertThat(gw.getBytes("/api/documents/" + invalid + "/facturx", key).statusCode()).isEqualTo(404);
        assertThat(gw.getBytes("/api/documents/" + invalid + "/report", key).statusCode()).isEqualTo(200);

        int n = 4;
        List<String> drafts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            drafts.add(body(gw.post(path("sales-invoices"), key, "{\"customerId\":\"" + customer + "\",\"lines\":[{\"catalogueItemId\":\""
                    + service + "\",\"quantity\":" + (i + 1) + "}]}"), 201).get("id").asText());
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (String id : drafts) {
                answers.add(pool.submit((Callable<HttpResponse<String>>) () -> finalise(path("sales-invoices/" + id + "/finalise"), key)));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        // every number the dossier issued, whatever the other tests finalised: 1..count, none twice, none missing
        List<Long> sequence = new ArrayList<>();
        for (JsonNode inv : body(gw.get(path("sales-invoices?limit=1000"), key), 200)) {
            if (inv.get("frozen").asBoolean()) {
                sequence.add(Long.parseLong(inv.get("number").asText().substring(inv.get("number").asText().lastIndexOf('-') + 1)));
            }
        }
        assertThat(sequence).hasSizeGreaterThanOrEqualTo(n)
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, sequence.size()).boxed().toList());
    }

    @Test
    void aPreviewGivesTheTotalsOfADraftBodyAndStoresNothing() throws Exception {
        int before = body(gw.get(path("sales-invoices"), key), 200).size();
        JsonNode preview = body(gw.post(path("sales-invoices/preview"), key, "{\"customerId\":\"" + customer + "\",\"lines\":["
                + "{\"catalogueItemId\":\"" + service + "\",\"quantity\":2},{\"catalogueItemId\":\"" + goods + "\",\"quantity\":10}]}"), 200);
        assertThat(preview.get("lines").get(0).get("netAmount").asText()).isEqualTo("170.00");
        assertThat(preview.get("lines").get(1).get("netAmount").asText()).isEqualTo("45.00");
        assertThat(preview.get("totalExclVat").asText()).isEqualTo("215.00");
        assertThat(preview.get("totalVat").asText()).isEqualTo("36.48");   // 34.00 + 2.475 rounded
        assertThat(preview.get("totalInclVat").asText()).isEqualTo("251.48");
        assertThat(preview.get("vat")).hasSize(2);
        assertThat(body(gw.get(path("sales-invoices"), key), 200).size()).as("nothing stored").isEqualTo(before);
        assertError(gw.post(path("sales-invoices/preview"), key, "{\"customerId\":\"" + customer + "\",\"lines\":["
                + "{\"catalogueItemId\":\"" + service + "\",\"quantity\":0}]}"), 400, "lines[0].quantity");
        assertError(gw.post(path("sales-invoices/preview"), key, "{\"customerId\":\"" + customerOfA + "\",\"lines\":[]}"),
                404, "customer");
        assertThat(gw.post("/api/dossiers/" + SELLER + "/sales-invoices/preview", gw.keyA, "{}").statusCode())
                .as("another dossier's key").isEqualTo(404);
    }

    @Test
    void badInputsAreRefusedWithAPreciseReason() throws Exception {
        String invoices = path("sales-invoices");
        assertError(gw.post(invoices, key, "{\"customerId\":\"no-such-customer\",\"lines\":[]}"), 404, "customer no-such-customer");
        assertError(gw.post(invoices, key, "{\"customerId\":\"" + customerOfA + "\",\"lines\":[]}"), 404, "customer");
        assertError(gw.post(invoices, key, "{\"customerId\":\"" + customer + "\",\"lines\":[{\"catalogueItemId\":\"" + itemOfA
                + "\",\"quantity\":1}]}"), 404, "catalogue item");
        assertError(gw.post(invoices, key, "{\"customerId\":\"" + customer + "\",\"lines\":[{\"catalogueItemId\":\"" + service
                + "\",\"quantity\":-2}]}"), 400, "lines[0].quantity must be greater than 0");
        assertError(gw.post(invoices, key, "{\"customerId\":\"" + customer + "\",\"lines\":[{\"label\":\"X\",\"quantity\":1,"
                + "\"unitPrice\":10,\"vatRate\":19.6}]}"), 400, "19.6 is not a French VAT rate");
        assertError(gw.post(invoices, key, "{\"customerId\":\"" + customer + "\",\"lines\":[{\"label\":\"X\",\"quantity\":1,"
                + "\"unitPrice\":10,\"vatRate\":0}]}"), 400, "needs vatCategory");
        assertError(gw.post(invoices, key, "{\"type\":\"CREDIT_NOTE\",\"customerId\":\"" + customer + "\"}"), 400, "credit-note");
        assertError(gw.post(invoices, key, "{\"customerId\": oops"), 400, "JSON");
        assertError(gw.post(invoices, key, "{\"customerId\":\"" + customer + "\",\"colour\":\"blue\"}"), 400, "colour");
        assertError(gw.post(path("catalogue"), key, "{\"label\":\"X\",\"unitPrice\":10,\"vatRate\":7}"), 400, "not a French VAT rate");
        assertError(gw.put(path("sales-settings"), admin, "{\"numberPrefix\":\"FACTURE-VTE\"}"), 400, "more than the 20");
        assertError(gw.put(path("sales-settings"), admin, "{\"numberPrefix\":\"FA#\"}"), 400, "'#'");
        assertError(gw.put(path("sales-settings"), admin, "{\"numberPrefix\":\"FA-\",\"iban\":\"FR7630006000011234567890188\"}"),
                400, "not a valid IBAN");
        assertThat(body(gw.get(path("sales-settings"), key), 200).get("numberPrefix").asText()).isEqualTo(PREFIX);

        // tenant wall: dossier A's key sees nothing of the seller's sales, not even through its own dossier's path
        String mine = body(gw.post(invoices, key, "{\"customerId\":\"" + customer + "\",\"lines\":[{\"catalogueItemId\":\""
                + service + "\",\"quantity\":1}]}"), 201).get("id").asText();
        assertError(gw.get(path("sales-invoices/" + mine), gw.keyA), 404, "dossier");
        assertError(gw.get("/api/dossiers/" + SIREN_A + "/sales-invoices/" + mine, gw.keyA), 404, "sales invoice");
        assertError(finalise("/api/dossiers/" + SIREN_A + "/sales-invoices/" + mine + "/finalise", gw.keyA), 404, "sales invoice");
        assertError(gw.get("/api/dossiers/" + SIREN_A + "/catalogue/" + service, gw.keyA), 404, "catalogue item");
        assertThat(body(gw.get("/api/dossiers/" + SIREN_A + "/sales-invoices", gw.keyA), 200).findValuesAsText("id")).doesNotContain(mine);

        // dossier A has neither VAT number nor IBAN nor address: finalising says all of it, and takes no number
        String ofA = body(gw.post("/api/dossiers/" + SIREN_A + "/sales-invoices", gw.keyA, "{\"customerId\":\"" + customerOfA
                + "\",\"lines\":[{\"catalogueItemId\":\"" + itemOfA + "\",\"quantity\":1}]}"), 201).get("id").asText();
        HttpResponse<String> notReady = finalise("/api/dossiers/" + SIREN_A + "/sales-invoices/" + ofA + "/finalise", gw.keyA);
        assertError(notReady, 422, "IBAN");
        assertThat(notReady.body()).contains("VAT number").contains("postal address");

        assertThat(gw.delete(path("sales-invoices/" + mine), key).statusCode()).isEqualTo(200);
        assertThat(gw.get(path("sales-invoices/" + mine), key).statusCode()).isEqualTo(404);
        assertThat(gw.get("/api/documents/" + mine, key).statusCode()).isEqualTo(404);
    }

    /**
     * Finalising writes and validates a PDF/A-3 (seconds each, more on a loaded machine, and one finalisation of a
     * dossier waits for the other): a longer timeout than the test client's 30 s.
     */
    private HttpResponse<String> finalise(String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + gw.port + path))
                .timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private BigDecimal figure(LocalDate at, String bucket) throws Exception {
        return new BigDecimal(dashboard(at).get(bucket).get("amount").asText());
    }

    private JsonNode dashboard(LocalDate at) throws Exception {
        return body(gw.get(path("sales-invoices/dashboard?at=" + at), key), 200);
    }

    private static void assertValidEverywhere(byte[] pdf, String number) throws Exception {
        ValidationReport ours = InvoiceValidator.shared().validate(pdf, number + ".pdf");
        assertThat(ours.valid()).as("our validator: " + ours.findings()).isTrue();
        MustangVerdict mustang = MustangVerdict.of(pdf, number + ".pdf");
        assertThat(mustang.valid()).as("Mustang: " + mustang.errors()).isTrue();
    }

    private static String path(String rest) {
        return "/api/dossiers/" + SELLER + "/" + rest;
    }

    private static JsonNode body(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String messagePart) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("error").asText()).isNotBlank();
        assertThat(error.get("message").asText()).contains(messagePart);
    }
}
