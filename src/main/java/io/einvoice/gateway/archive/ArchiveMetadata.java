package io.einvoice.gateway.archive;

import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentChecks;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.Party;
import io.einvoice.gateway.invoice.Totals;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metadata an archive entry seals, as canonical JSON ({@link CanonicalJson}). The sealed part is what the database
 * triggers keep unchanged on an ARCHIVED document, so {@code archive verify} can rebuild it from the document row and
 * compare; the live part (status before archiving, payment and accounting status, who archived) is a snapshot.
 */
public final class ArchiveMetadata {

    static final String SCHEMA = "einvoice-gateway/archive-metadata/1";
    /** Keys whose value may legitimately differ from today's document row. */
    static final List<String> SNAPSHOT_KEYS = List.of("statusBeforeArchive", "paymentStatus", "accountingStatus", "archivedBy");

    private ArchiveMetadata() {
    }

    public static TreeMap<String, Object> of(Document document, String siren, DocumentChecks checks,
                                             DocumentStatus statusBefore, String actor) {
        TreeMap<String, Object> metadata = sealed(document, siren, checks);
        metadata.put("statusBeforeArchive", statusBefore.name());
        metadata.put("paymentStatus", document.paymentStatus().name());
        metadata.put("accountingStatus", document.accountingStatus().name());
        metadata.put("archivedBy", actor);
        return metadata;
    }

    /** What must still match the document row: everything but {@link #SNAPSHOT_KEYS}. */
    public static TreeMap<String, Object> sealed(Document document, String siren, DocumentChecks checks) {
        Invoice invoice = document.invoice();
        TreeMap<String, Object> m = new TreeMap<>();
        m.put("schema", SCHEMA);
        m.put("documentId", document.id());
        m.put("dossier", siren);
        m.put("direction", document.direction().name());
        m.put("channel", document.channel().name());
        m.put("fileName", document.fileName());
        m.put("format", document.format());
        m.put("profile", document.profile());
        m.put("receivedAt", ArchiveEntry.timestamp(document.receivedAt().toInstant()));
        m.put("lineCount", document.lineCount());
        m.put("type", invoice == null || invoice.type() == null ? null : invoice.type().name());
        m.put("number", invoice == null ? null : invoice.number());
        m.put("issueDate", invoice == null || invoice.issueDate() == null ? null : invoice.issueDate().format(DateTimeFormatter.ISO_LOCAL_DATE));
        m.put("dueDate", invoice == null || invoice.dueDate() == null ? null : invoice.dueDate().format(DateTimeFormatter.ISO_LOCAL_DATE));
        m.put("currency", invoice == null ? null : invoice.currency());
        m.put("seller", party(invoice == null ? null : invoice.seller()));
        m.put("buyer", party(invoice == null ? null : invoice.buyer()));
        Totals totals = invoice == null ? null : invoice.totals();
        m.put("totalExclVat", amount(totals == null ? null : totals.exclVat()));
        m.put("totalVat", amount(totals == null ? null : totals.vat()));
        m.put("totalInclVat", amount(totals == null ? null : totals.inclVat()));
        Map<String, Object> validation = new TreeMap<>();
        validation.put("valid", checks.valid());
        validation.put("errors", checks.validationErrors());
        m.put("validation", checks.valid() == null ? null : validation);
        m.put("checkReasons", checks.checkReasons());
        Map<String, Object> files = new TreeMap<>();
        files.put("original", document.originalSha256());
        files.put("facturx", checks.facturxSha256());
        files.put("report", checks.validationReportSha256());
        m.put("files", files);
        // a missing file is stated, so a reader of the entry knows it was not produced rather than lost
        Map<String, Object> absent = new LinkedHashMap<>();
        if (checks.facturxSha256() == null) {
            absent.put("facturx", "no Factur-X was kept for this document (none received and none generated)");
        }
        if (checks.validationReportSha256() == null) {
            absent.put("report", "the document had no stored validation report when it was archived");
        }
        m.put("absent", absent);
        return m;
    }

    private static Map<String, Object> party(Party party) {
        Map<String, Object> m = new TreeMap<>();
        m.put("name", party == null ? null : party.name());
        m.put("siren", party == null ? null : party.siren());
        m.put("siret", party == null ? null : party.siret());
        m.put("vat", party == null ? null : party.vatId());
        return m;
    }

    /** Decimal strings without trailing zeros, so 120.000000 (NUMERIC(19,6)) and 120.00 (the invoice) seal alike. */
    private static String amount(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
