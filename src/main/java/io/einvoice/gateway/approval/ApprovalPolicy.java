package io.einvoice.gateway.approval;

import io.einvoice.gateway.document.DocumentChecks;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.invoice.Money;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The approval rules. A blacklisted supplier's invoice is rejected. Otherwise an invoice is approved without a person
 * only when the dossier's mode allows it (NONE: all; EXCEPT_TRUSTED: trusted suppliers), it is valid with nothing to
 * check, its IBAN (if any) is confirmed for its supplier, it is not a duplicate and its total is within the dossier's
 * threshold; else it waits, with every reason.
 */
public class ApprovalPolicy {

    public static final String RULE_BLACKLIST = "rule:blacklisted-supplier";
    public static final String RULE_TRUSTED = "rule:trusted-supplier";
    public static final String RULE_NO_APPROVAL = "rule:approval-mode-none";
    public static final String RULE_WAIT = "rule:approval";

    public ApprovalDecision decide(ApprovalCase c) {
        SupplierStanding supplier = c.supplier();
        if (supplier != null && supplier.blacklisted()) {
            return new ApprovalDecision(DocumentStatus.REJECTED, RULE_BLACKLIST,
                    List.of("supplier " + supplier.label() + " is blacklisted"));
        }
        List<String> reasons = new ArrayList<>();
        modeReason(c).ifPresent(reasons::add);
        if (supplier != null && supplier.unconfirmedIban()) {
            // whatever the mode and the trust: changed bank details are how invoice fraud diverts payments
            reasons.add(BankDetailChecks.NEW_BANK_DETAILS);
        }
        reasons.addAll(checkReasons(c.checks()));
        // the screening usually explains the duplicate among the check reasons already; say it once
        if (c.duplicateOf() != null && c.checks().checkReasons().stream()
                .noneMatch(r -> r.startsWith("duplicate of document " + c.duplicateOf()))) {
            reasons.add("duplicate of document " + c.duplicateOf());
        }
        if (c.settings().threshold() != null) {
            if (c.totalInclVat() == null) {
                reasons.add("the total is unknown and the dossier auto-approves only up to "
                        + Money.format(c.settings().threshold()));
            } else if (c.totalInclVat().compareTo(c.settings().threshold()) > 0) {
                reasons.add("total " + Money.format(c.totalInclVat()) + " is above the auto-approval threshold "
                        + Money.format(c.settings().threshold()));
            }
        }
        if (!reasons.isEmpty()) {
            return new ApprovalDecision(DocumentStatus.PENDING_APPROVAL, RULE_WAIT, reasons);
        }
        return c.settings().mode() == ApprovalMode.NONE
                ? new ApprovalDecision(DocumentStatus.APPROVED, RULE_NO_APPROVAL,
                        List.of("approval mode NONE and nothing to check"))
                : new ApprovalDecision(DocumentStatus.APPROVED, RULE_TRUSTED,
                        List.of("supplier " + supplier.label() + " is trusted and nothing to check"));
    }

    private static Optional<String> modeReason(ApprovalCase c) {
        SupplierStanding supplier = c.supplier();
        return switch (c.settings().mode()) {
            case ALL -> Optional.of("approval mode ALL: every purchase invoice waits for a person");
            case EXCEPT_TRUSTED -> supplier == null
                    ? Optional.of("the supplier is unknown (approval mode EXCEPT_TRUSTED)")
                    : supplier.trusted() ? Optional.empty()
                    : Optional.of("supplier " + supplier.label() + " is not trusted (approval mode EXCEPT_TRUSTED)");
            case NONE -> Optional.empty();
        };
    }

    /** Same test as {@link DocumentChecks#cleanAndValid()}, spelled out so the person sees which part failed. */
    private static List<String> checkReasons(DocumentChecks checks) {
        List<String> reasons = new ArrayList<>();
        if (checks.valid() == null) {
            reasons.add("not validated yet");
        } else if (!checks.valid()) {
            reasons.add("invalid: " + checks.validationErrors() + " validation error(s)");
        }
        checks.checkReasons().forEach(reason -> reasons.add("to check: " + reason));
        return reasons;
    }
}
