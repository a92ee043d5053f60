package io.einvoice.gateway.connector;

import io.einvoice.gateway.dispatch.chorus.ChorusApi;
import io.einvoice.gateway.dispatch.chorus.ChorusSettings;
import io.einvoice.gateway.dispatch.chorus.simulator.ChorusSimulator;
import io.einvoice.gateway.dispatch.chorus.simulator.SimulatedChorus;
import io.einvoice.gateway.dispatch.chorus.simulator.SimulatedStructure;
import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.outbound.OutboundGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Chorus Pro reception against the Chorus Pro simulator (real HTTP, PISTE token, cpro-account): a public buyer's
 * received invoices fetched once each, then only the new ones; an invoice Chorus Pro already marks as downloaded is
 * still fetched until it is stored; refused credentials and an unknown SIRET stop the connector; an outage fails one
 * run only; another structure's invoices are never fetched; the downloaded archive read within bounds; settings
 * checked field by field.
 */
abstract class ChorusProRunsContract extends ConnectorContract {

    static final String RECIPIENT_SIRET = "12345678200010";
    static final String CLIENT_ID = "piste-reception";
    static final String CLIENT_SECRET = "5f0c2a3e-piste-secret";
    static final String LOGIN = "TECH_2_reception@cpro.fr";
    static final String PASSWORD = "mot:de:passe-technique";
    static final String SUPPLIER_LOGIN = "TECH_1_fournisseur@cpro.fr";

    private ChorusSimulator simulator;
    private SimulatedChorus chorus;

    @BeforeEach
    void open() throws Exception {
        chorus = SimulatedChorus.withFixtures()
                .addStructure(new SimulatedStructure(26_500_010, RECIPIENT_SIRET, "DEMONSTRATION", true, false, false,
                        false, List.of()))
                .addTechnicalAccount(SUPPLIER_LOGIN, "fournisseur", Map.of("73282932000017", SampleInvoices.SELLER_NAME))
                .addRecipientAccount(LOGIN, PASSWORD, Set.of(RECIPIENT_SIRET));
        simulator = ChorusSimulator.start(0, chorus).addClient(CLIENT_ID, CLIENT_SECRET,
                Set.of("factures", "structures", "transverses"));
        ChorusApi api = new ChorusApi(ChorusSettings.defaults(simulator.baseUrl(), simulator.tokenUrl())
                .withTimeouts(Duration.ofSeconds(10), Duration.ofMillis(10), Duration.ofMillis(10)), () -> f.camel);
        f.build(OutboundGuard.strict(InetAddress::getAllByName), http -> List.of(new ChorusProSource(api)));
    }

    @AfterEach
    void close() throws Exception {
        simulator.close();
    }

    private long received(String number, String depositDate) {
        return chorus.receive(SUPPLIER_LOGIN, number + ".pdf", SampleInvoices.chorusFacturXPdf(number,
                SampleInvoices.PublicBuyer.plain(RECIPIENT_SIRET)), LocalDate.parse(depositDate));
    }

    private Connector create(String siret, String secret) {
        return f.service.create(f.dossier, new ConnectorRequest("Chorus Pro", ConnectorKind.CHORUS_PRO, 60, secret,
                new ChorusProSettings(siret, CLIENT_ID, LOGIN)));
    }

    private boolean stored(Connector c, long chorusId) {
        return f.documents.findByTransport(f.dossier.id(), Channel.CONNECTOR, "connector:" + c.id() + ":" + chorusId)
                .isPresent();
    }

