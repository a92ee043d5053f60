package io.einvoice.gateway.approval;

import java.math.BigDecimal;

/**
 * A dossier's approval settings. {@code threshold}: invoices whose total including VAT is above it always wait for a
 * person; null for no limit.
 */
public record ApprovalSettings(ApprovalMode mode, BigDecimal threshold) {

    public static final ApprovalSettings DEFAULT = new ApprovalSettings(ApprovalMode.ALL, null);

    public ApprovalSettings {
        if (mode == null) {
            throw new IllegalArgumentException("approvalMode must be one of ALL, EXCEPT_TRUSTED, NONE");
        }
        if (threshold != null && threshold.signum() < 0) {
            throw new IllegalArgumentException("approvalThreshold must be zero or more, got " + threshold.toPlainString());
        }
    }
}
