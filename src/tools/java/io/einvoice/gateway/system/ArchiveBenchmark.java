package io.einvoice.gateway.system;

import io.einvoice.gateway.dossier.DossierStatus;
import io.einvoice.gateway.archive.Archive;
import io.einvoice.gateway.archive.ArchiveVerifier;
import io.einvoice.gateway.archive.BlobRef;
import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.document.AccountingStatus;
import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.document.PaymentStatus;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.Firm;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.invoice.Party;
import io.einvoice.gateway.invoice.Totals;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * {@code ./gateway archive bench [N]}: archives N documents (a Factur-X PDF of the usual size, kept as its own
 * Factur-X, and a validation report each) in one dossier of a throw-away H2 database, then times
 * {@code archive verify} over them, blob hashing included. The database and blobs are deleted afterwards.
 */
final class ArchiveBenchmark {

    private ArchiveBenchmark() {
    }

    static void run(int count, PrintStream out) throws Exception {
        BenchHome.run("gateway-archive-bench-", home -> run(count, home, out));
    }

    private static void run(int count, Path home, PrintStream out) throws Exception {
        try (Database database = Database.open(GatewayConfig.h2Url(home), "sa", "")) {
            BlobStore blobs = new BlobStore(home.resolve("blobs"));
            DocumentRepository documents = new DocumentRepository(database.jdbc());
            DossierRepository dossiers = new DossierRepository(database.jdbc());
            Archive archive = Archive.create(database.jdbc(), database.transactions(), blobs, documents, dossiers,
                    Archive.DEFAULT_RETENTION_YEARS);
            Firm firm = new Firm(UUID.randomUUID().toString(), "Cabinet Bench", "443322110");
            dossiers.insertFirm(firm);
            Dossier dossier = new Dossier(UUID.randomUUID().toString(), firm.id(), "123456782", null, "Bench", null, 12,
                    DossierStatus.ACTIVATED.name(), false);
            dossiers.insert(dossier);

            byte[] pdf = SampleInvoices.facturXPdf("BENCH");
            out.printf("archive bench: archiving %d documents of %,d bytes each in %s ...%n", count, pdf.length, home);
            long archiving = System.nanoTime();
            for (int i = 1; i <= count; i++) {
                String id = approvedDocument(database, documents, blobs, dossier, pdf, i);
                archive.service().archive(id, "bench");
                if (i % 1000 == 0) {
                    out.printf("archive bench: %d archived%n", i);
                }
            }
            out.printf("archive bench: %d documents archived in %.1f s%n", count, seconds(archiving));

            long verifying = System.nanoTime();
            ArchiveVerifier.Result result = archive.verifier().verify(null, (done, total) -> { });
            double seconds = seconds(verifying);
            out.printf("archive bench: verify of %d entries (chain, document rows and every distinct blob of each"
                            + " re-hashed): %.2f s, %.0f entries/s, intact=%s%n",
                    result.entries(), seconds, result.entries() / seconds, result.intact());
        }
    }

    private static String approvedDocument(Database database, DocumentRepository documents, BlobStore blobs,
                                           Dossier dossier, byte[] pdf, int i) throws Exception {
        // a PDF comment after %%EOF makes each original distinct without changing what it shows
        byte[] original = concat(pdf, ("\n% bench " + i + "\n").getBytes(StandardCharsets.US_ASCII));
        BlobRef blob = blobs.put(original);
        BlobRef report = blobs.put(("<report document=\"" + i + "\" valid=\"true\" errors=\"0\"/>").getBytes(StandardCharsets.UTF_8));
        String id = UUID.randomUUID().toString();
        Invoice invoice = new Invoice("BENCH-" + i, InvoiceType.INVOICE, LocalDate.of(2026, 1, 1).plusDays(i % 300), null,
                "EUR", new Party("Fournisseur " + (i % 50), "552100554", null, null),
                new Party("Bench", "123456782", null, null),
                new Totals(new BigDecimal(i), new BigDecimal(i).multiply(new BigDecimal("0.2")),
                        new BigDecimal(i).multiply(new BigDecimal("1.2")), null), List.of());
        database.transactions().executeWithoutResult(tx -> {
            documents.recordBlob(blob.sha256(), blob.size(), "application/pdf");
            documents.recordBlob(report.sha256(), report.size(), "application/xml");
            documents.insert(new Document(id, dossier.id(), Direction.PURCHASE, Channel.FOLDER, null, "bench-" + i + ".pdf",
                    blob.sha256(), "FACTUR_X", "EN16931", invoice, 1, DocumentStatus.APPROVED, null, PaymentStatus.UNPAID,
                    AccountingStatus.TO_EXPORT, null, OffsetDateTime.now()));
            documents.recordFacturX(id, blob.sha256());
            documents.recordValidation(id, true, 0, report.sha256());
        });
        return id;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
