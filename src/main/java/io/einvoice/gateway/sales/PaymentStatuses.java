package io.einvoice.gateway.sales;

import io.einvoice.gateway.document.AccountingStatus;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.document.PaymentStatus;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.einvoice.gateway.refusal.StateConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Payment and accounting statuses of finalised sales invoices, each change an event saying who and when:
 * UNPAID → PAID; PAID → REFUNDED, or UNPAID → REFUNDED once a finalised credit note corrects the invoice; TO_EXPORT →
 * EXPORTED. A draft has no payment to record.
 */
public class PaymentStatuses {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentStatuses.class);

    private final DraftService drafts;
    private final SalesRepository sales;
    private final DocumentRepository documents;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public PaymentStatuses(DraftService drafts, SalesRepository sales, DocumentRepository documents,
                           TransactionTemplate transactions, Clock clock) {
        this.drafts = drafts;
        this.sales = sales;
        this.documents = documents;
        this.transactions = transactions;
        this.clock = clock;
    }

    public PaymentStatus mark(Dossier dossier, String id, String status, String actor) {
        SalesDraft invoice = finalised(dossier, id);
        PaymentStatus target;
        try {
            target = FieldRules.enumeration(PaymentStatus.class, "status", status, null);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status must be PAID or REFUNDED, got '" + status + "'");
        }
        PaymentStatus current = document(id).paymentStatus();
        if (target == PaymentStatus.PAID) {
            if (invoice.type() == InvoiceType.CREDIT_NOTE) {
                throw new StateConflictException("not_payable", "a credit note is not paid by the customer; mark the invoice it"
                        + " corrects REFUNDED once the money went back");
            }
            requireFrom(invoice, current, PaymentStatus.UNPAID, target);
        } else if (target == PaymentStatus.REFUNDED) {
            boolean credited = !sales.creditNotesOf(dossier.id(), id).isEmpty();
            if (current != PaymentStatus.PAID && !(current == PaymentStatus.UNPAID && credited)) {
                throw new StateConflictException("not_refundable", "invoice " + invoice.number() + " is " + current
                        + (credited ? "" : " and no credit note corrects it") + ": only a paid or credited invoice can be refunded");
            }
        } else {
            throw new InvalidInputException("status must be PAID or REFUNDED; an invoice becomes UNPAID only by being issued");
        }
        PaymentStatus from = current;
        boolean moved = Boolean.TRUE.equals(transactions.execute(tx -> documents.recordPayment(id, from, target,
                new DocumentEvent(OffsetDateTime.now(clock), actor, "PAYMENT_STATUS", null, null, from + " -> " + target))));
        if (!moved) {
            throw new StateConflictException("changed", "the payment status of " + invoice.number() + " changed meanwhile; look again");
        }
        LOG.info("sales dossier={} document={} {} marked {} by {}", dossier.siren(), id, invoice.number(), target, actor);
        return target;
    }

    public AccountingStatus exported(Dossier dossier, String id, String actor) {
        SalesDraft invoice = finalised(dossier, id);
        boolean moved = Boolean.TRUE.equals(transactions.execute(tx -> documents.markExported(id, new DocumentEvent(
                OffsetDateTime.now(clock), actor, "ACCOUNTING_STATUS", null, null,
                AccountingStatus.TO_EXPORT + " -> " + AccountingStatus.EXPORTED))));
        if (!moved) {
            throw new StateConflictException("already_exported", "invoice " + invoice.number() + " is already EXPORTED");
        }
        LOG.info("sales dossier={} document={} {} exported, recorded by {}", dossier.siren(), id, invoice.number(), actor);
        return AccountingStatus.EXPORTED;
    }

    private SalesDraft finalised(Dossier dossier, String id) {
        SalesDraft invoice = drafts.existing(dossier, id);
        if (!invoice.frozen()) {
            throw new StateConflictException("draft", "sales invoice " + id + " is a draft: finalise it first");
        }
        return invoice;
    }

    private static void requireFrom(SalesDraft invoice, PaymentStatus current, PaymentStatus from, PaymentStatus to) {
        if (current != from) {
            throw new StateConflictException("payment_status", "invoice " + invoice.number() + " is " + current + ", it cannot become "
                    + to + " (only from " + from + ")");
        }
    }

    private Document document(String id) {
        return documents.findById(id).orElseThrow(() -> new NotVisibleException("sales invoice " + id));
    }
}
