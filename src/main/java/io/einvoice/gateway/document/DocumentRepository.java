package io.einvoice.gateway.document;

import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.invoice.Party;
import io.einvoice.gateway.invoice.Totals;
import io.einvoice.gateway.party.PartyKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Documents and their events. Every read that a caller can trigger is scoped by dossier. */
public class DocumentRepository {

    private static final String COLUMNS = "id, dossier_id, direction, channel, transport_id, file_name, original_sha256,"
            + " format, profile, invoice_type, number, issue_date, due_date, currency,"
            + " seller_name, seller_siren, seller_siret, seller_vat, buyer_name, buyer_siren, buyer_siret, buyer_vat,"
            + " total_excl_vat, total_vat, total_incl_vat, line_count, status, status_reason, payment_status,"
            + " accounting_status, duplicate_of, received_at, seller_iban, seller_bic";

    private static final String CHECK_COLUMNS =
            "facturx_sha256, validation_valid, validation_errors, validation_report_sha256, check_reasons";

    private static final RowMapper<Document> DOCUMENT = DocumentRepository::document;

    private final JdbcTemplate jdbc;

    public DocumentRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Document d) {
        Invoice inv = d.invoice();
        Party seller = inv == null ? Party.unknown() : orUnknown(inv.seller());
        Party buyer = inv == null ? Party.unknown() : orUnknown(inv.buyer());
        Totals totals = inv == null || inv.totals() == null ? new Totals(null, null, null, null) : inv.totals();
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.update("INSERT INTO document (" + COLUMNS + ", updated_at) VALUES ("
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                d.id(), d.dossierId(), d.direction().name(), d.channel().name(), d.transportId(), d.fileName(),
                d.originalSha256(), d.format(), d.profile(),
                inv == null || inv.type() == null ? null : inv.type().name(),
                inv == null ? null : inv.number(),
                inv == null ? null : inv.issueDate(),
                inv == null ? null : inv.dueDate(),
                inv == null ? null : inv.currency(),
                seller.name(), seller.siren(), seller.siret(), seller.vatId(),
                buyer.name(), buyer.siren(), buyer.siret(), buyer.vatId(),
                totals.exclVat(), totals.vat(), totals.inclVat(), d.lineCount(),
                d.status().name(), d.statusReason(), d.paymentStatus().name(), d.accountingStatus().name(),
                d.duplicateOf(), d.receivedAt(), inv == null ? null : truncate(inv.sellerIban(), 34),
                inv == null ? null : truncate(inv.sellerBic(), 35), now);
    }

    /** Fills in the invoice read after ingest (recognition of text PDFs and scans) on a stored document. */
    public void recordInvoice(String documentId, String format, Invoice inv) {
        Party seller = orUnknown(inv.seller());
        Party buyer = orUnknown(inv.buyer());
        Totals totals = inv.totals() == null ? new Totals(null, null, null, null) : inv.totals();
        jdbc.update("UPDATE document SET format = ?, invoice_type = ?, number = ?, issue_date = ?, due_date = ?, currency = ?,"
                        + " seller_name = ?, seller_siren = ?, seller_siret = ?, seller_vat = ?, buyer_name = ?, buyer_siren = ?,"
                        + " buyer_siret = ?, buyer_vat = ?, total_excl_vat = ?, total_vat = ?, total_incl_vat = ?, line_count = ?,"
                        + " seller_iban = ?, seller_bic = ?, updated_at = ? WHERE id = ?",
                format, inv.type() == null ? null : inv.type().name(), truncate(inv.number(), 200), inv.issueDate(), inv.dueDate(),
                inv.currency(), truncate(seller.name(), 300), seller.siren(), seller.siret(), truncate(seller.vatId(), 30),
                truncate(buyer.name(), 300), buyer.siren(), buyer.siret(), truncate(buyer.vatId(), 30),
                totals.exclVat(), totals.vat(), totals.inclVat(), inv.lines().size(), truncate(inv.sellerIban(), 34),
                truncate(inv.sellerBic(), 35), OffsetDateTime.now(), documentId);
    }

    /** The profile (BT-24) of an invoice read after ingest (a document held until its dossier was activated). */
    public void recordProfile(String documentId, String profile) {
        jdbc.update("UPDATE document SET profile = ? WHERE id = ?", profile, documentId);
    }

    /** One dossier's documents in one status, in the order they arrived. */
    public List<String> idsOfDossierIn(String dossierId, DocumentStatus status) {
        return jdbc.queryForList("SELECT id FROM document WHERE dossier_id = ? AND status = ? ORDER BY received_at, id",
                String.class, dossierId, status.name());
    }

    /** Documents of every dossier in one status, in the order they arrived: the work a step left unfinished at a stop. */
    public List<String> idsIn(DocumentStatus status) {
        return jdbc.queryForList("SELECT id FROM document WHERE status = ? ORDER BY received_at, id", String.class,
                status.name());
    }

    /**
     * Documents in one of these formats without a validation verdict and not waiting for their Factur-X (see
     * {@link #idsWaitingForFacturX}), quarantined ones aside, in the order they arrived.
     */
    public List<String> idsWithoutVerdict(java.util.Collection<String> formats, java.util.Collection<String> readFromPages) {
        return jdbc.queryForList("SELECT id FROM document WHERE validation_valid IS NULL AND format IN (" + SqlLists.placeholders(formats)
                + ") AND status <> ? AND NOT (" + WAITING_FOR_FACTURX.formatted(SqlLists.placeholders(readFromPages)) + ")"
                + " ORDER BY received_at, id", String.class, concat(formats, List.of(DocumentStatus.QUARANTINED.name()),
                readFromPages));
    }

    /**
     * Documents without a verdict that wait for their Factur-X, quarantined ones aside, in the order they arrived: read
     * from their pages (in one of the formats {@code readFromPages}) or checked as received (a report stored, no
     * verdict yet), and no Factur-X recorded.
     */
    public List<String> idsWaitingForFacturX(java.util.Collection<String> readFromPages) {
        return jdbc.queryForList("SELECT id FROM document WHERE validation_valid IS NULL AND status <> ? AND "
                + WAITING_FOR_FACTURX.formatted(SqlLists.placeholders(readFromPages)) + " ORDER BY received_at, id", String.class,
                concat(List.of(DocumentStatus.QUARANTINED.name()), readFromPages));
    }

    private static final String WAITING_FOR_FACTURX =
            "facturx_sha256 IS NULL AND (format IN (%s) OR validation_report_sha256 IS NOT NULL)";

    @SafeVarargs
    private static Object[] concat(java.util.Collection<String>... parts) {
        List<Object> all = new ArrayList<>();
        for (java.util.Collection<String> part : parts) {
            all.addAll(part);
        }
        return all.toArray();
    }

    public Optional<Document> findById(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM document WHERE id = ?", DOCUMENT, id).stream().findFirst();
    }

    /** These documents by id in one query, for a step that works through a batch; unknown ids are left out. */
    public Map<String, Document> findAll(java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM document WHERE id IN (" + SqlLists.placeholders(ids) + ")", DOCUMENT, ids.toArray())
                .stream().collect(Collectors.toMap(Document::id, d -> d));
    }

    /** A document with what the steps after ingest found about it, read together. */
    public record Checked(Document document, DocumentChecks checks) {
    }

    /** The document and its checks in one query: the steps that decide on a document need both. */
    public Optional<Checked> findChecked(String id) {
        return checked(id, "");
    }

    /**
     * {@link #findChecked} holding the row until the transaction ends ({@link #lock}): a decision taken on what it read
     * cannot be overtaken by another one on the same document, which waits and then reads this one's outcome.
     */
    public Optional<Checked> lockChecked(String id) {
        return checked(id, " FOR UPDATE");
    }

    private Optional<Checked> checked(String id, String lock) {
        return jdbc.query("SELECT " + COLUMNS + ", " + CHECK_COLUMNS + " FROM document WHERE id = ?" + lock,
                (rs, n) -> new Checked(document(rs, n), checks(rs)), id).stream().findFirst();
    }

    /** The SIREN of the dossier a document belongs to, in one query: every stage asks it for its log lines. */
    public Optional<String> dossierSirenOf(String documentId) {
        return jdbc.queryForList("SELECT d.siren FROM document doc JOIN dossier d ON d.id = doc.dossier_id WHERE doc.id = ?",
                String.class, documentId).stream().findFirst();
    }

    public List<Document> find(String dossierId, DocumentQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM document WHERE dossier_id = ?");
        List<Object> args = new ArrayList<>(List.of(dossierId));
        if (query.direction() != null) {
            sql.append(" AND direction = ?");
            args.add(query.direction().name());
        }
        if (query.status() != null) {
            sql.append(" AND status = ?");
            args.add(query.status().name());
        }
        sql.append(" ORDER BY received_at DESC, id LIMIT ? OFFSET ?");
        args.add(query.limit());
        args.add(query.offset());
        return jdbc.query(sql.toString(), DOCUMENT, args.toArray());
    }

    /** A document as the API's list shows it: its row, its checks, where it was sent, and its linked supplier. */
    public record Listed(Document document, DocumentChecks checks, String dispatchChannel, String chorusStatus,
                         LinkedSupplier supplier) {
    }

    /** The supplier a document is linked to, as the dossier knows it now (an edit of the party shows); null when none. */
    public record LinkedSupplier(String id, String number, String name, boolean trusted, boolean blacklisted,
                                 boolean active) {
    }

    private static final String LISTED_COLUMNS = Arrays.stream(COLUMNS.split(","))
            .map(c -> "d." + c.strip()).collect(Collectors.joining(", "))
            + ", d.facturx_sha256, d.validation_valid, d.validation_errors, d.validation_report_sha256, d.check_reasons,"
            + " d.dispatch_channel, d.chorus_status, p.id AS p_id, p.number AS p_number, p.kind AS p_kind,"
            + " p.company_name AS p_company_name, p.civility AS p_civility, p.first_name AS p_first_name,"
            + " p.last_name AS p_last_name, p.trusted AS p_trusted, p.blacklisted AS p_blacklisted, p.active AS p_active";

    /** {@link #find} with everything the list shows, in one query for the page (not one more per document). */
    public List<Listed> list(String dossierId, DocumentQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + LISTED_COLUMNS
                + " FROM document d LEFT JOIN party p ON p.id = d.supplier_id WHERE d.dossier_id = ?");
        List<Object> args = new ArrayList<>(List.of(dossierId));
        if (query.direction() != null) {
            sql.append(" AND d.direction = ?");
            args.add(query.direction().name());
        }
        if (query.status() != null) {
            sql.append(" AND d.status = ?");
            args.add(query.status().name());
        }
        sql.append(" ORDER BY d.received_at DESC, d.id LIMIT ? OFFSET ?");
        args.add(query.limit());
        args.add(query.offset());
        return jdbc.query(sql.toString(), DocumentRepository::listed, args.toArray());
    }

    /** These documents of the dossier as {@link #list} reads them, by id, in one query: another package's list page. */
    public Map<String, Listed> listed(String dossierId, List<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Object> args = new ArrayList<>(List.of(dossierId));
        args.addAll(ids);
        return jdbc.query("SELECT " + LISTED_COLUMNS + " FROM document d LEFT JOIN party p ON p.id = d.supplier_id"
                        + " WHERE d.dossier_id = ? AND d.id IN (" + SqlLists.placeholders(ids) + ")",
                DocumentRepository::listed, args.toArray()).stream()
                .collect(Collectors.toMap(l -> l.document().id(), l -> l));
    }

    private static Listed listed(ResultSet rs, int row) throws SQLException {
        return new Listed(document(rs, row), checks(rs), rs.getString("dispatch_channel"), rs.getString("chorus_status"),
                rs.getString("p_id") == null ? null : linkedSupplier(rs));
    }

    private static LinkedSupplier linkedSupplier(ResultSet rs) throws SQLException {
        io.einvoice.gateway.party.Party party = new io.einvoice.gateway.party.Party(rs.getString("p_id"), null, null,
                rs.getString("p_number"), PartyKind.valueOf(rs.getString("p_kind")),
                rs.getString("p_company_name"), null, null, null, rs.getString("p_civility"), rs.getString("p_first_name"),
                rs.getString("p_last_name"), null, null, null, null, null, null, rs.getBoolean("p_trusted"),
                rs.getBoolean("p_blacklisted"), rs.getBoolean("p_active"), false, null, false, false);
        return new LinkedSupplier(party.id(), party.number(), party.displayName(), party.trusted(), party.blacklisted(),
                party.active());
    }

    public long count(String dossierId) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM document WHERE dossier_id = ?", Long.class, dossierId);
        return count == null ? 0 : count;
    }

    /** The first document of the dossier with these exact bytes, the one a re-delivery duplicates. */
    public Optional<String> firstWithContent(String dossierId, String sha256) {
        return jdbc.queryForList("SELECT id FROM document WHERE dossier_id = ? AND original_sha256 = ?"
                        + " AND duplicate_of IS NULL ORDER BY received_at, id LIMIT 1", String.class, dossierId, sha256)
                .stream().findFirst();
    }

    public Optional<Document> findByTransport(String dossierId, Channel channel, String transportId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM document WHERE dossier_id = ? AND channel = ? AND transport_id = ?",
                DOCUMENT, dossierId, channel.name(), transportId).stream().findFirst();
    }

    /**
     * Moves a document from one status to another and records the event, only if it is still in {@code from}: two
     * concurrent decisions on one document cannot both win.
     *
     * @return false when the document was no longer in {@code from} (nothing changed)
     */
    public boolean transition(String documentId, DocumentStatus from, DocumentStatus to, String reason, DocumentEvent event) {
        return changedWithEvent(jdbc.update("UPDATE document SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?"
                + " AND status = ?", to.name(), truncate(reason, 4000), OffsetDateTime.now(), documentId, from.name()),
                documentId, event);
    }

    /**
     * Accounting: TO_EXPORT to EXPORTED with its event; an export that found it exported already changes nothing.
     *
     * @return false when it was exported before
     */
    public boolean markExported(String documentId, DocumentEvent event) {
        return changedWithEvent(jdbc.update("UPDATE document SET accounting_status = ?, updated_at = ? WHERE id = ?"
                        + " AND accounting_status = ?", AccountingStatus.EXPORTED.name(), event.at(), documentId,
                AccountingStatus.TO_EXPORT.name()), documentId, event);
    }

    /** A person's payment decision on a sales invoice, from the status they saw. @return false when it changed meanwhile */
    public boolean recordPayment(String documentId, PaymentStatus from, PaymentStatus to, DocumentEvent event) {
        return changedWithEvent(jdbc.update("UPDATE document SET payment_status = ?, updated_at = ? WHERE id = ?"
                + " AND payment_status = ?", to.name(), event.at(), documentId, from.name()), documentId, event);
    }

    /**
     * The recipient's platform says a sales invoice was paid. Payment is not sealed by the archive: a sent (archived)
     * invoice can still become paid. @return false when it was paid already (nothing to tell)
     */
    public boolean markPaidByRecipient(String documentId) {
        return jdbc.update("UPDATE document SET payment_status = ?, updated_at = ? WHERE id = ? AND payment_status <> ?",
                PaymentStatus.PAID.name(), OffsetDateTime.now(), documentId, PaymentStatus.PAID.name()) == 1;
    }

    /** An approved purchase invoice the dossier has paid: UNPAID to PAID. @return false when it was not in that state */
    public boolean markPurchasePaid(String documentId) {
        return jdbc.update("UPDATE document SET payment_status = ?, updated_at = ? WHERE id = ? AND direction = ?"
                        + " AND status IN (?, ?) AND payment_status = ?", PaymentStatus.PAID.name(), OffsetDateTime.now(),
                documentId, Direction.PURCHASE.name(), DocumentStatus.APPROVED.name(), DocumentStatus.ARCHIVED.name(),
                PaymentStatus.UNPAID.name()) == 1;
    }

    /** Where a sales invoice went ({@code dispatch.DispatchChannel} name) and Chorus Pro's first status, if sent there. */
    public void recordDispatch(String documentId, String channel, String chorusStatus) {
        jdbc.update("UPDATE document SET dispatch_channel = ?, chorus_status = ?, updated_at = ? WHERE id = ?",
                channel, chorusStatus, OffsetDateTime.now(), documentId);
    }

    /** @return false when the document already had this Chorus Pro status (nothing to tell) */
    public boolean recordChorusStatus(String documentId, String status) {
        return jdbc.update("UPDATE document SET chorus_status = ?, updated_at = ? WHERE id = ?"
                + " AND (chorus_status IS NULL OR chorus_status <> ?)", status, OffsetDateTime.now(), documentId, status) == 1;
    }

    /** Why a sales invoice is where it is after sending (a failed attempt, the recipient's refusal), without a transition. */
    public void explainDispatch(String documentId, String reason) {
        jdbc.update("UPDATE document SET status_reason = ?, updated_at = ? WHERE id = ?", truncate(reason, 4000),
                OffsetDateTime.now(), documentId);
    }

    /** Links a document to its supplier unless it already has one. @return false when it had */
    public boolean linkSupplier(String documentId, String partyId) {
        return jdbc.update("UPDATE document SET supplier_id = ? WHERE id = ? AND supplier_id IS NULL", partyId, documentId) == 1;
    }

    /** A supplier merged into another: its documents follow. @return how many moved */
    public int moveToSupplier(String fromPartyId, String toPartyId) {
        return jdbc.update("UPDATE document SET supplier_id = ? WHERE supplier_id = ?", toPartyId, fromPartyId);
    }

    /** @return false when the document was already marked (by ingest or a concurrent evaluation) */
    public boolean markDuplicate(String documentId, String originalId) {
        return jdbc.update("UPDATE document SET duplicate_of = ?, updated_at = ? WHERE id = ? AND duplicate_of IS NULL",
                originalId, OffsetDateTime.now(), documentId) == 1;
    }

    /** A finalised sales invoice: its Factur-X (or a draft's JSON) becomes the original, what is archived and sent. */
    public void replaceOriginal(String documentId, String sha256, String fileName, String profile) {
        jdbc.update("UPDATE document SET original_sha256 = ?, file_name = ?, profile = ?, updated_at = ? WHERE id = ?",
                sha256, fileName, profile, OffsetDateTime.now(), documentId);
    }

    /** A sales draft's content changed: the last verdict no longer applies to it (it has no Factur-X yet to forget). */
    public void forgetVerdict(String documentId) {
        jdbc.update("UPDATE document SET validation_valid = NULL, validation_errors = NULL, validation_report_sha256 = NULL,"
                + " updated_at = ? WHERE id = ?", OffsetDateTime.now(), documentId);
    }

    /**
     * The only deletion of a document: a sales draft never finalised, with its events. Call in the transaction where
     * sales found the draft not frozen and deleted its own rows.
     */
    public void deleteDraft(String documentId) {
        jdbc.update("DELETE FROM document_event WHERE document_id = ?", documentId);
        jdbc.update("DELETE FROM document WHERE id = ?", documentId);
    }

    private boolean changedWithEvent(int changed, String documentId, DocumentEvent event) {
        if (changed == 1) {
            appendEvent(documentId, event);
        }
        return changed == 1;
    }

    /**
     * Records the verdict on the Factur-X with this hash only while it is still the document's: a correction that
     * cleared it meanwhile (and queued validation again) wins. @return whether it was recorded
     */
    public boolean recordValidationOf(String documentId, String facturxSha256, boolean valid, int errors, String reportSha256) {
        return jdbc.update("UPDATE document SET validation_valid = ?, validation_errors = ?, validation_report_sha256 = ?,"
                + " updated_at = ? WHERE id = ? AND facturx_sha256 = ?", valid, errors, reportSha256, OffsetDateTime.now(),
                documentId, facturxSha256) == 1;
    }

    /**
     * Holds the document's row until the transaction ends. Whoever changes a document's data writes this row first
     * (a correction records the invoice before anything else), so a writer that takes this lock before reading what
     * it depends on reads it committed, and cannot interleave with such a change.
     */
    public void lock(String documentId) {
        jdbc.queryForList("SELECT id FROM document WHERE id = ? FOR UPDATE", String.class, documentId);
    }

    /** {@link #lock} and {@link #checks} in one query: the checks read under the lock, so current. */
    public DocumentChecks lockChecks(String documentId) {
        return jdbc.query("SELECT " + CHECK_COLUMNS + " FROM document WHERE id = ? FOR UPDATE", (rs, n) -> checks(rs),
                documentId).stream().findFirst().orElse(DocumentChecks.NONE);
    }

    /** Forgets the verdict and the Factur-X of a document whose data a person corrected, so validation runs again. */
    public void clearValidation(String documentId) {
        jdbc.update("UPDATE document SET validation_valid = NULL, validation_errors = NULL, validation_report_sha256 = NULL,"
                + " facturx_sha256 = NULL, updated_at = ? WHERE id = ?", OffsetDateTime.now(), documentId);
    }

    /**
     * The report of a document checked as received whose verdict waits for its Factur-X: stored, the verdict left
     * empty (so nobody approves it before its Factur-X is there). Nothing changes once a verdict is recorded.
     */
    public void recordCheckedReport(String documentId, String reportSha256) {
        jdbc.update("UPDATE document SET validation_report_sha256 = ?, updated_at = ? WHERE id = ? AND validation_valid IS NULL",
                reportSha256, OffsetDateTime.now(), documentId);
    }

    public void recordFacturX(String documentId, String sha256) {
        jdbc.update("UPDATE document SET facturx_sha256 = ?, updated_at = ? WHERE id = ?", sha256, OffsetDateTime.now(), documentId);
    }

    public void recordValidation(String documentId, boolean valid, int errors, String reportSha256) {
        jdbc.update("UPDATE document SET validation_valid = ?, validation_errors = ?, validation_report_sha256 = ?,"
                + " updated_at = ? WHERE id = ?", valid, errors, reportSha256, OffsetDateTime.now(), documentId);
    }

    /** Adds a reason for a person to check the document; the same reason twice is kept once. */
    public void addCheckReason(String documentId, String reason) {
        List<String> reasons = new ArrayList<>(checks(documentId).checkReasons());
        if (!reasons.contains(reason)) {
            reasons.add(reason);
            jdbc.update("UPDATE document SET check_reasons = ?, updated_at = ? WHERE id = ?",
                    truncate(String.join("\n", reasons), 4000), OffsetDateTime.now(), documentId);
        }
    }

    /**
     * Replaces the check reasons one step raised (those starting with {@code prefix}) by what that step now finds, as
     * when a person's correction settles what recognition doubted; the other steps' reasons stay.
     */
    public void replaceCheckReasons(String documentId, String prefix, List<String> current) {
        List<String> reasons = new ArrayList<>(checks(documentId).checkReasons());
        reasons.removeIf(r -> r.startsWith(prefix));
        current.stream().filter(r -> !reasons.contains(r)).forEach(reasons::add);
        jdbc.update("UPDATE document SET check_reasons = ?, updated_at = ? WHERE id = ?",
                reasons.isEmpty() ? null : truncate(String.join("\n", reasons), 4000), OffsetDateTime.now(), documentId);
    }

    public DocumentChecks checks(String documentId) {
        return jdbc.query("SELECT " + CHECK_COLUMNS + " FROM document WHERE id = ?", (rs, n) -> checks(rs), documentId)
                .stream().findFirst().orElse(DocumentChecks.NONE);
    }

    private static DocumentChecks checks(ResultSet rs) throws SQLException {
        return new DocumentChecks(rs.getString("facturx_sha256"), (Boolean) rs.getObject("validation_valid"),
                (Integer) rs.getObject("validation_errors"), rs.getString("validation_report_sha256"),
                rs.getString("check_reasons") == null ? List.of() : List.of(rs.getString("check_reasons").split("\n")));
    }

    /** The documents of every dossier in one status, oldest change first: the queue of the step that acts on them. */
    public List<String> idsInStatus(DocumentStatus status, int limit) {
        return jdbc.queryForList("SELECT id FROM document WHERE status = ? ORDER BY updated_at, id LIMIT ?", String.class,
                status.name(), limit);
    }

    /**
     * Puts a document that a polling step could not process at the back of that step's queue (the polls take the
     * least recently updated first), so a few failing documents never hold back the others.
     */
    public void postpone(String documentId) {
        jdbc.update("UPDATE document SET updated_at = ? WHERE id = ?", OffsetDateTime.now(), documentId);
    }

    /** Blob rows are shared by every document with the same bytes; the first writer creates it. */
    public void recordBlob(String sha256, long size, String mediaType) {
        jdbc.update("INSERT INTO blob (sha256, size_bytes, media_type, created_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING", sha256, size, mediaType, OffsetDateTime.now());
    }

    public void appendEvent(String documentId, DocumentEvent event) {
        jdbc.update(INSERT_EVENT, eventRow(documentId, event));
    }

    /** Several events of one document in one batch (one round trip), in this order. */
    public void appendEvents(String documentId, List<DocumentEvent> events) {
        jdbc.batchUpdate(INSERT_EVENT, events.stream().map(event -> eventRow(documentId, event)).toList());
    }

    private static final String INSERT_EVENT = "INSERT INTO document_event (document_id, at, actor, type, from_status,"
            + " to_status, details) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private static Object[] eventRow(String documentId, DocumentEvent event) {
        return new Object[] {documentId, event.at(), event.actor(), event.type(),
                event.fromStatus() == null ? null : event.fromStatus().name(),
                event.toStatus() == null ? null : event.toStatus().name(), truncate(event.details(), 4000)};
    }

    public List<DocumentEvent> events(String documentId) {
        return jdbc.query("SELECT at, actor, type, from_status, to_status, details FROM document_event"
                        + " WHERE document_id = ? ORDER BY id",
                (rs, n) -> new DocumentEvent(rs.getObject("at", OffsetDateTime.class), rs.getString("actor"),
                        rs.getString("type"), status(rs.getString("from_status")), status(rs.getString("to_status")),
                        rs.getString("details")),
                documentId);
    }

    private static Document document(ResultSet rs, int row) throws SQLException {
        String type = rs.getString("invoice_type");
        Invoice invoice = rs.getString("format") == null ? null : new Invoice(
                rs.getString("number"),
                type == null ? null : InvoiceType.valueOf(type),
                rs.getObject("issue_date", LocalDate.class),
                rs.getObject("due_date", LocalDate.class),
                rs.getString("currency"),
                new Party(rs.getString("seller_name"), rs.getString("seller_siren"), rs.getString("seller_siret"),
                        rs.getString("seller_vat")),
                new Party(rs.getString("buyer_name"), rs.getString("buyer_siren"), rs.getString("buyer_siret"),
                        rs.getString("buyer_vat")),
                new Totals(rs.getBigDecimal("total_excl_vat"), rs.getBigDecimal("total_vat"),
                        rs.getBigDecimal("total_incl_vat"), null),
                List.of()).withSellerBankAccount(rs.getString("seller_iban"), rs.getString("seller_bic"));
        return new Document(
                rs.getString("id"), rs.getString("dossier_id"), Direction.valueOf(rs.getString("direction")),
                Channel.valueOf(rs.getString("channel")), rs.getString("transport_id"), rs.getString("file_name"),
                rs.getString("original_sha256"), rs.getString("format"), rs.getString("profile"), invoice,
                (Integer) rs.getObject("line_count"), DocumentStatus.valueOf(rs.getString("status")),
                rs.getString("status_reason"), PaymentStatus.valueOf(rs.getString("payment_status")),
                AccountingStatus.valueOf(rs.getString("accounting_status")), rs.getString("duplicate_of"),
                rs.getObject("received_at", OffsetDateTime.class));
    }

    private static DocumentStatus status(String name) {
        return name == null ? null : DocumentStatus.valueOf(name);
    }

    private static Party orUnknown(Party party) {
        return party == null ? Party.unknown() : party;
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
