package io.einvoice.gateway.ereporting;

import io.einvoice.gateway.archive.Sha256;
import io.einvoice.gateway.dispatch.DispatchChannel;
import io.einvoice.gateway.dispatch.pa.PaException;
import io.einvoice.gateway.dispatch.pa.PaTestBedContract;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.facturx.FacturXWriter;
import io.einvoice.gateway.facturx.Profile;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.facturx.SecureXml;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.InvoiceLine;
import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.invoice.Party;
import io.einvoice.gateway.invoice.PostalAddress;
import io.einvoice.gateway.invoice.Totals;
import io.einvoice.gateway.invoice.VatBreakdown;
import io.einvoice.gateway.refusal.NotPossibleException;
import io.einvoice.gateway.refusal.StateConflictException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static io.einvoice.gateway.dispatch.pa.PaTestBed.SELLER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * E-reporting against the PA simulator over real HTTP, on H2 or PostgreSQL (issue 17 §4): which sales are reported,
 * the flows 10.1/10.3/10.4 written, posted once per dossier, period and flow, acknowledged by the PA, corrected as a
 * new version, sent by the automatic run (again after the PA was down), and bad files refused by the PA.
 * The bed's clock is 2026-11-24 (Paris): the decade 2026-11-D2 (11th-20th) is over, the month is not.
 */
abstract class EReportingContract extends PaTestBedContract {

    private static final ReportPeriod D2 = ReportPeriod.parse("2026-11-D2");

    EReporting ereporting;
    Dossier seller;

    @BeforeEach
    void start() throws Exception {
        ereporting = new EReporting(new EReports(bed.database.jdbc()), bed.documents, bed.dossiers, bed.blobs, bed.dispatcher,
                bed.database.transactions(), bed.clock);
        seller = bed.dossiers.findById(bed.sellerDossier).orElseThrow();
    }

    @Test
    void b2cSalesOfADecadeGoAggregatedPerDayAndCategoryOnceAndThePaAcknowledgesThem() throws Exception {
        String a = sale("B2C-1", "2026-11-12", individual(), "S1", "100.00", "20.00");
        String b = sale("B2C-2", "2026-11-12", individual(), "S1", "50.00", "10.00");
        String c = sale("B2C-3", "2026-11-15", individual(), "B1", "10.00", "0.55", "5.50");
        String outside = sale("B2C-4", "2026-11-21", individual(), "S1", "10.00", "2.00");
        String french = sale("B2B-FR", "2026-11-13", frenchCompany(), "S1", "70.00", "14.00");

        EReports.Report report = ereporting.send(seller, ReportKind.B2C_TRANSACTIONS, D2, false);

        assertThat(report.flowId()).isNotNull();
        assertThat(report.items()).isEqualTo(3);
        assertThat(bed.pa().receivedFlowIds(SELLER, "AggregatedCustomerTransactionReport")).containsExactly(report.flowId());
        Element root = xml(bed.pa().file(report.flowId()));
        List<Element> groups = all(root, "Transactions");
        assertThat(groups).extracting(g -> text(g, "Date") + " " + text(g, "CategoryCode") + " " + text(g, "TransactionsCount")
                + " " + text(g, "TaxExclusiveAmount") + " " + text(g, "TaxTotal"))
                .containsExactly("2026-11-12 TPS1 2 150.00 30.00", "2026-11-15 TLB1 1 10.00 0.55");
        assertThat(text(root, "TypeCode")).isEqualTo("IN");
        assertThat(FrrCheck.check(bed.pa().file(report.flowId())).passed()).isTrue();
        assertThat(List.of(a, b, c)).allSatisfy(d -> assertThat(bed.documents.events(d))
                .anySatisfy(e -> assertThat(e.details()).contains("flow 10.3 2026-11-D2")));
        assertThat(List.of(outside, french)).allSatisfy(d -> assertThat(bed.documents.events(d))
                .noneSatisfy(e -> assertThat(e.type()).isEqualTo("EREPORTED")));

        bed.clock.advance(Duration.ofSeconds(3));
        bed.follower.followAll();
        assertThat(ereporting.reports(seller)).singleElement().satisfies(r -> assertThat(r.ackStatus()).isEqualTo("Ok"));

        assertThatThrownBy(() -> ereporting.send(seller, ReportKind.B2C_TRANSACTIONS, D2, false))
                .isInstanceOf(StateConflictException.class).hasMessageContaining("a change is sent as a correction");
        assertThat(bed.pa().receivedFlowIds(SELLER, "AggregatedCustomerTransactionReport")).hasSize(1);
    }

