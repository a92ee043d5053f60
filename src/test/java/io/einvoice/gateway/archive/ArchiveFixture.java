package io.einvoice.gateway.archive;

import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.ingest.IncomingFile;
import io.einvoice.gateway.ingest.IngestResult;
import io.einvoice.gateway.system.Gateway;
import io.einvoice.gateway.system.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Archivable documents made the real way: a generated Factur-X ingested by the gateway, kept as its own Factur-X,
 * given a validation report when asked, then moved to APPROVED as the approval step does.
 */
final class ArchiveFixture {

    private static final Random SIRENS = new Random();

    private final Gateway.Services services;
    private final TestDatabase database;

    ArchiveFixture(Gateway.Services services, TestDatabase database) {
        this.services = services;
        this.database = database;
    }

    /** A dossier of its own, so a test may break its chain without touching the others. */
    Dossier newDossier(String firmOfSiren) {
        String firmId = services.dossiers().findBySiren(firmOfSiren).orElseThrow().firmId();
        String siren;
        do {
            siren = String.format("%09d", SIRENS.nextInt(1_000_000_000));
        } while (services.dossiers().findBySiren(siren).isPresent());
        Dossier dossier = new Dossier(UUID.randomUUID().toString(), firmId, siren, null, "Archive test " + siren, null, 12,
                "ACTIVE", false);
        services.dossiers().insert(dossier);
        return dossier;
    }

    String received(String siren, String number) throws Exception {
        IngestResult result = services.ingest().receive(
                new IncomingFile(siren, Direction.PURCHASE, Channel.UPLOAD, number + ".pdf", null),
                new ByteArrayInputStream(SampleInvoices.facturXPdf(number)));
        assertThat(result.status()).isEqualTo(DocumentStatus.RECOGNIZED);
        return result.documentId();
    }

    String approved(String siren, String number, boolean withReport) throws Exception {
        String id = received(siren, number);
        var documents = services.documents();
        documents.recordFacturX(id, documents.findById(id).orElseThrow().originalSha256());
        if (withReport) {
            byte[] report = ("<?xml version=\"1.0\"?><validation document=\"" + number + "\" valid=\"true\"/>")
                    .getBytes(StandardCharsets.UTF_8);
            BlobRef blob = services.blobs().put(report);
            documents.recordBlob(blob.sha256(), blob.size(), "application/xml");
            documents.recordValidation(id, true, 0, blob.sha256());
        }
        assertThat(documents.transition(id, DocumentStatus.RECOGNIZED, DocumentStatus.APPROVED, null,
                new DocumentEvent(OffsetDateTime.now(), "test:approval", "APPROVED", DocumentStatus.RECOGNIZED,
                        DocumentStatus.APPROVED, null))).isTrue();
        return id;
    }

    /** A document sending has moved to SENT, whose hand-off to the archive stage was then lost (the node stopped). */
    String sent(String siren, String number) throws Exception {
        String id = received(siren, number);
        var documents = services.documents();
        documents.recordFacturX(id, documents.findById(id).orElseThrow().originalSha256());
        assertThat(documents.transition(id, DocumentStatus.RECOGNIZED, DocumentStatus.SENT, null,
                new DocumentEvent(OffsetDateTime.now(), "test:dispatch", "SENT", DocumentStatus.RECOGNIZED,
                        DocumentStatus.SENT, null))).isTrue();
        return id;
    }

    /** A connection of the test's own, as an operator with SQL access would have. */
    JdbcTemplate sql() {
        return new JdbcTemplate(new DriverManagerDataSource(database.url(), database.user(), database.password()));
    }

    /** Runs {@code tampering} with the write-once triggers off, as someone with full database rights could. */
    void withoutTriggers(Runnable tampering) {
        JdbcTemplate sql = sql();
        boolean postgres = database.kind().equals("PostgreSQL");
        String[][] triggers = {{"archive_entry", "archive_entry_write_once"}, {"archive_chain", "archive_chain_append_only"},
                {"document", "document_archived_write_once"}};
        for (String[] t : triggers) {
            sql.execute(postgres ? "ALTER TABLE " + t[0] + " DISABLE TRIGGER " + t[1] : "DROP TRIGGER " + t[1]);
        }
        try {
            tampering.run();
        } finally {
            for (String[] t : triggers) {
                sql.execute(postgres ? "ALTER TABLE " + t[0] + " ENABLE TRIGGER " + t[1]
                        : "CREATE TRIGGER " + t[1] + " BEFORE UPDATE, DELETE ON " + t[0]
                        + " FOR EACH ROW CALL 'io.einvoice.gateway.archive.H2ArchiveGuard'");
            }
        }
    }
}
