package io.einvoice.gateway.ingest;

import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.DossierStatus;
import io.einvoice.gateway.dossier.TestDossiers;
import io.einvoice.gateway.facturx.DecompressionBombs;
import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.facturx.StructuredInvoice;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.system.DatabaseOfEachTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ingest bean on its own: real blob store, real H2, no Camel. */
class IngestServiceTest {

    private static final String SIREN = "123456782";

    @TempDir
    Path home;

    @RegisterExtension
    final DatabaseOfEachTest database = DatabaseOfEachTest.h2();

    private BlobStore blobs;
    private DocumentRepository documents;
    private IngestService ingest;

    @BeforeEach
    void open() {
        DossierRepository dossiers = new DossierRepository(database.jdbc());
        TestDossiers.firmWithDossier(dossiers, SIREN);
        blobs = new BlobStore(home.resolve("blobs"));
        documents = new DocumentRepository(database.jdbc());
        ingest = new IngestService(dossiers, documents, blobs, new InvoiceReader(), database.transactions(), 1024 * 1024);
    }

    @Test
    void aFacturXBecomesARecognisedDocumentWithItsBytesStored() throws Exception {
        byte[] pdf = SampleInvoices.facturXPdf("ING-1");
        IngestResult result = ingest.receive(file("a.pdf", "t1"), new ByteArrayInputStream(pdf));

        assertThat(result.status()).isEqualTo(DocumentStatus.RECOGNIZED);
        Document doc = documents.findById(result.documentId()).orElseThrow();
        assertThat(doc.invoice().number()).isEqualTo("ING-1");
        assertThat(doc.lineCount()).isPositive();
        assertThat(doc.invoice().sellerIban()).as("kept so the supplier can be matched by IBAN")
                .isEqualTo("FR7630006000011234567890189");
        try (InputStream in = blobs.open(doc.originalSha256())) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
        assertThat(documents.events(doc.id())).extracting("type").containsExactly("RECEIVED", "RECOGNIZED");
    }

    @Test
    void aPdfWhoseAttachmentInflatesToOneGibIsStoredAndQuarantinedAsABombAtOnce() throws Exception {
        byte[] bomb = DecompressionBombs.facturXWithTwoFilterAttachment(DecompressionBombs.ONE_GIB);
        IngestResult result = ingest.receive(file("bomb.pdf", "bomb@1"), new ByteArrayInputStream(bomb));

        assertThat(result.status()).isEqualTo(DocumentStatus.QUARANTINED);
        assertThat(result.reason()).startsWith("PDF refused as a decompression bomb: its invoice attachment factur-x.xml");
        Document doc = documents.findById(result.documentId()).orElseThrow();
        try (InputStream in = blobs.open(doc.originalSha256())) {
            assertThat(in.readAllBytes()).isEqualTo(bomb);
        }
    }

    @Test
    void aFileWhoseReadingRunsOutOfMemoryIsQuarantinedInsteadOfFailingItsDelivery() throws Exception {
        InvoiceReader exhausted = new InvoiceReader() {
            @Override
            public StructuredInvoice read(byte[] content) {
                throw new OutOfMemoryError("Java heap space");
            }
        };
        IngestService ingesting = new IngestService(new DossierRepository(database.jdbc()), documents, blobs, exhausted,
                database.transactions(), 1024 * 1024);

        IngestResult result = ingesting.receive(file("heavy.pdf", "heavy@1"),
                new ByteArrayInputStream(SampleInvoices.facturXPdf("ING-OOM")));

        assertThat(result.status()).isEqualTo(DocumentStatus.QUARANTINED);
        assertThat(result.reason()).startsWith("the file needs more memory to read than the gateway has")
                .contains("the original is kept");
        assertThat(documents.events(result.documentId())).extracting("type").containsExactly("RECEIVED", "QUARANTINED");
    }

    @Test
    void theSameDeliverySeenTwiceIsOneDocumentButTheSameBytesDroppedAgainAreADuplicate() throws Exception {
        byte[] pdf = SampleInvoices.facturXPdf("ING-2");
        IngestResult first = ingest.receive(file("a.pdf", "path@1"), new ByteArrayInputStream(pdf));
        IngestResult redelivered = ingest.receive(file("a.pdf", "path@1"), new ByteArrayInputStream(pdf));
        IngestResult droppedAgain = ingest.receive(file("a.pdf", "path@2"), new ByteArrayInputStream(pdf));

        assertThat(redelivered.redelivery()).isTrue();
        assertThat(redelivered.documentId()).isEqualTo(first.documentId());
        assertThat(droppedAgain.redelivery()).isFalse();
        assertThat(droppedAgain.duplicateOf()).isEqualTo(first.documentId());
        assertThat(documents.events(droppedAgain.documentId())).extracting("type").contains("DUPLICATE");
        assertThat(documents.count(documents.findById(first.documentId()).orElseThrow().dossierId())).isEqualTo(2);
    }

