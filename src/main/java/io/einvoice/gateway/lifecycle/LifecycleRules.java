package io.einvoice.gateway.lifecycle;

import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.document.PaymentStatus;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which lifecycle statuses a document's state calls for, in the order they happened. Purchases: 202 once read, 204
 * once the approval rules took it in hand, then 205 or 210, and 211 once paid. Sales: 200 once deposited on a
 * platform (Chorus Pro; not for e-mail, which is outside the reform), 212 once paid.
 */
public final class LifecycleRules {

    private static final Set<DocumentStatus> READ = EnumSet.of(DocumentStatus.RECOGNIZED, DocumentStatus.PENDING_APPROVAL,
            DocumentStatus.APPROVED, DocumentStatus.REJECTED, DocumentStatus.ARCHIVED);
    private static final Set<DocumentStatus> APPROVED = EnumSet.of(DocumentStatus.APPROVED, DocumentStatus.ARCHIVED);

    private LifecycleRules() {
    }

    public static List<LifecycleCode> due(Direction direction, DocumentStatus status, PaymentStatus payment,
                                          String dispatchChannel) {
        List<LifecycleCode> due = new ArrayList<>();
        if (direction == Direction.PURCHASE) {
            if (!READ.contains(status)) {
                return due;
            }
            due.add(LifecycleCode.RECUE);
            if (status != DocumentStatus.RECOGNIZED) {
                due.add(LifecycleCode.PRISE_EN_CHARGE);
            }
            if (APPROVED.contains(status)) {
                due.add(LifecycleCode.APPROUVEE);
                if (payment == PaymentStatus.PAID) {
                    due.add(LifecycleCode.PAIEMENT_TRANSMIS);
                }
            } else if (status == DocumentStatus.REJECTED) {
                due.add(LifecycleCode.REFUSEE);
            }
            return due;
        }
        if ((status == DocumentStatus.SENT || status == DocumentStatus.ARCHIVED) && "CHORUS".equals(dispatchChannel)) {
            due.add(LifecycleCode.DEPOSEE);
        }
        if (payment == PaymentStatus.PAID) {
            due.add(LifecycleCode.ENCAISSEE);
        }
        return due;
    }
}
