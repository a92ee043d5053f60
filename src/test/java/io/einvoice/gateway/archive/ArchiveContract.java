package io.einvoice.gateway.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.document.PaymentStatus;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.system.Database;
import io.einvoice.gateway.system.GatewayContract;
import io.einvoice.gateway.system.RecordsItsOwnVerdicts;
import io.einvoice.gateway.system.TestDatabase;
import io.einvoice.gateway.system.TestGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.einvoice.gateway.system.TestGateway.SIREN_A;
import static io.einvoice.gateway.system.TestGateway.SIREN_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The sealed archive on a real gateway and database: appending, the database refusing changes, tampering found by
 * verify, one unbroken chain under concurrency, search and download behind the tenant wall. Runs once per database.
 */
// the fixture records verdicts itself: a background validation writing one while a test has the write-once triggers
// off would change an archived row behind the test's back (seen on PostgreSQL: the break found at entry 2, not 3)
@RecordsItsOwnVerdicts
abstract class ArchiveContract extends GatewayContract {

    /** Run by {@link #firstBreakAfter} to remove an entry behind the archive's back. */
    private static final String REMOVE_ENTRY = "DELETE FROM archive_entry WHERE document_id = ?";

    ArchiveFixture fixture;
    Archive archive;

    @BeforeAll
    void start() throws Exception {
        // these tests approve documents and archive them themselves, step by step: the approval and archive polls would race them
        gw.gateway.camel().getRouteController().stopRoute("approval-evaluate");
        gw.gateway.camel().getRouteController().stopRoute("archive-approved");
        fixture = new ArchiveFixture(gw.gateway.services(), gw.database);
        archive = gw.gateway.services().archive();
    }

    @Test
    void anEntryChainsTheDocumentItsFilesAndItsMetadata() throws Exception {
        Dossier dossier = fixture.newDossier(SIREN_A);
        String first = fixture.approved(dossier.siren(), "CHAIN-1", true);
        String second = fixture.approved(dossier.siren(), "CHAIN-2", false);

        ArchiveEntry one = archive.service().archive(first, "test");
        ArchiveEntry two = archive.service().archive(second, "test");

        assertThat(one.seq()).isEqualTo(1);
        assertThat(one.previousHash()).isEqualTo(ArchiveEntry.GENESIS);
        assertThat(two.seq()).isEqualTo(2);
        assertThat(two.previousHash()).isEqualTo(one.entryHash());
        assertThat(two.entryHash()).isEqualTo(Sha256.of(two.hashedText()));
        assertThat(one.reportSha256()).isNotNull();
        assertThat(two.reportSha256()).isNull();
        assertThat(two.metadataJson()).contains("\"absent\":{\"report\":").doesNotContain(" \"").doesNotContain("\n");
        assertThat(CanonicalJson.read(one.metadataJson())).containsEntry("number", "CHAIN-1").containsEntry("dossier", dossier.siren());
        assertThat(one.metadataSha256()).isEqualTo(Sha256.of(one.metadataJson()));
        assertThat(one.retainUntil()).isEqualTo(LocalDate.now(ZoneOffset.UTC).plusYears(10));
        var documents = gw.gateway.services().documents();
        assertThat(documents.findById(first).orElseThrow().status()).isEqualTo(DocumentStatus.ARCHIVED);
        assertThat(documents.events(first)).extracting(e -> e.type()).contains("ARCHIVED");
        assertThat(archive.verifier().verify(dossier.siren(), (d, t) -> { }).intact()).isTrue();
    }

    @Test
    void onlyApprovedOrSentDocumentsAreArchivedAndOnlyOnce() throws Exception {
        Dossier dossier = fixture.newDossier(SIREN_A);
        String recognized = fixture.received(dossier.siren(), "NOT-YET-1");
        assertThatThrownBy(() -> archive.service().archive(recognized, "test"))
                .isInstanceOf(NotArchivableException.class).hasMessageContaining("RECOGNIZED");
        String approved = fixture.approved(dossier.siren(), "ONCE-1", true);
        archive.service().archive(approved, "test");
        assertThatThrownBy(() -> archive.service().archive(approved, "test"))
                .isInstanceOf(NotArchivableException.class).hasMessageContaining("already archived (entry 1)");
        assertThat(archive.entries().count(dossier.id())).isEqualTo(1);
    }

