package io.einvoice.gateway.ereporting;

import java.util.Arrays;
import java.util.Optional;

/**
 * The four e-reporting flows of a seller (issue 17 §4), with the XP Z12-013 flow type a PA gives them and the
 * processing rule they are posted under (flowSyntax {@code FRR}).
 */
public enum ReportKind {
    /** 10.1: each international B2B sale, unitary. */
    B2B_INT_TRANSACTIONS("10.1", "IndividualCustomerTransactionReport", "B2BInt", false),
    /** 10.2: each payment received for an international B2B sale of services. */
    B2B_INT_PAYMENTS("10.2", "UnitaryCustomerPaymentReport", "B2BInt", true),
    /** 10.3: B2C sales, aggregated per day, category and currency, with their VAT per rate. */
    B2C_TRANSACTIONS("10.3", "AggregatedCustomerTransactionReport", "B2C", false),
    /** 10.4: payments received for B2C sales of services, aggregated per day and rate. */
    B2C_PAYMENTS("10.4", "AggregatedCustomerPaymentReport", "B2C", true);

    private final String flow;
    private final String flowType;
    private final String processingRule;
    private final boolean payments;

    ReportKind(String flow, String flowType, String processingRule, boolean payments) {
        this.flow = flow;
        this.flowType = flowType;
        this.processingRule = processingRule;
        this.payments = payments;
    }

    public String flow() {
        return flow;
    }

    public String flowType() {
        return flowType;
    }

    public String processingRule() {
        return processingRule;
    }

    public boolean payments() {
        return payments;
    }

    public boolean aggregated() {
        return processingRule.equals("B2C");
    }

    public Scope scope() {
        return aggregated() ? Scope.B2C : Scope.B2B_INT;
    }

    /** "10.1".."10.4" */
    public static Optional<ReportKind> byFlow(String flow) {
        return Arrays.stream(values()).filter(k -> k.flow.equals(flow)).findFirst();
    }

    /** Which e-reporting a sale outside e-invoicing falls under. */
    public enum Scope { B2C, B2B_INT }
}
