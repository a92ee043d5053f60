package io.einvoice.gateway.api;

import io.einvoice.gateway.archive.ArchiveEntry;
import io.einvoice.gateway.archive.ArchiveQuery;
import io.einvoice.gateway.archive.ArchiveRepository;
import io.einvoice.gateway.archive.ArchiveService;
import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.archive.CanonicalJson;
import io.einvoice.gateway.archive.NotArchivableException;
import io.einvoice.gateway.archive.StoredFileType;
import io.einvoice.gateway.document.AccountingStatus;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.document.PaymentStatus;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.invoice.Decimals;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.einvoice.gateway.refusal.StateConflictException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * /api/documents/{id}/archive and /api/dossiers/{siren}/archive...: archiving, search, entries and their files. The
 * archive is read-only for everyone: the only write is appending, and a delete is refused while retained.
 */
public class ArchiveApi {

    private final AccessService access;
    private final DocumentRepository documents;
    private final ArchiveService service;
    private final ArchiveRepository archive;
    private final BlobStore blobs;

    public ArchiveApi(AccessService access, DocumentRepository documents, ArchiveService service, ArchiveRepository archive,
                      BlobStore blobs) {
        this.access = access;
        this.documents = documents;
        this.service = service;
        this.archive = archive;
        this.blobs = blobs;
    }

    public Map<String, Object> archive(Caller caller, String documentId) {
        Document document = documents.findById(documentId)
                .filter(d -> access.visibleDossierById(caller, d.dossierId()).isPresent())
                .orElseThrow(() -> new NotVisibleException("document " + documentId));
        try {
            return view(service.archive(document.id(), caller.label()), true);
        } catch (NotArchivableException refused) {
            throw new StateConflictException("not_archivable", refused.getMessage());
        }
    }