    @Test
    void theDatabaseRefusesToChangeWhatIsArchived() throws Exception {
        Dossier dossier = fixture.newDossier(SIREN_A);
        String id = fixture.approved(dossier.siren(), "SEALED-1", true);
        archive.service().archive(id, "test");
        JdbcTemplate sql = fixture.sql();

        List<String> attempts = List.of(
                "UPDATE archive_entry SET actor = 'someone else' WHERE document_id = '" + id + "'",
                "DELETE FROM archive_entry WHERE document_id = '" + id + "'",
                "UPDATE archive_chain SET last_seq = 0 WHERE dossier_id = '" + dossier.id() + "'",
                "DELETE FROM archive_chain WHERE dossier_id = '" + dossier.id() + "'",
                "UPDATE document SET total_incl_vat = 1 WHERE id = '" + id + "'",
                "UPDATE document SET status = 'APPROVED' WHERE id = '" + id + "'",
                "UPDATE document SET check_reasons = 'late' WHERE id = '" + id + "'",
                "DELETE FROM document WHERE id = '" + id + "'");
        for (String attempt : attempts) {
            assertThatThrownBy(() -> sql.update(attempt)).as(attempt).hasMessageContaining("archive is write-once");
        }
        assertThatThrownBy(() -> gw.gateway.services().documents().recordFacturX(id, ArchiveEntry.GENESIS))
                .hasMessageContaining("archive is write-once");
        // what happens after archiving stays possible: the invoice gets paid
        assertThat(sql.update("UPDATE document SET payment_status = 'PAID' WHERE id = ?", id)).isEqualTo(1);
        assertThat(gw.gateway.services().documents().findById(id).orElseThrow().paymentStatus()).isEqualTo(PaymentStatus.PAID);
        assertThat(archive.verifier().verify(dossier.siren(), (d, t) -> { }).intact()).isTrue();
    }

    @Test
    void retentionIsConfigurableAndRefusedBeforeItsEndByTheApiAndTheDatabase() throws Exception {
        Dossier dossier = fixture.newDossier(SIREN_A);
        String kept = fixture.approved(dossier.siren(), "RETAINED-1", true);
        ArchiveEntry entry = archive.service().archive(kept, "test");
        HttpResponse<String> refused = gw.delete("/api/dossiers/" + dossier.siren() + "/archive/1", gw.login(TestGateway.ADMIN_EMAIL));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(refused.body()).get("error").asText()).isEqualTo("retained");
        assertThat(refused.body()).contains(entry.retainUntil().toString());
        assertThatThrownBy(() -> fixture.sql().update("DELETE FROM archive_entry WHERE document_id = ?", kept))
                .hasMessageContaining("retained until " + entry.retainUntil());

