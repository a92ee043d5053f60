package io.einvoice.gateway.accounting;

import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.facturx.UnreadableInvoiceException;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.Party;
import io.einvoice.gateway.invoice.Totals;
import io.einvoice.gateway.invoice.VatBreakdown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * Generates the journal entry of each approved purchase invoice and each sent sales invoice, once: the entry is kept
 * with its document ({@code journal_entry}, keyed by document) and a second request finds it there.
 */
public class JournalService {

    private static final Logger LOG = LoggerFactory.getLogger(JournalService.class);
    private static final Set<DocumentStatus> PURCHASE_BOOKED = Set.of(DocumentStatus.APPROVED, DocumentStatus.ARCHIVED);
    private static final Set<DocumentStatus> SALES_BOOKED = Set.of(DocumentStatus.SENT, DocumentStatus.ARCHIVED);
    /** the most a single structured invoice may weigh when read again for its VAT breakdown */
    private static final int MAX_INVOICE_BYTES = 50 * 1024 * 1024;

    private final DocumentRepository documents;
    private final DossierRepository dossiers;
    private final JournalRepository journal;
    private final ChartSettingsRepository charts;
    private final SupplierAccounts suppliers;
    private final BlobStore blobs;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public JournalService(DocumentRepository documents, DossierRepository dossiers, JournalRepository journal,
                          ChartSettingsRepository charts, SupplierAccounts suppliers, BlobStore blobs, JdbcTemplate jdbc,
                          TransactionTemplate transactions, Clock clock) {
        this.documents = documents;
        this.dossiers = dossiers;
        this.journal = journal;
        this.charts = charts;
        this.suppliers = suppliers;
        this.blobs = blobs;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * The step of the routes where approval and sending complete: books the document if it is an approved purchase
     * invoice or a sent sales invoice without an entry yet. A document that cannot be booked is logged, not retried.
     *
     * @return true when an entry was written now
     */
    public boolean generate(String documentId) {
        try {
            return write(documentId);
        } catch (NotJournalisableException refused) {
            LOG.warn("journal document={} not booked: {}", documentId, refused.getMessage());
            return false;
        } catch (RuntimeException e) {
            // sending is done whatever happens here: the catch-up of the approval route books it at its next tick
            LOG.error("journal document={} could not be booked now, booked again at the next tick", documentId, e);
            return false;
        }
    }

    /**
     * Books every approved purchase invoice and sent sales invoice still without an entry (approvals by a person, sends
     * before a restart): the database is the queue.
     *
     * @return how many were booked
     */
    public int generatePending() {
        List<String> ids = jdbc.queryForList("SELECT d.id FROM document d WHERE ((d.direction = 'PURCHASE' AND d.status IN"
                + " (?, ?)) OR (d.direction = 'SALES' AND d.status IN (?, ?)))"
                + " AND NOT EXISTS (SELECT 1 FROM journal_entry e WHERE e.document_id = d.id)"
                + " AND NOT EXISTS (SELECT 1 FROM journal_refusal r WHERE r.document_id = d.id)"
                + " ORDER BY d.received_at LIMIT 100", String.class, DocumentStatus.APPROVED.name(),
                DocumentStatus.ARCHIVED.name(), DocumentStatus.SENT.name(), DocumentStatus.ARCHIVED.name());
        int booked = 0;
        for (String id : ids) {
            try {
                if (write(id)) {
                    booked++;
                }
            } catch (NotJournalisableException refused) {
                // recorded once, so the queue does not offer it again at every tick
                jdbc.update("INSERT INTO journal_refusal (document_id, reason, at) VALUES (?, ?, ?)", id,
                        JournalBuilder.cut(refused.getMessage(), 1000), OffsetDateTime.now(clock));
                LOG.warn("journal document={} not booked: {}; book it by hand in the accounting software", id,
                        refused.getMessage());
            } catch (RuntimeException e) {
                LOG.error("journal document={} could not be booked, retried at the next tick", id, e);
            }
        }
        return booked;
    }

    private boolean write(String documentId) {
        if (documentId == null || documentId.isBlank()) {
            throw new IllegalArgumentException("a journal request needs a document id as its body");
        }
        String id = documentId.strip();
        if (journal.exists(id)) {
            return false;
        }
        DocumentRepository.Checked read = documents.findChecked(id)
                .orElseThrow(() -> new NotJournalisableException("no document " + id));
        Document document = read.document();
        boolean purchase = document.direction() == Direction.PURCHASE;
        if (!(purchase ? PURCHASE_BOOKED : SALES_BOOKED).contains(document.status())) {
            throw new NotJournalisableException("document is " + document.status() + "; only approved purchase invoices and"
                    + " sent sales invoices are booked");
        }
        Invoice header = document.invoice();
        if (header == null) {
            throw new NotJournalisableException("nothing could be read from the document");
        }
        Party party = purchase ? header.seller() : header.buyer();
        String name = party == null ? null : party.name();
        String key = party == null ? null : SupplierKey.of(party.siren(), party.vatId(), party.name());
        Totals totals = header.totals() == null ? new Totals(null, null, null, null) : header.totals();
        ChartSettings chart = charts.get(document.dossierId());
        SupplierAccount supplier = purchase ? suppliers.find(document.dossierId(), key).orElse(null) : null;
        JournalEntry entry = JournalBuilder.build(new JournalBuilder.Facts(id, document.dossierId(), document.direction(),
                header.type(), header.number(), header.issueDate() == null ? document.receivedAt().toLocalDate() : header.issueDate(),
                header.currency(), name, key, breakdown(document, read.checks().facturxSha256()), totals.exclVat(), totals.vat(), totals.inclVat()),
                chart, supplier);
        JournalEntry stored;
        try {
            // the entry is its own record (GET .../documents/{id}/journal): no document event, the timeline shows decisions
            stored = transactions.execute(tx -> journal.insert(entry));
        } catch (DuplicateKeyException concurrent) {
            // the same document booked by the route and the catch-up at once, or two entries taking one number:
            // if it is booked now, the other one won; otherwise the next tick books it with the next number
            return false;
        }
        LOG.info("journal dossier={} document={} entry={} journal={} total={}", dossiers.sirenForLogs(document.dossierId()), id,
                stored.seq(), stored.journalCode(), stored.totalDebit().toPlainString());
        return true;
    }

    /** The VAT breakdown the document's structured invoice states: its Factur-X first, else its original. */
    private List<VatBreakdown> breakdown(Document document, String facturx) {
        for (String sha : facturx == null ? List.of(document.originalSha256()) : List.of(facturx, document.originalSha256())) {
            try (InputStream in = blobs.open(sha)) {
                byte[] bytes = in.readNBytes(MAX_INVOICE_BYTES + 1);
                if (bytes.length > MAX_INVOICE_BYTES) {
                    continue;
                }
                Invoice read = InvoiceReader.configured().readStored(sha, bytes).invoice();
                if (!read.vatBreakdown().isEmpty()) {
                    return read.vatBreakdown();
                }
            } catch (IOException | UnreadableInvoiceException | RuntimeException unreadable) {
                // a scan has no structured data: its totals are booked as one base and one VAT amount
                LOG.debug("journal document={} breakdown not readable from {}: {}", document.id(), sha, unreadable.getMessage());
            }
        }
        return List.of();
    }
}
