package io.einvoice.gateway.sales;

import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.archive.BlobRef;
import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.document.AccountingStatus;
import io.einvoice.gateway.document.Channel;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.document.PaymentStatus;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.party.Party;
import io.einvoice.gateway.party.PartyRepository;
import io.einvoice.gateway.party.PartyRole;
import io.einvoice.gateway.party.StoredParty;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotPossibleException;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.einvoice.gateway.refusal.StateConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Creates, replaces and deletes draft sales invoices, and makes credit-note drafts from finalised invoices. Each draft
 * is a document row (SALES, CREATED, DRAFT) whose original is the JSON it was written from; its lines copy catalogue
 * values. A customer or catalogue item of another dossier does not exist here (404).
 */
public class DraftService {

    private static final Logger LOG = LoggerFactory.getLogger(DraftService.class);
    /** BT-23: Chorus Pro's cadres A1…A25, and the reform's operation categories. */
    private static final Pattern BUSINESS_PROCESS = Pattern.compile("A([1-9]|1\\d|2[0-5])|[BSM][1247]|S[56]");

    private final SalesRepository sales;
    private final CatalogueRepository catalogue;
    private final PartyRepository parties;
    private final SalesSettingsRepository settings;
    private final DocumentRepository documents;
    private final BlobStore blobs;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public DraftService(SalesRepository sales, CatalogueRepository catalogue, PartyRepository parties,
                        SalesSettingsRepository settings, DocumentRepository documents, BlobStore blobs,
                        TransactionTemplate transactions, Clock clock) {
        this.sales = sales;
        this.catalogue = catalogue;
        this.parties = parties;
        this.settings = settings;
        this.documents = documents;
        this.blobs = blobs;
        this.transactions = transactions;
        this.clock = clock;
    }

    public SalesDraft create(Dossier dossier, String body, String actor) {
        DraftRequest request = Json.read(body, DraftRequest.class);
        InvoiceType type = type(request.type());
        SalesDraft draft = draft(dossier, UUID.randomUUID().toString(), type, request, null);
        BlobRef original = store(body);
        Invoice header = header(dossier, draft);
        transactions.executeWithoutResult(tx -> {
            documents.recordBlob(original.sha256(), original.size(), "application/json");
            documents.insert(new Document(draft.documentId(), dossier.id(), Direction.SALES, Channel.CREATED, null,
                    "draft-" + draft.documentId() + ".json", original.sha256(), "JSON", null, header, draft.lines().size(),
                    DocumentStatus.DRAFT, null, PaymentStatus.UNPAID, AccountingStatus.TO_EXPORT, null, OffsetDateTime.now(clock)));
            sales.insert(draft);
            documents.appendEvent(draft.documentId(), new DocumentEvent(OffsetDateTime.now(clock), actor, "DRAFT_CREATED", null,
                    DocumentStatus.DRAFT, type.name() + ", " + draft.lines().size() + " lines"));
        });
        LOG.info("sales dossier={} document={} draft {} created by {}", dossier.siren(), draft.documentId(), type, actor);
        return sales.find(dossier.id(), draft.documentId()).orElseThrow();
    }

    /**
     * What a draft written from {@code body} would come to (lines, VAT breakdown, totals) with the same checks as
     * create, storing nothing: the web editor's live totals are computed here, never in the browser.
     */
    public Invoice preview(Dossier dossier, String body) {
        DraftRequest request = Json.read(body, DraftRequest.class);
        SalesDraft draft = draft(dossier, "preview", type(request.type()), request, null);
        return header(dossier, draft);
    }

    public SalesDraft replace(Dossier dossier, String id, String body, String actor) {
        SalesDraft current = existing(dossier, id);
        refuseIfFrozen(current);
        DraftRequest request = Json.read(body, DraftRequest.class);
        if (request.type() != null && type(request.type()) != current.type()) {
            throw new InvalidInputException("type cannot change on an existing draft (" + current.type() + "): create a new draft");
        }
        SalesDraft draft = current.type() == InvoiceType.CREDIT_NOTE
                ? creditNoteEdit(dossier, current, request)
                : draft(dossier, id, current.type(), request, null);
        BlobRef original = store(body);
        Invoice header = header(dossier, draft);
        boolean replaced = Boolean.TRUE.equals(transactions.execute(tx -> {
            if (!sales.replace(draft)) {
                return false;
            }
            documents.recordBlob(original.sha256(), original.size(), "application/json");
            documents.recordInvoice(id, "JSON", header);
            documents.replaceOriginal(id, original.sha256(), "draft-" + id + ".json", null);
            documents.forgetVerdict(id);
            documents.appendEvent(id, new DocumentEvent(OffsetDateTime.now(clock), actor, "DRAFT_EDITED", null, null,
                    draft.lines().size() + " lines"));
            return true;
        }));
        if (!replaced) {
            refuseIfFrozen(existing(dossier, id));
            throw new NotVisibleException("sales invoice " + id);
        }
        LOG.info("sales dossier={} document={} draft edited by {}", dossier.siren(), id, actor);
        return sales.find(dossier.id(), id).orElseThrow();
    }