    @Test
    void foreignBusinessSaleGoesUnitaryIn101AndAFrenchCompanySentByMailIsLeftOut() throws Exception {
        sale("EXP-1", "2026-11-13", foreignCompany(), "B1", "1000.00", "0.00", "0.00", "K");
        sale("B2B-FR", "2026-11-13", frenchCompany(), "S1", "70.00", "14.00");

        EReports.Report report = ereporting.send(seller, ReportKind.B2B_INT_TRANSACTIONS, D2, false);

        assertThat(report.items()).isEqualTo(1);
        assertThat(bed.pa().receivedFlowIds(SELLER, "IndividualCustomerTransactionReport")).containsExactly(report.flowId());
        Element invoice = all(xml(bed.pa().file(report.flowId())), "Invoice").get(0);
        assertThat(text(invoice, "ID")).isEqualTo("EXP-1");
        assertThat(text(invoice, "CountryId")).isEqualTo("FR");
        assertThat(all(invoice, "TaxRegistrationId")).extracting(Element::getTextContent).contains("DE123456789");
        assertThat(text(invoice, "Code")).isEqualTo("K");
    }

    @Test
    void aCorrectionIsANewVersionThatNamesTheReportItCorrects() throws Exception {
        sale("B2C-1", "2026-11-12", individual(), "S1", "100.00", "20.00");
        EReports.Report first = ereporting.send(seller, ReportKind.B2C_TRANSACTIONS, D2, false);
        sale("B2C-LATE", "2026-11-14", individual(), "S1", "40.00", "8.00");

        EReports.Report second = ereporting.send(seller, ReportKind.B2C_TRANSACTIONS, D2, true);

        assertThat(second.version()).isEqualTo(2);
        assertThat(second.corrects()).isEqualTo(first.id());
        assertThat(second.items()).isEqualTo(2);
        Element root = xml(bed.pa().file(second.flowId()));
        assertThat(text(root, "TypeCode")).isEqualTo("RE");
        assertThat(text(root, "ReportId")).isEqualTo(first.id());
        assertThat(bed.pa().receivedFlowIds(SELLER, "AggregatedCustomerTransactionReport"))
                .containsExactlyInAnyOrder(first.flowId(), second.flowId());
        assertThatThrownBy(() -> ereporting.send(seller, ReportKind.B2C_TRANSACTIONS, ReportPeriod.parse("2026-11-D1"), true))
                .isInstanceOf(StateConflictException.class).hasMessageContaining("nothing to correct");
    }

    @Test
    void paymentsOfServiceSalesGoByMonthOnceTheMonthIsOver() throws Exception {
        String service = sale("B2C-S", "2026-11-12", individual(), "S1", "100.00", "20.00");
        String goods = sale("B2C-G", "2026-11-12", individual(), "B1", "100.00", "20.00");
        paid(service, "2026-11-16T09:00:00Z");
        paid(goods, "2026-11-16T09:00:00Z");
        ReportPeriod november = ReportPeriod.parse("2026-11");

        assertThatThrownBy(() -> ereporting.send(seller, ReportKind.B2C_PAYMENTS, november, false))
                .isInstanceOf(NotPossibleException.class).hasMessageContaining("reported once it is over");
        assertThatThrownBy(() -> ereporting.send(seller, ReportKind.B2C_PAYMENTS, D2, false))
                .isInstanceOf(NotPossibleException.class).hasMessageContaining("by month");
        bed.clock.advance(Duration.ofDays(8));

        EReports.Report report = ereporting.send(seller, ReportKind.B2C_PAYMENTS, november, false);

        assertThat(report.items()).as("the goods sale's VAT was due on delivery: its payment is not reported").isEqualTo(1);
        Element root = xml(bed.pa().file(report.flowId()));
        assertThat(text(root, "Date")).isEqualTo("2026-11-16");
        assertThat(text(root, "TaxPercent") + " " + text(root, "Amount")).isEqualTo("20.00 120.00");
        assertThat(bed.pa().receivedFlowIds(SELLER, "AggregatedCustomerPaymentReport")).containsExactly(report.flowId());
    }

