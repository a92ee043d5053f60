package io.einvoice.gateway.archive;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The open bundle of one dossier's archive over a period (entries archived on those UTC days): the files, a manifest
 * (CSV and JSON), the events, the chain, SHA256SUMS and two scripts (POSIX sh + sha256sum, Python 3 standard library)
 * that verify it without this software. See the README.md it contains.
 */
public class ArchiveExporter {

    private static final ObjectWriter PRETTY = Json.PRETTY.with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final Pattern EXTENSION = Pattern.compile("\\.([A-Za-z0-9]{1,8})$");
    private static final String[] MANIFEST_COLUMNS = {"seq", "document_id", "direction", "number", "issue_date",
            "seller_name", "seller_siren", "buyer_name", "buyer_siren", "total_incl_vat", "currency", "archived_at",
            "retain_until", "original_file", "original_sha256", "facturx_file", "facturx_sha256", "report_file",
            "report_sha256", "metadata_file", "metadata_sha256", "previous_hash", "entry_hash"};

    private final ArchiveRepository archive;
    private final DocumentRepository documents;
    private final DossierRepository dossiers;
    private final BlobStore blobs;

    public ArchiveExporter(ArchiveRepository archive, DocumentRepository documents, DossierRepository dossiers, BlobStore blobs) {
        this.archive = archive;
        this.documents = documents;
        this.dossiers = dossiers;
        this.blobs = blobs;
    }

    /** What was exported: the number of entries and the hashes that tie the bundle to the whole chain. */
    public record Summary(int entries, String previousHash, String lastEntryHash) {
    }

    public Summary export(String siren, LocalDate from, LocalDate to, OutputStream out) throws IOException {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends (" + to + ") before it starts (" + from + ")");
        }
        Dossier dossier = dossiers.findBySiren(siren)
                .orElseThrow(() -> new IllegalArgumentException("no dossier with SIREN " + siren));
        OffsetDateTime start = from.atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime end = to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        List<ArchiveEntry> entries = new ArrayList<>();
        archive.forEach(dossier.id(), start, end, entries::add);
        ArchiveEntry before = archive.lastBefore(dossier.id(), start).orElse(null);
        String previous = entries.isEmpty() ? (before == null ? ArchiveEntry.GENESIS : before.entryHash())
                : entries.get(0).previousHash();
        long firstSeq = entries.isEmpty() ? (before == null ? 1 : before.seq() + 1) : entries.get(0).seq();
        String last = entries.isEmpty() ? previous : entries.get(entries.size() - 1).entryHash();
        ArchiveRepository.Head head = archive.head(dossier.id());

