package io.einvoice.gateway.system;

import io.einvoice.gateway.archive.ArchiveEntry;
import io.einvoice.gateway.archive.Tampering;
import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.ingest.IncomingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./gateway archive ...} as an operator runs it, on the demo dossier: the gateway archives the sample invoices,
 * stops, and the command opens GATEWAY_HOME on its own.
 */
class ArchiveCommandTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void verifyPassesOnTheDemoDossierAndNamesTheEntryWhoseBlobHasOneByteChanged() throws Exception {
        GatewayConfig config = GatewayConfig.fromEnvironment(Map.of("GATEWAY_HOME", home.toString()));
        List<ArchiveEntry> entries = archiveTheDemoSamples(config);

        assertThat(run(config, "verify", "--dossier", DemoSeeder.DEMO_DOSSIER_SIREN)).isZero();
        assertThat(out.toString()).contains("archive intact: 3 entries verified");
        assertThat(err.toString()).contains("3/3 entries checked");
        assertThat(run(config, "verify")).isZero();

        Path blob = config.blobs().resolve("sha256").resolve(entries.get(1).originalSha256().substring(0, 2))
                .resolve(entries.get(1).originalSha256().substring(2, 4)).resolve(entries.get(1).originalSha256());
        Tampering.flipOneByte(blob);

        assertThat(run(config, "verify", "--dossier", DemoSeeder.DEMO_DOSSIER_SIREN)).isEqualTo(1);
        assertThat(out.toString()).contains("BROKEN dossier " + DemoSeeder.DEMO_DOSSIER_SIREN + " entry 2 (document "
                + entries.get(1).documentId() + "): blob " + entries.get(1).originalSha256() + " was changed");
    }

    @Test
    void exportWritesTheBundleAndRefusesMissingOptions() throws Exception {
        GatewayConfig config = GatewayConfig.fromEnvironment(Map.of("GATEWAY_HOME", home.toString()));
        List<ArchiveEntry> entries = archiveTheDemoSamples(config);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Path zip = home.resolve("out").resolve("bundle.zip");
        Files.createDirectories(zip.getParent());

        assertThat(run(config, "export", "--dossier", DemoSeeder.DEMO_DOSSIER_SIREN, "--from", today, "--to", today,
                "-o", zip.toString())).isZero();
        assertThat(zip).isNotEmptyFile();
        assertThat(out.toString()).contains("exported 3 entries").contains(entries.get(2).entryHash());

        assertThat(run(config, "export", "--dossier", DemoSeeder.DEMO_DOSSIER_SIREN, "--from", today)).isEqualTo(2);
        assertThat(err.toString()).contains("--to is required");
        assertThat(run(config, "verify", "--dossier", "999999999")).isEqualTo(2);
        assertThat(err.toString()).contains("no dossier with SIREN 999999999");
        assertThat(run(config, "shred")).isEqualTo(2);
    }

    private List<ArchiveEntry> archiveTheDemoSamples(GatewayConfig config) throws Exception {
        List<ArchiveEntry> entries = new ArrayList<>();
        try (Gateway gateway = Gateway.create(config.withHttpPort(0))) {
            var services = gateway.services();
            new DemoSeeder(services, config.home()).seed();
            Map<String, byte[]> samples = Map.of("a.pdf", SampleInvoices.facturXPdf("DEMO-A-1"),
                    "b.xml", SampleInvoices.ciiXml("DEMO-A-2"), "c.xml", SampleInvoices.ublXml("DEMO-A-3"));
            for (String name : List.of("a.pdf", "b.xml", "c.xml")) {
                String id = services.ingest().receive(new IncomingFile(DemoSeeder.DEMO_DOSSIER_SIREN, Direction.PURCHASE,
                        Channel.UPLOAD, name, null), new ByteArrayInputStream(samples.get(name))).documentId();
                assertThat(services.documents().transition(id, DocumentStatus.RECOGNIZED, DocumentStatus.APPROVED, null,
                        new DocumentEvent(OffsetDateTime.now(), "test:approval", "APPROVED", DocumentStatus.RECOGNIZED,
                                DocumentStatus.APPROVED, null))).isTrue();
                entries.add(services.archive().service().archive(id, "test"));
            }
        }
        return entries;
    }

    private int run(GatewayConfig config, String... args) {
        out.reset();
        err.reset();
        return new ArchiveCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args, config);
    }
}