    @Test
    void theAutomaticRunSendsTheDecadeThatEndedOnceAndPostsAgainAfterThePaWasDown() throws Exception {
        sale("B2C-1", "2026-11-12", individual(), "S1", "100.00", "20.00");
        sale("EXP-1", "2026-11-13", foreignCompany(), "B1", "1000.00", "0.00", "0.00", "K");
        // every post of this round: 10.1, 10.3, then their retries at the end of the round, four attempts each
        bed.simulator.failNext("/v1/flows/search", 503, 16);

        assertThat(ereporting.sendDue()).isZero();
        assertThat(ereporting.reports(seller)).hasSize(2).allSatisfy(r -> {
            assertThat(r.flowId()).isNull();
            assertThat(r.lastProblem()).contains("not posted to the PA yet");
        });

        assertThat(ereporting.sendDue()).isEqualTo(2);
        assertThat(ereporting.sendDue()).as("a period is sent once").isZero();
        assertThat(ereporting.reports(seller)).extracting(r -> r.flow() + " " + r.period() + " v" + r.version())
                .containsExactlyInAnyOrder("10.1 2026-11-D2 v1", "10.3 2026-11-D2 v1");
        assertThat(bed.pa().receivedFlowIds(SELLER, "AggregatedCustomerTransactionReport")).hasSize(1);
        assertThat(bed.pa().receivedFlowIds(SELLER, "IndividualCustomerTransactionReport")).hasSize(1);
    }

    @Test
    void thePaRefusesABrokenReportWithInvalidSchemaAndAnAggregatedOneUnderB2BIntWithFlowTypeError() throws Exception {
        sale("B2C-1", "2026-11-12", individual(), "S1", "100.00", "20.00");
        EReports.Report good = ereporting.send(seller, ReportKind.B2C_TRANSACTIONS, D2, false);
        byte[] valid = bed.pa().file(good.flowId());
        byte[] broken = new String(valid, StandardCharsets.UTF_8).replace("<TaxTotal CurrencyCode=\"EUR\">20.00",
                "<TaxTotal CurrencyCode=\"EUR\">25.00").getBytes(StandardCharsets.UTF_8);

        String brokenFlow = bed.dispatcher.sendReport(bed.sellerDossier, "broken-1", "broken.xml", "B2C",
                "AggregatedCustomerTransactionReport", broken);
        String wrongRule = bed.dispatcher.sendReport(bed.sellerDossier, "rule-1", "rule.xml", "B2BInt",
                "AggregatedCustomerTransactionReport", withId(valid, "rule-1"));
        bed.clock.advance(Duration.ofSeconds(3));
        bed.follower.followAll();

        assertThat(bed.flows.find(brokenFlow).orElseThrow()).satisfies(f -> {
            assertThat(f.status()).isEqualTo("Error");
            assertThat(f.reason()).isEqualTo("InvalidSchema");
        });
        assertThat(bed.flows.find(wrongRule).orElseThrow().reason()).isEqualTo("FlowTypeError");
        assertThat(bed.flows.find(good.flowId()).orElseThrow().status()).isEqualTo("Ok");
    }

    @Test
    void withoutAPaAccountTheReportIsKeptWithTheProblem() throws Exception {
        sale("B2C-1", "2026-11-12", individual(), "S1", "100.00", "20.00");
        bed.database.jdbc().update("DELETE FROM pa_buyer");
        bed.database.jdbc().update("DELETE FROM pa_webhook");
        bed.database.jdbc().update("DELETE FROM pa_account");

        EReports.Report report = ereporting.send(seller, ReportKind.B2C_TRANSACTIONS, D2, false);

        assertThat(report.flowId()).isNull();
        assertThat(report.lastProblem()).contains("no PA account");
        assertThatThrownBy(() -> bed.dispatcher.sendReport(bed.sellerDossier, "x", "x.xml", "B2C", "x", new byte[1]))
                .isInstanceOf(PaException.class);
    }