        try (Bundle bundle = new Bundle(out)) {
            List<Map<String, Object>> manifest = new ArrayList<>();
            List<Map<String, Object>> events = new ArrayList<>();
            StringBuilder chain = new StringBuilder();
            for (ArchiveEntry e : entries) {
                Document document = documents.findById(e.documentId()).orElseThrow();
                String dir = "entries/" + String.format(Locale.ROOT, "%06d", e.seq()) + "/";
                String original = dir + "original." + extension(document);
                String facturx = e.facturxSha256() == null ? null : dir + "facturx.pdf";
                String report = e.reportSha256() == null ? null : dir + "report." + reportExtension(e.reportSha256());
                bundle.blob(original, e.originalSha256());
                bundle.blob(facturx, e.facturxSha256());
                bundle.blob(report, e.reportSha256());
                bundle.file(dir + "metadata.json", e.metadataJson().getBytes(StandardCharsets.UTF_8));
                chain.append(e.entryHash()).append(' ').append(e.hashedText()).append('\n');
                manifest.add(manifestRow(e, document, original, facturx, report, dir + "metadata.json"));
                for (DocumentEvent ev : documents.events(e.documentId())) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("seq", e.seq());
                    row.put("document_id", e.documentId());
                    row.put("at", ArchiveEntry.timestamp(ev.at().toInstant()));
                    row.put("actor", ev.actor());
                    row.put("type", ev.type());
                    row.put("from", ev.fromStatus() == null ? null : ev.fromStatus().name());
                    row.put("to", ev.toStatus() == null ? null : ev.toStatus().name());
                    row.put("details", ev.details());
                    events.add(row);
                }
            }
            bundle.file("chain.txt", chain.toString().getBytes(StandardCharsets.UTF_8));
            bundle.file("anchor.txt", ("dossier " + siren + "\nperiod " + from + " " + to + "\nentries " + entries.size()
                    + "\nfirst-seq " + firstSeq + "\nprevious-hash-of-first-entry " + previous
                    + "\nlast-entry-hash " + last + "\nchain-head-at-export " + head.lastSeq() + " " + head.lastHash()
                    + "\n").getBytes(StandardCharsets.UTF_8));
            bundle.file("manifest.csv", csv(MANIFEST_COLUMNS, manifest));
            bundle.file("events.csv", csv(new String[] {"seq", "document_id", "at", "actor", "type", "from", "to", "details"}, events));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("format", ArchiveEntry.FORMAT);
            json.put("dossier", Map.of("siren", siren, "name", dossier.name()));
            json.put("period", Map.of("from", from.toString(), "to", to.toString(), "timeZone", "UTC"));
            json.put("exportedAt", ArchiveEntry.timestamp(Instant.now()));
            json.put("firstSeq", firstSeq);
            json.put("previousHashOfFirstEntry", previous);
            json.put("lastEntryHash", last);
            json.put("chainHeadAtExport", Map.of("seq", head.lastSeq(), "hash", head.lastHash()));
            json.put("entries", manifest);
            bundle.file("manifest.json", PRETTY.writeValueAsBytes(json));
            bundle.file("events.json", PRETTY.writeValueAsBytes(events));
            bundle.file("README.md", readme(siren, dossier.name(), from, to, entries.size(), previous, last));
            bundle.file("verify.sh", resource("verify.sh"));
            bundle.file("verify.py", resource("verify.py"));
            bundle.sums();
        }
        return new Summary(entries.size(), previous, last);
    }

    private static Map<String, Object> manifestRow(ArchiveEntry e, Document d, String original, String facturx,
                                                   String report, String metadata) {
        Map<String, Object> row = new LinkedHashMap<>();
        var invoice = d.invoice();
        row.put("seq", e.seq());
        row.put("document_id", e.documentId());
        row.put("direction", d.direction().name());
        row.put("number", invoice == null ? null : invoice.number());
        row.put("issue_date", invoice == null || invoice.issueDate() == null ? null : invoice.issueDate().toString());
        row.put("seller_name", invoice == null || invoice.seller() == null ? null : invoice.seller().name());
        row.put("seller_siren", invoice == null || invoice.seller() == null ? null : invoice.seller().siren());
        row.put("buyer_name", invoice == null || invoice.buyer() == null ? null : invoice.buyer().name());
        row.put("buyer_siren", invoice == null || invoice.buyer() == null ? null : invoice.buyer().siren());
        row.put("total_incl_vat", invoice == null || invoice.totals() == null || invoice.totals().inclVat() == null ? null
                : invoice.totals().inclVat().stripTrailingZeros().toPlainString());
        row.put("currency", invoice == null ? null : invoice.currency());
        row.put("archived_at", ArchiveEntry.timestamp(e.archivedAt()));
        row.put("retain_until", e.retainUntil().toString());
        row.put("original_file", original);
        row.put("original_sha256", e.originalSha256());
        row.put("facturx_file", facturx);
        row.put("facturx_sha256", e.facturxSha256());
        row.put("report_file", report);
        row.put("report_sha256", e.reportSha256());
        row.put("metadata_file", metadata);
        row.put("metadata_sha256", e.metadataSha256());
        row.put("previous_hash", e.previousHash());
        row.put("entry_hash", e.entryHash());
        return row;
    }

    private static byte[] csv(String[] columns, List<Map<String, Object>> rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setHeader(columns).get())) {
            for (Map<String, Object> row : rows) {
                List<Object> values = new ArrayList<>();
                for (String column : columns) {
                    values.add(row.get(column));
                }
                printer.printRecord(values);
            }
        }
        return bytes.toByteArray();
    }

    private static String extension(Document document) {
        Matcher m = EXTENSION.matcher(document.fileName());
        if (m.find()) {
            return m.group(1).toLowerCase(Locale.ROOT);
        }
        String format = document.format() == null ? "" : document.format();
        return format.equals("CII") || format.equals("UBL") ? "xml" : format.isEmpty() ? "bin" : "pdf";
    }

    /** Reports are stored without a name; their first bytes say what they are. */
    private String reportExtension(String sha) throws IOException {
        try (InputStream in = blobs.open(sha)) {
            return StoredFileType.sniff(in.readNBytes(16)).extension();
        }
    }

    private byte[] readme(String siren, String name, LocalDate from, LocalDate to, int count, String previous, String last) {
        return new String(resource("README.md"), StandardCharsets.UTF_8)
                .replace("{{siren}}", siren).replace("{{name}}", name)
                .replace("{{from}}", from.toString()).replace("{{to}}", to.toString())
                .replace("{{entries}}", Integer.toString(count))
                .replace("{{previous}}", previous).replace("{{last}}", last)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) {
        try (InputStream in = ArchiveExporter.class.getResourceAsStream("/archive/bundle/" + name)) {
            if (in == null) {
                throw new IllegalStateException("archive/bundle/" + name + " is missing from the application");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ZIP being written, with the SHA-256 of each file for SHA256SUMS; blob bytes are checked as they are copied. */
    private final class Bundle implements AutoCloseable {
        private final ZipOutputStream zip;
        private final StringBuilder sums = new StringBuilder();

        Bundle(OutputStream out) {
            this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        }

        void file(String path, byte[] content) throws IOException {
            zip.putNextEntry(new ZipEntry(path));
            zip.write(content);
            zip.closeEntry();
            sums.append(Sha256.of(content)).append("  ").append(path).append('\n');
        }

        void blob(String path, String sha) throws IOException {
            if (path == null) {
                return;
            }
            zip.putNextEntry(new ZipEntry(path));
            MessageDigest digest = Sha256.digest();
            try (InputStream in = new DigestInputStream(blobs.open(sha), digest)) {
                in.transferTo(zip);
            }
            zip.closeEntry();
            String actual = Sha256.hex(digest);
            if (!actual.equals(sha)) {
                throw new IllegalStateException("blob " + sha + " has changed (its bytes hash to " + actual
                        + "): the archive is damaged, run ./gateway archive verify");
            }
            sums.append(sha).append("  ").append(path).append('\n');
        }

        void sums() throws IOException {
            zip.putNextEntry(new ZipEntry("SHA256SUMS"));
            zip.write(sums.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }
}
