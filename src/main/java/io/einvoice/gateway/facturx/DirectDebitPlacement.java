package io.einvoice.gateway.facturx;

import io.einvoice.gateway.invoice.DirectDebit;
import io.einvoice.gateway.invoice.PaymentMeans;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Where the document-level parts of BG-19 go in the model. Both syntaxes keep some of BG-19 outside the payment means
 * (CII: BT-89 in the payment terms and BT-90 in the settlement; UBL: BT-90 as a SEPA party identifier), while the model
 * keeps BG-19 in the payment means (BG-16), as EN 16931 does. They go to the means that debit: those that already carry
 * part of BG-19 or have a direct debit code (49, 59), else the first one.
 */
final class DirectDebitPlacement {

    private DirectDebitPlacement() {
    }

    static List<PaymentMeans> place(List<PaymentMeans> means, String mandateReference, String creditorIdentifier) {
        if (mandateReference == null && creditorIdentifier == null) {
            return means;
        }
        boolean anyDebiting = means.stream().anyMatch(DirectDebitPlacement::debits);
        return IntStream.range(0, means.size()).mapToObj(i -> {
            PaymentMeans m = means.get(i);
            if (anyDebiting ? !debits(m) : i > 0) {
                return m;
            }
            DirectDebit own = m.directDebit();
            if (own == null) {
                return m.withDirectDebit(new DirectDebit(mandateReference, creditorIdentifier, null));
            }
            return m.withDirectDebit(new DirectDebit(own.mandateReference() == null ? mandateReference : own.mandateReference(),
                    own.creditorIdentifier() == null ? creditorIdentifier : own.creditorIdentifier(), own.debitedAccount()));
        }).toList();
    }

    private static boolean debits(PaymentMeans m) {
        return m.directDebit() != null || DirectDebit.isDirectDebitCode(m.code());
    }
}
