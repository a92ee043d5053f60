package io.einvoice.gateway.document;

import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.Firm;
import io.einvoice.gateway.system.Database;
import io.einvoice.gateway.system.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V90: a document stored before it as RECEIVED with the sentence "awaiting recognition (PDF text or OCR)" as its
 * reason is AWAITING_RECOGNITION afterwards, so the restart finds it again by its status; nothing else moves. Runs once
 * per database (H2 and PostgreSQL subclasses).
 */
abstract class AwaitingRecognitionMigrationContract {

    /** The reason text V90 converts, exactly as the gateway wrote it before. */
    private static final String OLD_REASON = "awaiting recognition (PDF text or OCR)";

    @TempDir
    Path home;

    private TestDatabase testDatabase;
    private Database database;

    abstract TestDatabase database(Path home) throws Exception;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
        testDatabase.close();
    }

    @Test
    void aReceivedDocumentWithTheAwaitingSentenceBecomesAwaitingRecognitionAndTheOthersStay() throws Exception {
        testDatabase = database(home);
        DriverManagerDataSource before = new DriverManagerDataSource(testDatabase.url(), testDatabase.user(),
                testDatabase.password());
        Flyway.configure().dataSource(before).locations("classpath:db/migration", "classpath:db/vendor/"
                + (testDatabase.url().startsWith("jdbc:h2:") ? "h2" : "postgresql")).target("81").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(before);
        DossierRepository dossiers = new DossierRepository(jdbc);
        Firm firm = new Firm(UUID.randomUUID().toString(), "F", "443322110");
        dossiers.insertFirm(firm);
        Dossier dossier = new Dossier(UUID.randomUUID().toString(), firm.id(), "123456782", null, "A", null, 12, "ACTIVE", false);
        dossiers.insert(dossier);
        DocumentRepository old = new DocumentRepository(jdbc);
        old.recordBlob("a".repeat(64), 10, "application/pdf");
        Document waiting = document(dossier, "t-1", DocumentStatus.RECEIVED, OLD_REASON);
        Document otherReason = document(dossier, "t-2", DocumentStatus.RECEIVED, "something else");
        Document quarantined = document(dossier, "t-3", DocumentStatus.QUARANTINED, OLD_REASON);
        old.insert(waiting);
        old.insert(otherReason);
        old.insert(quarantined);

        database = Database.open(testDatabase.url(), testDatabase.user(), testDatabase.password());
        DocumentRepository documents = new DocumentRepository(database.jdbc());

        Document converted = documents.findById(waiting.id()).orElseThrow();
        assertThat(converted.status()).isEqualTo(DocumentStatus.AWAITING_RECOGNITION);
        assertThat(converted.statusReason()).isNull();
        assertThat(documents.idsIn(DocumentStatus.AWAITING_RECOGNITION)).containsExactly(waiting.id());
        assertThat(documents.findById(otherReason.id()).orElseThrow().status()).isEqualTo(DocumentStatus.RECEIVED);
        assertThat(documents.findById(quarantined.id()).orElseThrow())
                .extracting(Document::status, Document::statusReason)
                .containsExactly(DocumentStatus.QUARANTINED, OLD_REASON);
    }

    private static Document document(Dossier dossier, String transportId, DocumentStatus status, String reason) {
        return new Document(UUID.randomUUID().toString(), dossier.id(), Direction.PURCHASE, Channel.FOLDER, transportId,
                "scan.pdf", "a".repeat(64), null, null, null, null, status, reason, PaymentStatus.UNPAID,
                AccountingStatus.TO_EXPORT, null, OffsetDateTime.now());
    }
}