    @Test
    void receivedInvoicesComeInOnceThenOnlyTheNewOnes() throws Exception {
        long first = received("REC-001", "2026-11-02");
        long second = received("REC-002", "2026-11-03");
        Connector c = create(RECIPIENT_SIRET, CLIENT_SECRET + ":" + PASSWORD);

        ConnectorRuns.Report report = f.runs.runNow(c);

        assertThat(report.run().outcome()).isEqualTo(ConnectorOutcome.OK);
        assertThat(report.documents()).hasSize(2);
        assertThat(f.documents.findByTransport(f.dossier.id(), Channel.CONNECTOR, "connector:" + c.id() + ":" + first))
                .get().satisfies(d -> {
                    assertThat(d.status()).isEqualTo(DocumentStatus.RECOGNIZED);
                    assertThat(d.fileName()).isEqualTo("REC-001.pdf");
                });
        assertThat(stored(c, second)).isTrue();
        assertThat(f.reload(c).cursor()).as("the newest deposit date").isEqualTo("2026-11-03");

        long third = received("REC-003", "2026-11-03");
        ConnectorRuns.Report next = f.runs.runNow(f.reload(c));
        assertThat(next.run().listed()).as("from the cursor's day on").isEqualTo(2);
        assertThat(next.documents()).hasSize(1);
        assertThat(stored(c, third)).isTrue();

        assertThat(f.runs.runNow(f.reload(c)).documents()).isEmpty();
        assertThat(chorus.recipientDownloads(first)).as("never downloaded twice once stored").isEqualTo(1);
        assertThat(chorus.recipientDownloads(second)).isEqualTo(1);
        assertThat(f.connectorDocuments()).isEqualTo(3);
    }

    @Test
    void anInvoiceChorusProMarksDownloadedIsFetchedUntilStored() throws Exception {
        long id = received("REC-010", "2026-11-02");
        // downloaded before, but never stored here (a run that died after the download, or a person on the portal)
        chorus.markDownloadedByRecipient(id);
        Connector c = create(RECIPIENT_SIRET, CLIENT_SECRET + ":" + PASSWORD);

        ConnectorRuns.Report dry = f.runs.dryRun(c);
        assertThat(dry.wouldFetch()).extracting(RemoteInvoice::remoteId).containsExactly(String.valueOf(id));

        assertThat(f.runs.runNow(f.reload(c)).documents()).hasSize(1);
        assertThat(stored(c, id)).isTrue();
    }

    @Test
    void nothingReceivedIsAnOkRunWithNothingListed() throws Exception {
        Connector c = create(RECIPIENT_SIRET, CLIENT_SECRET + ":" + PASSWORD);

        ConnectorRuns.Report report = f.runs.runNow(c);

        assertThat(report.run().outcome()).isEqualTo(ConnectorOutcome.OK);
        assertThat(report.run().listed()).isZero();
    }

    @Test
    void anotherStructuresInvoicesAreNeverFetched() throws Exception {
        chorus.receive(SUPPLIER_LOGIN, "COM-001.pdf", SampleInvoices.chorusFacturXPdf("COM-001",
                SampleInvoices.PublicBuyer.plain(SimulatedStructure.communeDeDemo().siret())), LocalDate.parse("2026-11-02"));
        // the account is attached to DEMONSTRATION only: asking for the commune's structure finds nothing
        Connector c = create(SimulatedStructure.communeDeDemo().siret(), CLIENT_SECRET + ":" + PASSWORD);

        ConnectorRuns.Report report = f.runs.runNow(c);

        assertThat(report.run().listed()).isZero();
        assertThat(f.connectorDocuments()).isZero();
    }

    @Test
    void aWrongTechnicalPasswordStopsTheConnector() throws Exception {
        received("REC-020", "2026-11-02");
        Connector c = create(RECIPIENT_SIRET, CLIENT_SECRET + ":mauvais");

        f.runs.scheduled(c.id());

        Connector after = f.reload(c);
        assertThat(after.lastOutcome()).isEqualTo(ConnectorOutcome.STOPPED);
        assertThat(after.paused()).isTrue();
        assertThat(after.lastProblem()).contains("technical account").contains("chorusPro.technicalLogin");
        assertThat(f.connectorDocuments()).isZero();
    }

    @Test
    void aWrongClientSecretStopsTheConnector() throws Exception {
        Connector c = create(RECIPIENT_SIRET, "autre-secret:" + PASSWORD);

        f.runs.scheduled(c.id());

        Connector after = f.reload(c);
        assertThat(after.lastOutcome()).isEqualTo(ConnectorOutcome.STOPPED);
        assertThat(after.lastProblem()).contains("PISTE refused the OAuth client " + CLIENT_ID);
    }