        // a gateway configured with 0 years lets the database purge an entry whose retention has ended
        Dossier expiring = fixture.newDossier(SIREN_A);
        String doc = fixture.approved(expiring.siren(), "EXPIRED-1", false);
        TestDatabase db = gw.database;
        try (Database second = Database.open(db.url(), db.user(), db.password())) {
            Archive noRetention = Archive.create(second.jdbc(), second.transactions(), gw.gateway.services().blobs(),
                    gw.gateway.services().documents(), gw.gateway.services().dossiers(), 0);
            ArchiveEntry expired = noRetention.service().archive(doc, "test");
            assertThat(expired.retainUntil()).isEqualTo(LocalDate.now(ZoneOffset.UTC));
        }
        assertThat(fixture.sql().update("DELETE FROM archive_entry WHERE document_id = ?", doc)).isEqualTo(1);
        HttpResponse<String> gone = gw.delete("/api/dossiers/" + expiring.siren() + "/archive/1", gw.login(TestGateway.ADMIN_EMAIL));
        assertThat(gone.statusCode()).isEqualTo(404);
    }

    @Test
    void aChangedBlobByteIsFoundAndItsEntryNamed() throws Exception {
        Dossier dossier = fixture.newDossier(SIREN_A);
        List<ArchiveEntry> entries = archiveSome(dossier, "BLOB", 3);
        assertThat(archive.verifier().verify(dossier.siren(), (d, t) -> { }).intact()).isTrue();

        Tampering.flipOneByte(gw.gateway.services().blobs().pathOf(entries.get(1).originalSha256()));

        ArchiveVerifier.Result result = archive.verifier().verify(dossier.siren(), (d, t) -> { });
        assertThat(result.intact()).isFalse();
        assertThat(result.breaks()).singleElement().satisfies(b -> {
            assertThat(b.seq()).isEqualTo(2);
            assertThat(b.reason()).contains("blob " + entries.get(1).originalSha256() + " was changed");
        });
    }

    @Test
    void anEditedEntryRowIsFoundAndNamed() throws Exception {
        ArchiveVerifier.Break broken = firstBreakAfter("ROW", 2,
                "UPDATE archive_entry SET metadata_json = REPLACE(metadata_json, 'ROW-2', 'ROW-9') WHERE document_id = ?");
        assertThat(broken.seq()).isEqualTo(2);
        assertThat(broken.reason()).contains("metadata does not hash");
    }

    @Test
    void anEditedDocumentRowIsFoundAndNamed() throws Exception {
        ArchiveVerifier.Break broken = firstBreakAfter("DOC", 3, "UPDATE document SET total_incl_vat = 1.00 WHERE id = ?");
        assertThat(broken.seq()).isEqualTo(3);
        assertThat(broken.reason()).contains("'totalInclVat'").contains("is now 1");
    }

    @Test
    void aRemovedEntryIsFoundAndNamed() throws Exception {
        ArchiveVerifier.Break gap = firstBreakAfter("GAP", 2, REMOVE_ENTRY);
        assertThat(gap.seq()).isEqualTo(2);
        assertThat(gap.reason()).contains("missing");

        ArchiveVerifier.Break last = firstBreakAfter("END", 3, REMOVE_ENTRY);
        assertThat(last.seq()).isEqualTo(3);
        assertThat(last.reason()).contains("removed from the end");
    }

    @Test
    void concurrentArchivingInOneDossierKeepsOneUnbrokenChain() throws Exception {
        Dossier dossier = fixture.newDossier(SIREN_A);
        int count = 24;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(fixture.approved(dossier.siren(), "RACE-" + i, i % 2 == 0));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ArchiveEntry>> tasks = new ArrayList<>();
            for (String id : ids) {
                tasks.add(() -> archive.service().archive(id, "racer"));
            }
            // the same document twice at once: exactly one entry
            tasks.add(() -> {
                try {
                    return archive.service().archive(ids.get(0), "racer-twin");
                } catch (NotArchivableException alreadyDone) {
                    return null;
                }
            });
            Set<Long> seqs = new TreeSet<>();
            int archived = 0;
            for (Future<ArchiveEntry> f : pool.invokeAll(tasks)) {
                try {
                    ArchiveEntry e = f.get();
                    if (e != null) {
                        seqs.add(e.seq());
                        archived++;
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(NotArchivableException.class);
                }
            }
            assertThat(archived).isEqualTo(count);
            assertThat(seqs).hasSize(count).first().isEqualTo(1L);
            assertThat(seqs).last().isEqualTo((long) count);
        } finally {
            pool.shutdownNow();
        }
        List<ArchiveEntry> chain = new ArrayList<>();
        archive.entries().forEach(dossier.id(), null, null, chain::add);
        String previous = ArchiveEntry.GENESIS;
        for (int i = 0; i < chain.size(); i++) {
            assertThat(chain.get(i).seq()).isEqualTo(i + 1);
            assertThat(chain.get(i).previousHash()).isEqualTo(previous);
            previous = chain.get(i).entryHash();
        }
        assertThat(archive.entries().head(dossier.id())).isEqualTo(new ArchiveRepository.Head(count, previous));
        assertThat(archive.verifier().verify(dossier.siren(), (d, t) -> { }).intact()).isTrue();
    }

    @Test
    void approvalArchivesThroughTheRoute() throws Exception {
        Dossier dossier = fixture.newDossier(SIREN_A);
        String id = fixture.approved(dossier.siren(), "ROUTE-1", true);
        String notYet = fixture.received(dossier.siren(), "ROUTE-2");
        var producer = gw.gateway.camel().createProducerTemplate();
        producer.sendBodyAndHeader("seda:archive", notYet, "gatewayActor", "user:approver@test.localhost");
        producer.sendBodyAndHeader("seda:archive", id, "gatewayActor", "user:approver@test.localhost");
        await().until(() -> gw.gateway.services().documents().findById(id).orElseThrow().status() == DocumentStatus.ARCHIVED);
        assertThat(archive.entries().findByDocument(id).orElseThrow().actor()).isEqualTo("user:approver@test.localhost");
        // the request for a document that is not approved was refused and left it as it was
        assertThat(gw.gateway.services().documents().findById(notYet).orElseThrow().status()).isEqualTo(DocumentStatus.RECOGNIZED);
        assertThat(archive.entries().count(dossier.id())).isEqualTo(1);
    }

    @Test
    void aSentInvoiceWhoseArchiveHandOffWasLostIsArchivedAtTheNextStart() throws Exception {
        Dossier dossier = fixture.newDossier(SIREN_A);
        String id = fixture.sent(dossier.siren(), "RESUME-1");

        // what every node does once at its start
        gw.gateway.camel().getRouteController().stopRoute("archive-resume");
        gw.gateway.camel().getRouteController().startRoute("archive-resume");

        await().until(() -> gw.gateway.services().documents().findById(id).orElseThrow().status() == DocumentStatus.ARCHIVED);
        assertThat(archive.entries().findByDocument(id).orElseThrow().actor()).isEqualTo("dispatch:sent");
    }

    @Test
    void theApiArchivesSearchesAndServesTheFilesWithinTheTenantOnly() throws Exception {
        String approved = fixture.approved(SIREN_A, "API-ARCH-1", true);
        String other = fixture.approved(SIREN_A, "API-ARCH-2", false);
        String recognized = fixture.received(SIREN_A, "API-ARCH-3");

        HttpResponse<String> created = gw.post("/api/documents/" + approved + "/archive", gw.keyA, "");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long seq = JSON.readTree(created.body()).get("seq").asLong();
        assertThat(gw.post("/api/documents/" + other + "/archive", gw.keyA, "").statusCode()).isEqualTo(201);
        HttpResponse<String> again = gw.post("/api/documents/" + approved + "/archive", gw.keyA, "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).get("error").asText()).isEqualTo("not_archivable");
        HttpResponse<String> early = gw.post("/api/documents/" + recognized + "/archive", gw.keyA, "");
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(early.body()).contains("RECOGNIZED");

        JsonNode found = JSON.readTree(gw.get("/api/dossiers/" + SIREN_A + "/archive?q=arch-1", gw.keyA).body());
        assertThat(found.get("total").asLong()).isEqualTo(1);
        assertThat(found.at("/entries/0/number").asText()).isEqualTo("API-ARCH-1");
        assertThat(found.at("/entries/0/hashes/entry").asText()).hasSize(64);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode filtered = JSON.readTree(gw.get("/api/dossiers/" + SIREN_A + "/archive?party=Lumi%C3%A8re&direction=PURCHASE"
                + "&paymentStatus=UNPAID&accountingStatus=TO_EXPORT&minAmount=1&maxAmount=100000&archivedFrom=" + today
                + "&archivedTo=" + today + "&issuedFrom=2000-01-01&limit=1", gw.keyA).body());
        assertThat(filtered.get("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(filtered.get("entries")).hasSize(1);
        assertThat(JSON.readTree(gw.get("/api/dossiers/" + SIREN_A + "/archive?maxAmount=0.01", gw.keyA).body())
                .get("total").asLong()).isZero();
        assertThat(gw.get("/api/dossiers/" + SIREN_A + "/archive?issuedFrom=yesterday", gw.keyA).statusCode()).isEqualTo(400);

        String base = "/api/dossiers/" + SIREN_A + "/archive/" + seq;
        JsonNode entry = JSON.readTree(gw.get(base, gw.keyA).body());
        assertThat(entry.at("/metadata/number").asText()).isEqualTo("API-ARCH-1");
        byte[] original = gw.getBytes(base + "/files/original", gw.keyA).body();
        assertThat(Sha256.of(original)).isEqualTo(entry.at("/hashes/original").asText());
        HttpResponse<byte[]> report = gw.getBytes(base + "/files/report", gw.keyA);
        assertThat(report.headers().firstValue("Content-Type").orElse("")).contains("xml");
        assertThat(Sha256.of(report.body())).isEqualTo(entry.at("/hashes/report").asText());
        assertThat(Sha256.of(gw.getBytes(base + "/files/facturx", gw.keyA).body())).isEqualTo(entry.at("/hashes/facturx").asText());

        // the wall: B's key sees nothing of A's archive, and cannot archive A's documents
        List<HttpResponse<?>> fromB = List.of(
                gw.get("/api/dossiers/" + SIREN_A + "/archive", gw.keyB),
                gw.get(base, gw.keyB),
                gw.getBytes(base + "/files/original", gw.keyB),
                gw.delete(base, gw.keyB),
                gw.post("/api/documents/" + other + "/archive", gw.keyB, ""));
        assertThat(fromB).extracting(HttpResponse::statusCode).containsOnly(404);
        assertThat(JSON.readTree(gw.get("/api/dossiers/" + SIREN_B + "/archive", gw.keyB).body()).get("total").asLong()).isZero();
    }

    @Test
    void theExportBundleVerifiesWithStandardToolsAndFailsOnceTampered() throws Exception {
        Dossier dossier = fixture.newDossier(SIREN_A);
        archiveSome(dossier, "EXPORT", 3);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Path bundle = exportAndUnzip(dossier.siren(), today, today, "bundle");
        assertThat(bundle.resolve("manifest.csv")).content().contains("EXPORT-2");
        assertThat(bundle.resolve("events.csv")).content().contains("ARCHIVED");
        assertThat(bundle.resolve("README.md")).content().contains("sha256sum");
        assertThat(run(bundle, "python3", "verify.py")).startsWith("0:OK: 3 entries");
        assertThat(run(bundle, "sh", "verify.sh")).startsWith("0:OK: 3 entries");

        try (var files = Files.list(bundle.resolve("entries/000002"))) {
            Path original = files.filter(p -> p.getFileName().toString().startsWith("original.")).findFirst().orElseThrow();
            Tampering.flipOneByte(original);
        }
        assertThat(run(bundle, "python3", "verify.py")).startsWith("1:BROKEN: entries/000002/original.pdf hashes to");
        assertThat(run(bundle, "sh", "verify.sh")).startsWith("1:").contains("BROKEN");

        // rewriting SHA256SUMS does not help: the chain still names the original bytes
        Path sums = bundle.resolve("SHA256SUMS");
        Files.writeString(sums, Files.readString(sums).replaceAll("[0-9a-f]{64}(  entries/000002/original.pdf)",
                Sha256.of(Files.readAllBytes(bundle.resolve("entries/000002/original.pdf"))) + "$1"));
        assertThat(run(bundle, "python3", "verify.py")).startsWith("1:BROKEN: entries/000002/original.pdf hashes to")
                .contains("the chain says");
        assertThat(run(bundle, "sh", "verify.sh")).startsWith("1:BROKEN: entries/000002/original.pdf hashes to");
    }

    @Test
    void theExportOfAnEmptyPeriodIsAValidBundle() throws Exception {
        Dossier dossier = fixture.newDossier(SIREN_A);
        archiveSome(dossier, "EMPTY", 1);
        Path bundle = exportAndUnzip(dossier.siren(), LocalDate.of(2001, 1, 1), LocalDate.of(2001, 12, 31), "empty");
        assertThat(bundle.resolve("chain.txt")).isEmptyFile();
        assertThat(Files.readAllLines(bundle.resolve("manifest.csv"))).hasSize(1);
        assertThat(bundle.resolve("anchor.txt")).content().contains("entries 0").contains("first-seq 1")
                .contains("previous-hash-of-first-entry " + ArchiveEntry.GENESIS);
        assertThat(run(bundle, "python3", "verify.py")).startsWith("0:OK: 0 entries");
        assertThat(run(bundle, "sh", "verify.sh")).startsWith("0:OK: 0 entries");
    }

    /**
     * Three entries archived in a new dossier of A, then a row changed behind the archive's back (its write-once
     * triggers off): {@code sql} run with the document id of the {@code nth} entry. The first break verify then finds.
     */
    private ArchiveVerifier.Break firstBreakAfter(String prefix, int nth, String sql) throws Exception {
        Dossier dossier = fixture.newDossier(SIREN_A);
        List<ArchiveEntry> entries = archiveSome(dossier, prefix, 3);
        fixture.withoutTriggers(() -> fixture.sql().update(sql, entries.get(nth - 1).documentId()));
        return archive.verifier().verify(dossier.siren(), (d, t) -> { }).breaks().get(0);
    }

    private List<ArchiveEntry> archiveSome(Dossier dossier, String prefix, int count) throws Exception {
        List<ArchiveEntry> entries = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            entries.add(archive.service().archive(fixture.approved(dossier.siren(), prefix + "-" + i, i != 2), "test"));
        }
        return entries;
    }

    private Path exportAndUnzip(String siren, LocalDate from, LocalDate to, String name) throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        archive.exporter().export(siren, from, to, zip);
        Path dir = Files.createDirectories(home.resolve(name + "-" + siren));
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.toByteArray()))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = dir.resolve(e.getName()).normalize();
                assertThat(target.startsWith(dir)).as(e.getName()).isTrue();
                Files.createDirectories(target.getParent());
                Files.copy(in, target);
            }
        }
        return dir;
    }

    /** Runs a bundle script from another folder, as a user would: "exit:output". */
    private static String run(Path bundle, String interpreter, String script) throws Exception {
        Process process = new ProcessBuilder(interpreter, bundle.resolve(script).toString())
                .directory(home.toFile()).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes());
        }
        return process.waitFor() + ":" + output.strip();
    }
}
