package io.einvoice.gateway.accounting;

import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.AccountingStatus;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.Dossier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Exports a dossier's journal entries as one file (FEC, CSV, Quadra), with the invoices' PDFs in a ZIP when asked.
 * Every document exported for the first time moves from TO_EXPORT to EXPORTED with an event; exporting a period
 * again gives the same entries and changes nothing.
 */
public class AccountingExport {

    private static final Logger LOG = LoggerFactory.getLogger(AccountingExport.class);
    /** a FEC covers a fiscal year, which may last up to 24 months */
    static final long MAX_PERIOD_DAYS = 731;
    /** entries in one file: the file is built in memory */
    static final int MAX_ENTRIES = 50_000;

    /**
     * The written file, in a temporary file the caller moves or deletes, then marks exported with
     * {@link #markExported} once it is delivered.
     */
    public record Result(String fileName, String mediaType, Path file, ExportFormat format, List<JournalEntry> entries) {
    }

    private final JournalRepository journal;
    private final DocumentRepository documents;
    private final BlobStore blobs;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public AccountingExport(JournalRepository journal, DocumentRepository documents, BlobStore blobs,
                            TransactionTemplate transactions, Clock clock) {
        this.journal = journal;
        this.documents = documents;
        this.blobs = blobs;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The entries dated in [from, to]. */
    public Result period(Dossier dossier, LocalDate from, LocalDate to, ExportFormat format, boolean pdfs)
            throws IOException {
        if (from == null || to == null) {
            throw new ExportRefusedException("an export needs a period: from and to, as AAAA-MM-JJ");
        }
        if (to.isBefore(from)) {
            throw new ExportRefusedException("the period ends before it starts: 'to' must be on or after 'from'");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_PERIOD_DAYS) {
            throw new ExportRefusedException("a period covers at most " + MAX_PERIOD_DAYS + " days (a fiscal year of up to 24"
                    + " months); export it in parts");
        }
        if (journal.count(dossier.id(), from, to) > MAX_ENTRIES) {
            throw new ExportRefusedException("the period holds more than " + MAX_ENTRIES + " entries; export it in shorter periods");
        }
        return write(dossier, journal.between(dossier.id(), from, to), to, format, pdfs);
    }

    /** The entries whose document was never exported, whatever their date: what an automatic export sends. */
    public Result notExported(Dossier dossier, ExportFormat format, boolean pdfs) throws IOException {
        List<JournalEntry> entries = journal.notExported(dossier.id());
        if (entries.size() > MAX_ENTRIES) {
            entries = entries.subList(0, MAX_ENTRIES);
        }
        return write(dossier, entries, LocalDate.now(clock), format, pdfs);
    }

    private Result write(Dossier dossier, List<JournalEntry> entries, LocalDate periodEnd, ExportFormat format, boolean pdfs)
            throws IOException {
        ExportFormat.WrittenFile file = format.write(dossier.siren(), periodEnd, entries);
        Path temp = Files.createTempFile("gateway-export-", pdfs ? ".zip" : ".txt");
        try {
            String name = file.name();
            String mediaType = file.mediaType();
            if (pdfs) {
                name = name.substring(0, name.lastIndexOf('.')) + ".zip";
                mediaType = "application/zip";
                zip(temp, file, entries);
            } else {
                Files.write(temp, file.content());
            }
            return new Result(name, mediaType, temp, format, entries);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private void zip(Path target, ExportFormat.WrittenFile file, List<JournalEntry> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(target); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(file.name()));
            zip.write(file.content());
            zip.closeEntry();
            for (JournalEntry e : entries) {
                Document document = documents.findById(e.documentId()).orElse(null);
                String pdf = document == null ? null : pdfOf(document);
                if (pdf == null) {
                    continue;
                }
                zip.putNextEntry(new ZipEntry("pdf/" + e.seq() + "-" + safe(e.pieceRef()) + ".pdf"));
                try (InputStream in = blobs.open(pdf)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
    }

    /** The Factur-X the gateway keeps (a PDF), else the original when it is a PDF; null for an XML-only invoice. */
    private String pdfOf(Document document) throws IOException {
        String facturx = documents.checks(document.id()).facturxSha256();
        for (String sha : facturx == null ? List.of(document.originalSha256()) : List.of(facturx, document.originalSha256())) {
            try (InputStream in = blobs.open(sha)) {
                byte[] head = in.readNBytes(5);
                if (new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).equals("%PDF-")) {
                    return sha;
                }
            }
        }
        return null;
    }

    private static String safe(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.substring(0, Math.min(cleaned.length(), 80));
    }

    /**
     * Moves the documents of a delivered file from TO_EXPORT to EXPORTED, each with an event; those exported before
     * stay as they are.
     *
     * @return how many were exported for the first time
     */
    public int markExported(Dossier dossier, Result result, String actor) {
        int count = transactions.execute(tx -> {
            int marked = 0;
            for (JournalEntry e : result.entries()) {
                if (documents.markExported(e.documentId(), new DocumentEvent(OffsetDateTime.now(clock), actor,
                        "ACCOUNTING_STATUS", null, null, AccountingStatus.TO_EXPORT + " -> " + AccountingStatus.EXPORTED
                        + ": entry " + e.seq() + " in " + result.format().name() + " file " + result.fileName()))) {
                    marked++;
                }
            }
            return marked;
        });
        LOG.info("export dossier={} file={} entries={} newly exported={} by {}", dossier.siren(), result.fileName(),
                result.entries().size(), count, actor);
        return count;
    }
}