    public Map<String, Object> search(Caller caller, String siren, Map<String, Object> parameters) {
        Dossier dossier = dossier(caller, siren);
        ArchiveQuery query;
        try {
            query = new ArchiveQuery(text(parameters, "q"), text(parameters, "party"),
                    date(parameters, "issuedFrom"), date(parameters, "issuedTo"),
                    date(parameters, "archivedFrom"), date(parameters, "archivedTo"),
                    amount(parameters, "minAmount"), amount(parameters, "maxAmount"),
                    choice(Direction.class, parameters, "direction"), choice(PaymentStatus.class, parameters, "paymentStatus"),
                    choice(AccountingStatus.class, parameters, "accountingStatus"),
                    number(parameters, "limit", 100), number(parameters, "offset", 0));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        ArchiveRepository.Page page = archive.search(dossier.id(), query);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", page.total());
        answer.put("limit", query.limit());
        answer.put("offset", query.offset());
        answer.put("entries", page.entries().stream().map(e -> view(e, false)).toList());
        return answer;
    }

    public Map<String, Object> entry(Caller caller, String siren, String seq) {
        return view(entryOf(caller, siren, seq), true);
    }

    public Download file(Caller caller, String siren, String seq, String kind) throws IOException {
        ArchiveEntry entry = entryOf(caller, siren, seq);
        Document document = documents.findById(entry.documentId()).orElseThrow();
        String base = entry.siren() + "-" + entry.seq();
        return switch (kind) {
            case "original" -> new Download(document.fileName(), originalType(document), blobs.open(entry.originalSha256()));
            case "facturx" -> stored(entry.facturxSha256(), "Factur-X", base + "-facturx.pdf", "application/pdf");
            case "report" -> {
                StoredFileType type = entry.reportSha256() == null ? StoredFileType.TEXT : sniff(entry.reportSha256());
                yield stored(entry.reportSha256(), "validation report", base + "-report." + type.extension(), type.mediaType());
            }
            case "metadata" -> new Download(base + "-metadata.json", "application/json",
                    new ByteArrayInputStream(entry.metadataJson().getBytes(StandardCharsets.UTF_8)));
            default -> throw new NotVisibleException("archive file '" + kind + "' (original, facturx, report or metadata)");
        };
    }

    /** Nothing archived is deleted through the API: before its retention date the law forbids it. */
    public Map<String, Object> delete(Caller caller, String siren, String seq) {
        ArchiveEntry entry = entryOf(caller, siren, seq);
        if (entry.retainUntil().isAfter(LocalDate.now(ZoneOffset.UTC))) {
            throw new StateConflictException("retained", "archive entry " + entry.seq() + " is write-once and retained until "
                    + entry.retainUntil() + "; it cannot be changed or deleted before then");
        }
        throw new StateConflictException("purge_not_supported", "archive entry " + entry.seq() + " is past its retention ("
                + entry.retainUntil() + ") but this version does not purge archives; export the period first, then ask the operator");
    }

    private ArchiveEntry entryOf(Caller caller, String siren, String seq) {
        Dossier dossier = dossier(caller, siren);
        long number;
        try {
            number = Long.parseLong(seq);
        } catch (NumberFormatException e) {
            throw new NotVisibleException("archive entry " + seq);
        }
        return archive.find(dossier.id(), number).orElseThrow(() -> new NotVisibleException("archive entry " + seq));
    }

    private Dossier dossier(Caller caller, String siren) {
        return access.visibleDossier(caller, siren).orElseThrow(() -> new NotVisibleException("dossier " + siren));
    }

    private Download stored(String sha, String what, String name, String mediaType) throws IOException {
        if (sha == null) {
            throw new NotVisibleException(what + " of this entry (none was produced before archiving)");
        }
        return new Download(name, mediaType, blobs.open(sha));
    }

    private StoredFileType sniff(String sha) throws IOException {
        try (InputStream in = blobs.open(sha)) {
            return StoredFileType.sniff(in.readNBytes(16));
        }
    }

    private static String originalType(Document document) {
        String format = document.format();
        return format == null ? "application/octet-stream"
                : format.equals("CII") || format.equals("UBL") ? "application/xml" : "application/pdf";
    }

    private Map<String, Object> view(ArchiveEntry e, boolean withMetadata) {
        Map<String, Object> metadata = CanonicalJson.read(e.metadataJson());
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("seq", e.seq());
        v.put("dossier", e.siren());
        v.put("documentId", e.documentId());
        Document document = documents.findById(e.documentId()).orElse(null);
        Invoice invoice = document == null ? null : document.invoice();
        v.put("direction", metadata.get("direction"));
        v.put("number", metadata.get("number"));
        v.put("issueDate", metadata.get("issueDate"));
        v.put("sellerName", invoice == null || invoice.seller() == null ? null : invoice.seller().name());
        v.put("buyerName", invoice == null || invoice.buyer() == null ? null : invoice.buyer().name());
        v.put("totalInclVat", metadata.get("totalInclVat"));
        v.put("currency", metadata.get("currency"));
        v.put("paymentStatus", document == null ? null : document.paymentStatus().name());
        v.put("accountingStatus", document == null ? null : document.accountingStatus().name());
        v.put("archivedAt", ArchiveEntry.timestamp(e.archivedAt()));
        v.put("retainUntil", e.retainUntil().toString());
        v.put("archivedBy", e.actor());
        Map<String, Object> hashes = new LinkedHashMap<>();
        hashes.put("original", e.originalSha256());
        hashes.put("facturx", e.facturxSha256());
        hashes.put("report", e.reportSha256());
        hashes.put("metadata", e.metadataSha256());
        hashes.put("previous", e.previousHash());
        hashes.put("entry", e.entryHash());
        v.put("hashes", hashes);
        String files = "/api/dossiers/" + e.siren() + "/archive/" + e.seq() + "/files/";
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("original", files + "original");
        links.put("facturx", e.facturxSha256() == null ? null : files + "facturx");
        links.put("report", e.reportSha256() == null ? null : files + "report");
        links.put("metadata", files + "metadata");
        v.put("files", links);
        if (withMetadata) {
            v.put("metadata", metadata);
        }
        return v;
    }

    private static String text(Map<String, Object> parameters, String name) {
        Object value = parameters.get(name);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    private static LocalDate date(Map<String, Object> parameters, String name) {
        String value = text(parameters, name);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date as yyyy-MM-dd");
        }
    }

    private static BigDecimal amount(Map<String, Object> parameters, String name) {
        return Decimals.parse(name, text(parameters, name));
    }

    private static <E extends Enum<E>> E choice(Class<E> type, Map<String, Object> parameters, String name) {
        String value = text(parameters, name);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static int number(Map<String, Object> parameters, String name, int fallback) {
        String value = text(parameters, name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
    }
}
