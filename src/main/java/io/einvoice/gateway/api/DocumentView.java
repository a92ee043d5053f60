package io.einvoice.gateway.api;

import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentChecks;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.invoice.Money;
import io.einvoice.gateway.invoice.Party;
import io.einvoice.gateway.invoice.Totals;

import java.util.List;

/** A document as the API shows it (docs/contract.md): amounts as decimal strings, dates as ISO strings. */
public record DocumentView(
        String id, String dossier, String direction, String type, String number, String issueDate, String dueDate,
        String currency, String fileName, String sellerName, String sellerSiren, String sellerSiret, String sellerVat,
        String buyerName, String buyerSiren, String buyerVat, String totalExclVat, String totalVat, String totalInclVat,
        Integer lineCount, String format, String profile, String status, String statusReason, String paymentStatus,
        String accountingStatus, String channel, String dispatchChannel, String chorusStatus, String duplicateOf,
        Validation validation, List<String> checkReasons, String receivedAt, List<EventView> events,
        SupplierRef supplier, String replayOf, String replayedBy) {

    /** The supplier the document is linked to, as the dossier knows it now: an edit of the party shows here. */
    public record SupplierRef(String id, String number, String name, boolean trusted, boolean blacklisted, boolean active) {
    }

    /** Filled once validation has run on the document; null until then. */
    public record Validation(boolean valid, int errors) {
    }

    public record EventView(String at, String actor, String type, String from, String to, String details) {
        static EventView of(DocumentEvent e) {
            return new EventView(e.at().toString(), e.actor(), e.type(), name(e.fromStatus()), name(e.toStatus()), e.details());
        }
    }

    public static DocumentView of(Document d, String dossierSiren, DocumentChecks checks, List<DocumentEvent> events,
                                  SupplierRef supplier) {
        Invoice inv = d.invoice();
        Party seller = inv == null || inv.seller() == null ? Party.unknown() : inv.seller();
        Party buyer = inv == null || inv.buyer() == null ? Party.unknown() : inv.buyer();
        Totals totals = inv == null || inv.totals() == null ? new Totals(null, null, null, null) : inv.totals();
        return new DocumentView(d.id(), dossierSiren, d.direction().name(),
                inv == null || inv.type() == null ? null : inv.type().name(), inv == null ? null : inv.number(),
                inv == null ? null : text(inv.issueDate()), inv == null ? null : text(inv.dueDate()),
                inv == null ? null : inv.currency(), d.fileName(),
                seller.name(), seller.siren(), seller.siret(), seller.vatId(), buyer.name(), buyer.siren(), buyer.vatId(),
                Money.format(totals.exclVat()), Money.format(totals.vat()), Money.format(totals.inclVat()),
                d.lineCount(), d.format(), d.profile(), d.status().name(), d.statusReason(), d.paymentStatus().name(),
                d.accountingStatus().name(), d.channel().name(), null, null, d.duplicateOf(),
                checks.valid() == null ? null : new Validation(checks.valid(), checks.validationErrors()),
                checks.checkReasons(), d.receivedAt().toString(), events == null ? null : events.stream().map(EventView::of).toList(),
                supplier, null, null);
    }

    /** The same view with how a sales invoice went out (docs/contract.md dispatchChannel, chorusStatus). */
    public DocumentView withDispatch(String channel, String chorus) {
        return new DocumentView(id, dossier, direction, type, number, issueDate, dueDate, currency, fileName, sellerName,
                sellerSiren, sellerSiret, sellerVat, buyerName, buyerSiren, buyerVat, totalExclVat, totalVat, totalInclVat,
                lineCount, format, profile, status, statusReason, paymentStatus, accountingStatus, channel(), channel, chorus,
                duplicateOf, validation, checkReasons, receivedAt, events, supplier, replayOf, replayedBy);
    }

    /** The same view with its replay links (docs/contract.md replayOf, replayedBy). */
    public DocumentView withReplays(String of, String by) {
        return new DocumentView(id, dossier, direction, type, number, issueDate, dueDate, currency, fileName, sellerName,
                sellerSiren, sellerSiret, sellerVat, buyerName, buyerSiren, buyerVat, totalExclVat, totalVat, totalInclVat,
                lineCount, format, profile, status, statusReason, paymentStatus, accountingStatus, channel, dispatchChannel,
                chorusStatus, duplicateOf, validation, checkReasons, receivedAt, events, supplier, of, by);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
