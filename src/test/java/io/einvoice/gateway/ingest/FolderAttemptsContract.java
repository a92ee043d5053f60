package io.einvoice.gateway.ingest;

import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.TestDossiers;
import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.facturx.StructuredInvoice;
import io.einvoice.gateway.facturx.UnreadableInvoiceException;
import io.einvoice.gateway.system.DatabaseOfEachTest;
import io.einvoice.gateway.system.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The drop folder's retry limit, on the folder bean with a real database and blob store (no Camel: each call is what
 * one poll or redelivery of the route does). The failure that is not passing is an error the ingest step does not turn
 * into a quarantine itself (it does for the reader running out of memory): the reader overflowing its stack on one file.
 */
abstract class FolderAttemptsContract {

    static final String SIREN = "123456782";
    /** The bytes on which the reader overflows its stack. */
    static final String BOMB = "<!-- nested a million levels deep -->";

    @TempDir
    Path home;

    private Path purchase;
    private DocumentRepository documents;

    abstract TestDatabase database(Path home) throws Exception;

    @RegisterExtension
    final DatabaseOfEachTest database = new DatabaseOfEachTest(this::database);

    @BeforeEach
    void open() throws Exception {
        TestDossiers.firmWithDossier(new DossierRepository(database.jdbc()), SIREN);
        documents = new DocumentRepository(database.jdbc());
        purchase = Files.createDirectories(home.resolve("inbox").resolve(SIREN).resolve("purchase"));
    }

    /** A gateway process: a fresh bean over the same database, as after a restart. */
    private FolderIngest folder(Path blobs) {
        DossierRepository dossiers = new DossierRepository(database.jdbc());
        IngestService ingest = new IngestService(dossiers, documents, new BlobStore(blobs), new OverflowsItsStackOnBombs(),
                database.transactions(), 1024 * 1024);
        return new FolderIngest(home.resolve("inbox"), ingest, new FolderAttempts(database.jdbc(), database.transactions()),
                database.database()::flushCommitted);
    }

    @Test
    void aFileThatFailsThreeTimesForAReasonThatIsNotPassingGoesToFailedWithTheReason() throws Exception {
        File bomb = drop("bomb.xml", BOMB.getBytes(StandardCharsets.UTF_8));
        long modified = bomb.lastModified();

        for (int attempt = 1; attempt <= FolderIngest.MAX_ATTEMPTS; attempt++) {
            // a restart between attempts: the count is in the database, not in the process
            FolderIngest folder = folder(home.resolve("blobs"));
            assertThatThrownBy(() -> folder.receive(bomb, modified)).isInstanceOf(FolderAttemptException.class)
                    .hasMessageContaining("attempt " + attempt + " of 3").hasMessageContaining("StackOverflowError");
        }
        FolderIngest.FolderOutcome outcome = folder(home.resolve("blobs")).receive(bomb, modified);

        assertThat(Path.of(outcome.moveTo())).isEqualTo(purchase.resolve(".failed/bomb.xml"));
        assertThat(Files.readString(purchase.resolve(".failed/bomb.xml.error.txt")))
                .contains("given up after 3 attempts")
                .contains("it is nested too deeply to be read (StackOverflowError)");
        assertThat(database.jdbc().queryForObject("SELECT COUNT(*) FROM folder_attempt", Integer.class))
                .as("the count is dropped with the file, so the file moved back later is tried afresh").isZero();
    }

    @Test
    void anAttemptTheGatewayNeverCameBackFromCountsSoAFileThatCrashesItIsGivenUpToo() throws Exception {
        File crasher = drop("crasher.xml", BOMB.getBytes(StandardCharsets.UTF_8));
        FolderAttempts attempts = new FolderAttempts(database.jdbc(), database.transactions());
        String transportId = "inbox/" + SIREN + "/purchase/crasher.xml@" + crasher.lastModified();
        for (int crash = 0; crash < FolderIngest.MAX_ATTEMPTS; crash++) {
            attempts.begin(transportId); // then the JVM died: nothing else was recorded
        }

        FolderIngest.FolderOutcome outcome = folder(home.resolve("blobs")).receive(crasher, crasher.lastModified());

        assertThat(Path.of(outcome.moveTo())).isEqualTo(purchase.resolve(".failed/crasher.xml"));
        assertThat(Files.readString(purchase.resolve(".failed/crasher.xml.error.txt")))
                .contains("given up after 3 attempts: the gateway stopped while reading it");
    }

    @Test
    void aPassingFailureIsRetriedForAsLongAsItLastsAndNeverSendsTheFileToFailed() throws Exception {
        File invoice = drop("invoice.xml", SampleInvoices.ciiXml("PASSING-1"));
        FolderIngest folder = folder(home.resolve("blobs"));
        Path incoming = home.resolve("blobs").resolve("incoming");
        Files.delete(incoming);
        Files.writeString(incoming, "not a folder: the blob store's disk is unusable");

        for (int attempt = 0; attempt < 3 * FolderIngest.MAX_ATTEMPTS; attempt++) {
            assertThatThrownBy(() -> folder.receive(invoice, invoice.lastModified())).isInstanceOf(IOException.class);
        }
        Files.delete(incoming); // the disk is back
        Files.createDirectory(incoming);
        FolderIngest.FolderOutcome outcome = folder.receive(invoice, invoice.lastModified());

        assertThat(Path.of(outcome.moveTo())).isEqualTo(purchase.resolve(".done/invoice.xml"));
        assertThat(documents.findById(outcome.result().documentId())).isPresent();
        assertThat(purchase.resolve(".failed")).doesNotExist();
    }

    @Test
    void aFileThatSucceedsAfterAFailureStartsAfreshAndLeavesNoCountBehind() throws Exception {
        File invoice = drop("late.xml", SampleInvoices.ciiXml("LATE-1"));
        FolderAttempts attempts = new FolderAttempts(database.jdbc(), database.transactions());
        attempts.begin("inbox/" + SIREN + "/purchase/late.xml@" + invoice.lastModified());

        FolderIngest.FolderOutcome outcome = folder(home.resolve("blobs")).receive(invoice, invoice.lastModified());

        assertThat(Path.of(outcome.moveTo())).isEqualTo(purchase.resolve(".done/late.xml"));
        assertThat(database.jdbc().queryForObject("SELECT COUNT(*) FROM folder_attempt", Integer.class)).isZero();
    }

    private File drop(String name, byte[] content) throws IOException {
        return Files.write(purchase.resolve(name), content).toFile();
    }

    /** The real reader, except that it overflows its stack on {@link #BOMB}. */
    private static final class OverflowsItsStackOnBombs extends InvoiceReader {
        @Override
        public StructuredInvoice read(byte[] content) throws UnreadableInvoiceException {
            if (new String(content, StandardCharsets.UTF_8).contains(BOMB)) {
                throw new StackOverflowError();
            }
            return super.read(content);
        }
    }
}