    public void delete(Dossier dossier, String id, String actor) {
        SalesDraft current = existing(dossier, id);
        refuseIfFrozen(current);
        boolean deleted = Boolean.TRUE.equals(transactions.execute(tx -> {
            if (!sales.deleteDraft(dossier.id(), id)) {
                return false;
            }
            documents.deleteDraft(id);
            return true;
        }));
        if (!deleted) {
            refuseIfFrozen(existing(dossier, id));
            throw new NotVisibleException("sales invoice " + id);
        }
        LOG.info("sales dossier={} document={} draft deleted by {}", dossier.siren(), id, actor);
    }

    /** A draft credit note (381) for all of a finalised invoice, or for the lines and quantities asked. */
    public SalesDraft creditNote(Dossier dossier, String invoiceId, String body, String actor) {
        SalesDraft invoice = existing(dossier, invoiceId);
        if (!invoice.frozen() || invoice.type() == InvoiceType.CREDIT_NOTE) {
            throw new StateConflictException("not_creditable", "only a finalised invoice can be credited; " + invoiceId + " is "
                    + (invoice.frozen() ? "a credit note" : "still a draft: edit or delete it instead"));
        }
        DraftRequest.CreditNote request = body == null || body.isBlank() ? new DraftRequest.CreditNote(null, null)
                : Json.read(body, DraftRequest.CreditNote.class);
        List<SalesLine> lines = creditedLines(invoice, request.lines());
        SalesDraft draft = new SalesDraft(UUID.randomUUID().toString(), dossier.id(), InvoiceType.CREDIT_NOTE,
                invoice.customerId(), false, 1, null, null, null, invoice.paymentDays(), invoice.businessProcess(),
                invoice.buyerReference(), invoice.orderReference(), text("note", request.note(), 1000), invoice.documentId(),
                List.of(), null, lines);
        String json = body == null || body.isBlank() ? "{}" : body;
        BlobRef original = store(json);
        Invoice header = header(dossier, draft);
        transactions.executeWithoutResult(tx -> {
            documents.recordBlob(original.sha256(), original.size(), "application/json");
            documents.insert(new Document(draft.documentId(), dossier.id(), Direction.SALES, Channel.CREATED, null,
                    "draft-" + draft.documentId() + ".json", original.sha256(), "JSON", null, header, lines.size(),
                    DocumentStatus.DRAFT, null, PaymentStatus.UNPAID, AccountingStatus.TO_EXPORT, null, OffsetDateTime.now(clock)));
            sales.insert(draft);
            documents.appendEvent(draft.documentId(), new DocumentEvent(OffsetDateTime.now(clock), actor, "DRAFT_CREATED", null,
                    DocumentStatus.DRAFT, "credit note for " + invoice.number()));
        });
        LOG.info("sales dossier={} document={} credit note draft for {} created by {}", dossier.siren(), draft.documentId(),
                invoice.number(), actor);
        return sales.find(dossier.id(), draft.documentId()).orElseThrow();
    }

    SalesDraft existing(Dossier dossier, String id) {
        return sales.find(dossier.id(), id).orElseThrow(() -> new NotVisibleException("sales invoice " + id));
    }

    static void refuseIfFrozen(SalesDraft draft) {
        if (draft.frozen()) {
            throw new StateConflictException("finalised", "sales invoice " + draft.number() + " is finalised and can no longer be"
                    + " changed or deleted; to correct it, issue a credit note (POST .../sales-invoices/" + draft.documentId()
                    + "/credit-note)");
        }
    }

    /** The customer as the invoice names it, whether it is still active or not (finalisation checks that). */
    Party customer(Dossier dossier, String customerId) {
        return parties.findById(customerId).map(StoredParty::party)
                .filter(p -> p.dossierId().equals(dossier.id()) && p.role() == PartyRole.CUSTOMER)
                .orElseThrow(() -> new NotVisibleException("customer " + customerId));
    }