    // --- helpers

    private static byte[] withId(byte[] xml, String id) {
        String s = new String(xml, StandardCharsets.UTF_8);
        return s.replaceFirst("<Id>[^<]*</Id>", "<Id>" + id + "</Id>").getBytes(StandardCharsets.UTF_8);
    }

    private String sale(String number, String date, Party buyer, String process, String base, String tax) throws Exception {
        return sale(number, date, buyer, process, base, tax, "20.00", "S");
    }

    private String sale(String number, String date, Party buyer, String process, String base, String tax, String rate)
            throws Exception {
        return sale(number, date, buyer, process, base, tax, rate, "S");
    }

    /** A sales invoice of the seller dossier, stored as the gateway stores one, sent by e-mail (outside the reform). */
    private String sale(String number, String date, Party buyer, String process, String base, String tax, String rate,
                        String category) throws Exception {
        BigDecimal net = new BigDecimal(base);
        BigDecimal vat = new BigDecimal(tax);
        BigDecimal percent = new BigDecimal(rate);
        Party sellerParty = new Party(SampleInvoices.SELLER_NAME, SELLER, null, SampleInvoices.SELLER_VAT, null, null,
                new PostalAddress("1 rue de la Paix", null, null, "Paris", "75002", null, "FR"), null);
        LocalDate issued = LocalDate.parse(date);
        Invoice invoice = new Invoice(number, InvoiceType.INVOICE, issued, issued.plusDays(30), "EUR", sellerParty, buyer,
                new Totals(net, vat, net.add(vat), net.add(vat)),
                List.of(new InvoiceLine("1", "Prestation", BigDecimal.ONE, "C62", net, percent, category, net, null, null, null)),
                process, null, null, null, null, List.of(), List.of(), null, null, List.of(), null, List.of(),
                List.of(new VatBreakdown(net, vat, category, percent, category.equals("K") ? "Livraison intracommunautaire"
                        : null, category.equals("K") ? "VATEX-EU-IC" : null)));
        byte[] cii = new FacturXWriter().toCii(invoice, Profile.EN16931);
        String documentId = bed.salesDocument(number, cii);
        bed.documents.recordFacturX(documentId, Sha256.of(cii));
        bed.documents.recordDispatch(documentId, DispatchChannel.EMAIL.name(), null);
        return documentId;
    }

    private void paid(String documentId, String at) {
        bed.documents.appendEvent(documentId, new DocumentEvent(OffsetDateTime.parse(at), "test", "PAYMENT_STATUS", null, null,
                "UNPAID -> PAID"));
    }

    private static Party individual() {
        return new Party("Marie Durand", null, null, null, null, null,
                new PostalAddress("3 rue Verte", null, null, "Lyon", "69001", null, "FR"), null);
    }

    private static Party frenchCompany() {
        return new Party(SampleInvoices.BUYER_NAME, SampleInvoices.BUYER_SIREN, null, SampleInvoices.BUYER_VAT, null, null,
                new PostalAddress("5 avenue", null, null, "Nantes", "44000", null, "FR"), null);
    }

    private static Party foreignCompany() {
        return new Party("Lampen GmbH", null, null, "DE123456789", null, null,
                new PostalAddress("Hauptstraße 1", null, null, "Berlin", "10115", null, "DE"), null);
    }

    private static Element xml(byte[] file) throws Exception {
        return SecureXml.parse(file).getDocumentElement();
    }

    private static List<Element> all(Element root, String name) {
        NodeList nodes = root.getElementsByTagName(name);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static String text(Element root, String name) {
        List<Element> found = all(root, name);
        return found.isEmpty() ? null : found.get(0).getTextContent();
    }
}
