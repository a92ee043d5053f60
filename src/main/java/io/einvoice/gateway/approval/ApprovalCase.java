package io.einvoice.gateway.approval;

import io.einvoice.gateway.document.DocumentChecks;

import java.math.BigDecimal;

/**
 * Everything the approval decision depends on, gathered before deciding so the decision itself is a pure function.
 *
 * @param supplier     the linked supplier, null when the invoice names none the dossier knows
 * @param duplicateOf  the original's id when this document is a duplicate, else null
 */
public record ApprovalCase(ApprovalSettings settings, SupplierStanding supplier, DocumentChecks checks,
                           String duplicateOf, BigDecimal totalInclVat) {
}