    /**
     * The party the invoice is addressed to: the customer, or its parent when the customer is billed through it
     * ({@code billWithParent}, e.g. a branch whose head office pays).
     */
    Party billed(Dossier dossier, String customerId) {
        Party customer = customer(dossier, customerId);
        if (!customer.billWithParent() || customer.parentId() == null) {
            return customer;
        }
        return parties.findById(customer.parentId()).map(StoredParty::party)
                .filter(p -> p.dossierId().equals(dossier.id()) && p.role() == PartyRole.CUSTOMER)
                .orElseThrow(() -> new NotPossibleException("no_parent", "customer " + customer.label() + " is billed through"
                        + " its parent, which is not a customer of this dossier any more: set its parentId or billWithParent"));
    }

    /** The header columns of the document row: what lists and counters show of a draft. */
    private Invoice header(Dossier dossier, SalesDraft draft) {
        return InvoiceComposer.compose(dossier, settings.get(dossier.id()), billed(dossier, draft.customerId()), draft,
                new InvoiceComposer.Issue(null, LocalDate.now(clock), List.of(), null));
    }

    private SalesDraft draft(Dossier dossier, String id, InvoiceType type, DraftRequest request, String correctsId) {
        if (request.customerId() == null || request.customerId().isBlank()) {
            throw new InvalidInputException("customerId is required: a customer of the dossier (GET /api/dossiers/"
                    + dossier.siren() + "/customers)");
        }
        Party customer = customer(dossier, request.customerId().strip());
        if (!customer.active()) {
            throw new InvalidInputException("customer " + customer.label() + " is deactivated: reactivate it or choose another");
        }
        List<DraftRequest.Line> requested = request.lines() == null ? List.of() : request.lines();
        List<SalesLine> lines = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            lines.add(line(dossier, i + 1, requested.get(i)));
        }
        List<String> deductions = deductions(dossier, type, customer, request.deductDownPayments());
        try {
            return new SalesDraft(id, dossier.id(), type, customer.id(), false, 1, null, null,
                    FieldRules.date("dueDate", request.dueDate()), paymentDays(request.paymentDays()),
                    businessProcess(request.businessProcess()), FieldRules.text("buyerReference", request.buyerReference(), 100, false),
                    FieldRules.text("orderReference", request.orderReference(), 100, false),
                    FieldRules.text("note", request.note(), 1000, false), correctsId, deductions, null, lines);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    /** A credit note keeps its lines (taken from the invoice); only its note, dates and references change. */
    private SalesDraft creditNoteEdit(Dossier dossier, SalesDraft current, DraftRequest request) {
        if (request.lines() != null || request.deductDownPayments() != null
                || (request.customerId() != null && !request.customerId().equals(current.customerId()))) {
            throw new InvalidInputException("a credit note's customer and lines come from the invoice it credits: delete this"
                    + " draft and make another from the invoice to change them");
        }
        try {
            return new SalesDraft(current.documentId(), dossier.id(), current.type(), current.customerId(), false,
                    current.version(), null, null, FieldRules.date("dueDate", request.dueDate()),
                    paymentDays(request.paymentDays()), businessProcess(request.businessProcess()),
                    FieldRules.text("buyerReference", request.buyerReference(), 100, false),
                    FieldRules.text("orderReference", request.orderReference(), 100, false),
                    FieldRules.text("note", request.note(), 1000, false), current.correctsId(), List.of(), null, current.lines());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    private SalesLine line(Dossier dossier, int position, DraftRequest.Line in) {
        String where = "lines[" + (position - 1) + "].";
        try {
            BigDecimal quantity = FieldRules.amount(where + "quantity", in.quantity(), true);
            BigDecimal discount = FieldRules.percent(where + "discountPercent", in.discountPercent());
            if (in.catalogueItemId() != null && !in.catalogueItemId().isBlank()) {
                if (in.label() != null || in.unitPrice() != null || in.vatRate() != null || in.unit() != null || in.kind() != null
                        || in.vatCategory() != null || in.exemptionReason() != null || in.exemptionCode() != null) {
                    throw new IllegalArgumentException(where + " gives catalogueItemId and free line fields: a catalogue line"
                            + " takes only quantity and discountPercent");
                }
                CatalogueItem item = catalogue.find(dossier.id(), in.catalogueItemId().strip())
                        .orElseThrow(() -> new NotVisibleException("catalogue item " + in.catalogueItemId()));
                if (!item.active()) {
                    throw new IllegalArgumentException(where + "catalogueItemId: item '" + item.label() + "' is inactive");
                }
                return new SalesLine(position, item.id(), item.kind(), item.label(), item.unitCode(), quantity, item.unitPrice(),
                        discount, item.vat());
            }
            return new SalesLine(position, null, FieldRules.enumeration(LineKind.class, where + "kind", in.kind(), LineKind.SERVICE),
                    FieldRules.text(where + "label", in.label(), 300, true), FieldRules.unitCode(in.unit()),
                    quantity, FieldRules.amount(where + "unitPrice", in.unitPrice(), false), discount,
                    vat(where, in));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    private static VatChoice vat(String where, DraftRequest.Line in) {
        try {
            return VatChoice.of(in.vatRate(), in.vatCategory(), in.exemptionReason(), in.exemptionCode());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage());
        }
    }

    private List<String> deductions(Dossier dossier, InvoiceType type, Party customer, List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        if (type != InvoiceType.INVOICE) {
            throw new InvalidInputException("deductDownPayments only goes on a final invoice (type INVOICE)");
        }
        for (String id : ids) {
            SalesDraft downPayment = sales.find(dossier.id(), id).orElseThrow(() -> new NotVisibleException("down-payment invoice " + id));
            if (downPayment.type() != InvoiceType.PREPAYMENT_INVOICE || !downPayment.frozen()
                    || !downPayment.customerId().equals(customer.id())) {
                throw new InvalidInputException("deductDownPayments: " + id + " is not a finalised down-payment invoice of customer "
                        + customer.label());
            }
        }
        return List.copyOf(Set.copyOf(ids));
    }

    private List<SalesLine> creditedLines(SalesDraft invoice, List<DraftRequest.CreditLine> asked) {
        if (asked == null || asked.isEmpty()) {
            return invoice.lines();
        }
        Map<Integer, SalesLine> byPosition = invoice.lines().stream()
                .collect(Collectors.toMap(SalesLine::position, Function.identity()));
        List<SalesLine> lines = new ArrayList<>();
        for (DraftRequest.CreditLine c : asked) {
            SalesLine original = c.position() == null ? null : byPosition.get(c.position());
            if (original == null) {
                throw new InvalidInputException("lines: position " + c.position() + " is not a line of invoice " + invoice.number()
                        + " (positions " + byPosition.keySet() + ")");
            }
            BigDecimal quantity;
            try {
                quantity = c.quantity() == null ? original.quantity() : FieldRules.amount("lines.quantity", c.quantity(), true);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage());
            }
            if (quantity.compareTo(original.quantity()) > 0) {
                throw new InvalidInputException("lines: position " + c.position() + " credits " + quantity.toPlainString()
                        + ", more than the " + original.quantity().toPlainString() + " invoiced");
            }
            lines.add(original.withQuantity(lines.size() + 1, quantity));
        }
        return lines;
    }

    private static InvoiceType type(String value) {
        InvoiceType type;
        try {
            type = FieldRules.enumeration(InvoiceType.class, "type", value, InvoiceType.INVOICE);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("type must be INVOICE or PREPAYMENT_INVOICE (down payment), got '" + value + "'");
        }
        if (type != InvoiceType.INVOICE && type != InvoiceType.PREPAYMENT_INVOICE) {
            throw new InvalidInputException("type must be INVOICE or PREPAYMENT_INVOICE (down payment), got " + type
                    + (type == InvoiceType.CREDIT_NOTE ? ": a credit note is made from the finalised invoice with"
                    + " POST .../sales-invoices/{id}/credit-note" : ""));
        }
        return type;
    }

    private static Integer paymentDays(Integer days) {
        if (days != null && (days < 0 || days > 60)) {
            // L441-10 Code de commerce: at most 60 days from the issue date
            throw new IllegalArgumentException("paymentDays must be between 0 and 60 (French law caps payment terms at 60 days),"
                    + " got " + days);
        }
        return days;
    }

    private static String businessProcess(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip().toUpperCase();
        if (!BUSINESS_PROCESS.matcher(v).matches()) {
            throw new IllegalArgumentException("businessProcess (BT-23) must be B1, S1, M1 (goods, services, both), B2/S2/M2"
                    + " (already paid), B4/S4/M4 (final after down payments), S5, S6, B7, S7, or a Chorus Pro cadre A1 to A25;"
                    + " got '" + value + "'");
        }
        return v;
    }

    private static String text(String field, String value, int max) {
        try {
            return FieldRules.text(field, value, max, false);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    private BlobRef store(String json) {
        try {
            return blobs.put(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("the draft could not be stored in the blob store", e);
        }
    }
}
