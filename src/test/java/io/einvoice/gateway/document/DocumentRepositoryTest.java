package io.einvoice.gateway.document;

import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierIdentity;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.Firm;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.invoice.Party;
import io.einvoice.gateway.invoice.Totals;
import io.einvoice.gateway.system.DatabaseOfEachTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The repository against the embedded H2 database, migrated by Flyway as at start-up. */
class DocumentRepositoryTest {

    @RegisterExtension
    final DatabaseOfEachTest database = DatabaseOfEachTest.h2();

    private DocumentRepository documents;
    private Dossier dossier;
    private Dossier other;

    @BeforeEach
    void open() {
        documents = new DocumentRepository(database.jdbc());
        DossierRepository dossiers = new DossierRepository(database.jdbc());
        Firm firm = new Firm(UUID.randomUUID().toString(), "F", "443322110");
        dossiers.insertFirm(firm);
        dossier = new Dossier(UUID.randomUUID().toString(), firm.id(), "123456782", null, "A", null, 12, "ACTIVE", false);
        other = new Dossier(UUID.randomUUID().toString(), firm.id(), "552100554", null, "B", null, 12, "ACTIVE", false);
        dossiers.insert(dossier);
        dossiers.insert(other);
    }

    @Test
    void storesMoneyAsExactDecimalsAndReadsTheDocumentBack() {
        documents.recordBlob("a".repeat(64), 10, "application/pdf");
        Invoice invoice = new Invoice("F-1", InvoiceType.CREDIT_NOTE, LocalDate.of(2026, 3, 12), LocalDate.of(2026, 4, 11), "EUR",
                new Party("Vendeur", "732829320", "73282932000074", "FR44732829320"), new Party("Acheteur", "123456782", null, null),
                new Totals(new BigDecimal("0.10"), new BigDecimal("0.02"), new BigDecimal("0.12"), new BigDecimal("0.12")),
                List.of());
        Document stored = document(dossier, "a".repeat(64), invoice, "t-1");
        documents.insert(stored);

        Document read = documents.findById(stored.id()).orElseThrow();
        assertThat(read.invoice().totals().inclVat()).isEqualByComparingTo("0.12");
        assertThat(read.invoice().totals().exclVat().add(read.invoice().totals().vat()))
                .isEqualByComparingTo(read.invoice().totals().inclVat());
        assertThat(read.invoice().type()).isEqualTo(InvoiceType.CREDIT_NOTE);
        assertThat(read.invoice().seller().siret()).isEqualTo("73282932000074");
        assertThat(read.invoice().dueDate()).isEqualTo(LocalDate.of(2026, 4, 11));
        assertThat(read.lineCount()).isEqualTo(3);
    }

    @Test
    void recordingTheSameBlobTwiceKeepsOneRow() {
        documents.recordBlob("b".repeat(64), 10, "application/pdf");
        documents.recordBlob("b".repeat(64), 10, "application/pdf");
        assertThat(database.jdbc().queryForObject("SELECT COUNT(*) FROM blob", Integer.class)).isEqualTo(1);
    }

    @Test
    void listsAreScopedToTheirDossierAndDuplicatesPointAtTheFirst() {
        documents.recordBlob("c".repeat(64), 10, "application/pdf");
        Document first = document(dossier, "c".repeat(64), null, "t-2");
        documents.insert(first);
        documents.insert(document(other, "c".repeat(64), null, "t-3"));

        assertThat(documents.find(dossier.id(), new DocumentQuery(null, null, 10, 0))).extracting(Document::id)
                .containsExactly(first.id());
        assertThat(documents.firstWithContent(dossier.id(), "c".repeat(64))).contains(first.id());
        assertThat(documents.findByTransport(dossier.id(), Channel.FOLDER, "t-2")).map(Document::id).contains(first.id());
        assertThat(documents.findByTransport(other.id(), Channel.FOLDER, "t-2")).isEmpty();
        assertThat(documents.find(dossier.id(), new DocumentQuery(null, DocumentStatus.RECOGNIZED, 10, 0))).isEmpty();
    }

    @Test
    void eventsComeBackInOrder() {
        documents.recordBlob("d".repeat(64), 10, "application/pdf");
        Document doc = document(dossier, "d".repeat(64), null, "t-4");
        documents.insert(doc);
        documents.appendEvent(doc.id(), new DocumentEvent(OffsetDateTime.now(), "ingest", "RECEIVED", null,
                DocumentStatus.RECEIVED, "x".repeat(5000)));
        documents.appendEvent(doc.id(), new DocumentEvent(OffsetDateTime.now(), "ingest", "QUARANTINED",
                DocumentStatus.RECEIVED, DocumentStatus.QUARANTINED, "empty file"));

        List<DocumentEvent> events = documents.events(doc.id());
        assertThat(events).extracting(DocumentEvent::type).containsExactly("RECEIVED", "QUARANTINED");
        assertThat(events.get(0).details()).as("long details are cut to the column").hasSize(4000);
        assertThat(events.get(1).fromStatus()).isEqualTo(DocumentStatus.RECEIVED);
    }