    @Test
    void anUnknownSiretStopsTheConnector() throws Exception {
        Connector c = create("99999999900019", CLIENT_SECRET + ":" + PASSWORD);

        f.runs.scheduled(c.id());

        Connector after = f.reload(c);
        assertThat(after.lastOutcome()).isEqualTo(ConnectorOutcome.STOPPED);
        assertThat(after.lastProblem()).contains("no structure with SIRET 99999999900019");
    }

    @Test
    void anOutageFailsOneRunAndTheNextOneFetches() throws Exception {
        long id = received("REC-030", "2026-11-02");
        Connector c = create(RECIPIENT_SIRET, CLIENT_SECRET + ":" + PASSWORD);
        // 500: camel-http (Apache HttpClient 5) itself retries a 503 after a second
        simulator.failNext("factures/v1/rechercher/recipiendaire", 500, 1);

        ConnectorRuns.Report failed = f.runs.runNow(c);
        assertThat(failed.run().outcome()).isEqualTo(ConnectorOutcome.FAILED);
        assertThat(failed.run().problem()).contains("HTTP 500").contains("next run tries again");
        assertThat(f.reload(c).paused()).isFalse();

        simulator.failNext("factures/v1/telecharger/groupe", 500, 1);
        ConnectorRuns.Report partial = f.runs.runNow(f.reload(c));
        assertThat(partial.run().outcome()).isEqualTo(ConnectorOutcome.PARTIAL);
        assertThat(stored(c, id)).isFalse();

        assertThat(f.runs.runNow(f.reload(c)).documents()).hasSize(1);
        assertThat(stored(c, id)).isTrue();
    }

    @Test
    void theDownloadedArchiveIsReadWithinBounds() throws Exception {
        RemoteInvoice invoice = new RemoteInvoice("4000001", "2026-11-02", "chorus-pro:/factures/recues/4000001/F.pdf");
        byte[] pdf = SampleInvoices.facturXPdf("F-1");

        assertThat(ChorusProSource.invoiceIn(zip(Map.of("notes.txt", new byte[10], "4000001_F-1.pdf", pdf)), invoice,
                pdf.length)).isEqualTo(pdf);
        assertThatThrownBy(() -> ChorusProSource.invoiceIn(zip(Map.of("big.pdf", new byte[2048])), invoice, 1024))
                .hasMessageContaining("larger than 1,024 bytes");
        assertThatThrownBy(() -> ChorusProSource.invoiceIn("pas une archive".getBytes(), invoice, 1024))
                .hasMessageContaining("without a PDF or XML file");
        assertThatThrownBy(() -> ChorusProSource.invoiceIn(zip(Map.of("lisez-moi.txt", new byte[10])), invoice, 1024))
                .hasMessageContaining("without a PDF or XML file");
    }

    @Test
    void settingsAreCheckedFieldByField() {
        assertThatThrownBy(() -> create("1234567820001", CLIENT_SECRET + ":" + PASSWORD))
                .hasMessageContaining("chorusPro.recipientSiret must be the 14 digits");
        assertThatThrownBy(() -> create(RECIPIENT_SIRET, "sans-deux-points"))
                .hasMessageContaining("secret must be the PISTE client secret, a colon");
        assertThatThrownBy(() -> create(RECIPIENT_SIRET, CLIENT_SECRET + ":"))
                .hasMessageContaining("secret must be the PISTE client secret, a colon");
        assertThatThrownBy(() -> f.service.create(f.dossier, new ConnectorRequest("Chorus Pro", ConnectorKind.CHORUS_PRO,
                60, CLIENT_SECRET + ":" + PASSWORD, new ChorusProSettings(RECIPIENT_SIRET, " ", LOGIN))))
                .hasMessageContaining("chorusPro.clientId is required");
        assertThatThrownBy(() -> f.service.create(f.dossier, new ConnectorRequest("Chorus Pro", ConnectorKind.CHORUS_PRO,
                60, CLIENT_SECRET + ":" + PASSWORD, (ChorusProSettings) null)))
                .hasMessageContaining("chorusPro is required");
    }

    private static byte[] zip(Map<String, byte[]> entries) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(entries).entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