    @Test
    void aFileOverTheLimitIsStoredAndQuarantinedWithoutBeingRead() throws Exception {
        byte[] big = new byte[1024 * 1024 + 1];
        IngestResult result = ingest.receive(file("big.pdf", "t3"), new ByteArrayInputStream(big));

        assertThat(result.status()).isEqualTo(DocumentStatus.QUARANTINED);
        assertThat(result.reason()).isEqualTo("file too large: 1,048,577 bytes, the limit is 1,048,576 bytes (GATEWAY_MAX_FILE_BYTES)");
        assertThat(blobs.contains(documents.findById(result.documentId()).orElseThrow().originalSha256())).isTrue();
    }

    @Test
    void anUnreadableFileIsQuarantinedWithTheReadersReason() throws Exception {
        IngestResult result = ingest.receive(file("empty.pdf", "t4"), new ByteArrayInputStream(new byte[0]));

        assertThat(result.status()).isEqualTo(DocumentStatus.QUARANTINED);
        assertThat(result.reason()).contains("empty file");
        Document doc = documents.findById(result.documentId()).orElseThrow();
        assertThat(doc.statusReason()).isEqualTo(result.reason());
        assertThat(doc.invoice()).isNull();
    }

    @Test
    void anUnknownSirenIsRefusedBeforeAnythingIsStored() {
        IncomingFile elsewhere = new IncomingFile("111111118", Direction.PURCHASE, Channel.FOLDER, "x.pdf", "t5");
        assertThatThrownBy(() -> ingest.receive(elsewhere, new ByteArrayInputStream(new byte[] {1})))
                .isInstanceOf(UnknownDossierException.class)
                .hasMessageContaining("no dossier with SIREN '111111118'");
        assertThat(database.jdbc().queryForObject("SELECT COUNT(*) FROM document", Integer.class)).isZero();
    }

    @Test
    void theStoredFileNameIsSanitised() throws IOException, UnknownDossierException {
        IngestResult result = ingest.receive(file("../../etc/passwd", null), new ByteArrayInputStream(new byte[] {1}));
        assertThat(documents.findById(result.documentId()).orElseThrow().fileName()).isEqualTo("passwd");
    }

    @Test
    void whatArrivesForADossierNotActivatedIsHeldUnreadThenReleasedIntoThePipelineOnce() throws Exception {
        DossierRepository dossiers = new DossierRepository(database.jdbc());
        Dossier created = new Dossier(UUID.randomUUID().toString(), dossiers.findBySiren(SIREN).orElseThrow().firmId(),
                "552100554", null, "B", null, 12, DossierStatus.CREATED.name(), false);
        dossiers.insert(created);
        IngestResult held = ingest.receive(new IncomingFile("552100554", Direction.PURCHASE, Channel.FOLDER, "h.pdf", "h1"),
                new ByteArrayInputStream(SampleInvoices.facturXPdf("HELD-1")));
        assertThat(held.status()).isEqualTo(DocumentStatus.HELD);
        assertThat(held.reason()).isEqualTo("held: dossier 552100554 is CREATED, not activated; kept, and read once it is activated");
        assertThat(documents.findById(held.documentId()).orElseThrow().invoice()).as("not read").isNull();
        assertThat(held.next()).as("not handed to the next steps").isNull();

        assertThat(dossiers.changeStatus(created.id(), DossierStatus.CREATED, DossierStatus.ACTIVATED)).isTrue();
        assertThat(dossiers.withHeldDocuments()).as("what a start would release").extracting(Dossier::siren)
                .containsExactly("552100554");
        assertThat(ingest.release(dossiers.findById(created.id()).orElseThrow()))
                .as("released, to be handed to validation").extracting(IngestResult::documentId, IngestResult::next)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(held.documentId(), IngestResult.VALIDATION));
        Document released = documents.findById(held.documentId()).orElseThrow();
        assertThat(released.status()).isEqualTo(DocumentStatus.RECOGNIZED);
        assertThat(released.invoice().number()).isEqualTo("HELD-1");
        assertThat(documents.events(held.documentId())).extracting("type").containsExactly("RECEIVED", "HELD", "RECOGNIZED");
        assertThat(ingest.release(dossiers.findById(created.id()).orElseThrow())).as("once").isEmpty();
        assertThat(dossiers.withHeldDocuments()).isEmpty();
    }

    private static IncomingFile file(String name, String transportId) {
        return new IncomingFile(SIREN, Direction.PURCHASE, Channel.FOLDER, name, transportId);
    }
}