    @Test
    void aTransitionHappensOnlyFromTheExpectedStatusAndLeavesAnEvent() {
        documents.recordBlob("e".repeat(64), 10, "application/pdf");
        Document doc = document(dossier, "e".repeat(64), null, "t-5");
        documents.insert(doc);
        DocumentEvent event = new DocumentEvent(OffsetDateTime.now(), "user:a", "REPLAYED", DocumentStatus.QUARANTINED,
                DocumentStatus.RECOGNIZED, "fixed");

        assertThat(documents.transition(doc.id(), DocumentStatus.QUARANTINED, DocumentStatus.RECOGNIZED, null, event)).isTrue();
        assertThat(documents.transition(doc.id(), DocumentStatus.QUARANTINED, DocumentStatus.REJECTED, "late", event))
                .as("a second decision from the old status loses").isFalse();

        assertThat(documents.findById(doc.id())).map(Document::status).contains(DocumentStatus.RECOGNIZED);
        assertThat(documents.findById(doc.id()).orElseThrow().statusReason()).isNull();
        assertThat(documents.events(doc.id())).extracting(DocumentEvent::type).containsExactly("REPLAYED");
    }

    @Test
    void checksStartEmptyAndKeepEachReasonOnce() {
        documents.recordBlob("f".repeat(64), 10, "application/pdf");
        documents.recordBlob("1".repeat(64), 10, "application/pdf");
        documents.recordBlob("2".repeat(64), 10, "application/json");
        Document doc = document(dossier, "f".repeat(64), null, "t-6");
        documents.insert(doc);
        assertThat(documents.checks(doc.id())).isEqualTo(DocumentChecks.NONE);

        documents.recordFacturX(doc.id(), "1".repeat(64));
        documents.recordValidation(doc.id(), true, 0, "2".repeat(64));
        assertThat(documents.checks(doc.id()).cleanAndValid()).isTrue();

        documents.addCheckReason(doc.id(), "total differs from the visible text");
        documents.addCheckReason(doc.id(), "total differs from the visible text");
        documents.addCheckReason(doc.id(), "IBAN differs from the visible text");
        DocumentChecks checks = documents.checks(doc.id());
        assertThat(checks.facturxSha256()).isEqualTo("1".repeat(64));
        assertThat(checks.validationReportSha256()).isEqualTo("2".repeat(64));
        assertThat(checks.checkReasons()).containsExactly("total differs from the visible text", "IBAN differs from the visible text");
        assertThat(checks.cleanAndValid()).isFalse();
    }

    @Test
    void aPostponedDocumentGoesToTheBackOfItsStatusQueue() {
        documents.recordBlob("9".repeat(64), 10, "application/pdf");
        Document failing = document(dossier, "9".repeat(64), null, "t-7");
        Document next = document(dossier, "9".repeat(64), null, "t-8");
        documents.insert(failing);
        documents.insert(next);
        documents.postpone(failing.id());

        assertThat(documents.idsInStatus(DocumentStatus.QUARANTINED, 10)).containsSubsequence(next.id(), failing.id());
        assertThat(documents.idsInStatus(DocumentStatus.QUARANTINED, 10)).last().isEqualTo(failing.id());
    }

    @Test
    void theDocumentIsReadWithWhatTheStepsAfterIngestRecordedOnIt() {
        documents.recordBlob("f".repeat(64), 10, "application/pdf");
        Document stored = document(dossier, "f".repeat(64), null, "t-6");
        documents.insert(stored);
        documents.recordFacturX(stored.id(), "f".repeat(64));
        documents.recordValidation(stored.id(), false, 2, "f".repeat(64));
        documents.addCheckReason(stored.id(), "IBAN differs from the visible text");

        DocumentRepository.Checked read = documents.findChecked(stored.id()).orElseThrow();
        assertThat(read.document()).isEqualTo(documents.findById(stored.id()).orElseThrow());
        assertThat(read.checks()).isEqualTo(documents.checks(stored.id()))
                .isEqualTo(new DocumentChecks("f".repeat(64), false, 2, "f".repeat(64), List.of("IBAN differs from the visible text")));
        assertThat(documents.findChecked(UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    void aDossierUnknownAtFirstIsFoundOnceCreated() {
        DossierRepository dossiers = new DossierRepository(database.jdbc());
        Dossier later = new Dossier(UUID.randomUUID().toString(), dossier.firmId(), "732829320", null, "C", null, 12, "ACTIVE", false);
        assertThat(dossiers.identity(later.id())).isEmpty();
        dossiers.insert(later);
        assertThat(dossiers.identity(later.id())).contains(new DossierIdentity(later.id(), dossier.firmId(), "732829320"));
        assertThat(dossiers.sirenForLogs(later.id())).isEqualTo("732829320");
    }

    private static Document document(Dossier dossier, String sha, Invoice invoice, String transportId) {
        return new Document(UUID.randomUUID().toString(), dossier.id(), Direction.PURCHASE, Channel.FOLDER, transportId,
                "f.pdf", sha, invoice == null ? null : "FACTUR_X", null, invoice, invoice == null ? null : 3,
                invoice == null ? DocumentStatus.QUARANTINED : DocumentStatus.RECOGNIZED, invoice == null ? "empty file" : null,
                PaymentStatus.UNPAID, AccountingStatus.TO_EXPORT, null, OffsetDateTime.now());
    }
}
