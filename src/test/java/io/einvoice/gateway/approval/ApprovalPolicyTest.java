package io.einvoice.gateway.approval;

import io.einvoice.gateway.document.DocumentChecks;
import io.einvoice.gateway.document.DocumentStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ApprovalPolicyTest {

    private static final ApprovalPolicy POLICY = new ApprovalPolicy();
    private static final SupplierStanding TRUSTED = new SupplierStanding("FOUR-001 Lumière", true, false);
    private static final SupplierStanding UNTRUSTED = new SupplierStanding("FOUR-002 Inconnu", false, false);
    private static final SupplierStanding BLACKLISTED = new SupplierStanding("FOUR-003 Escroc", false, true);
    private static final SupplierStanding TRUSTED_BUT_BLACKLISTED = new SupplierStanding("FOUR-004 Both", true, true);
    private static final DocumentChecks CLEAN = new DocumentChecks("f", true, 0, "r", List.of());
    private static final DocumentChecks NOT_VALIDATED = DocumentChecks.NONE;
    private static final DocumentChecks INVALID = new DocumentChecks("f", false, 3, "r", List.of());
    private static final DocumentChecks VALID_TO_CHECK = new DocumentChecks("f", true, 0, "r", List.of("low OCR confidence"));
    private static final BigDecimal TOTAL = new BigDecimal("1200.00");

    private static ApprovalDecision decide(ApprovalMode mode, BigDecimal threshold, SupplierStanding supplier,
                                           DocumentChecks checks, String duplicateOf, BigDecimal total) {
        return POLICY.decide(new ApprovalCase(new ApprovalSettings(mode, threshold), supplier, checks, duplicateOf, total));
    }

    @Test
    void modeNoneApprovesACleanInvoiceOfAnySupplier() {
        for (SupplierStanding supplier : new SupplierStanding[] {null, UNTRUSTED, TRUSTED}) {
            ApprovalDecision d = decide(ApprovalMode.NONE, null, supplier, CLEAN, null, TOTAL);
            assertThat(d.status()).isEqualTo(DocumentStatus.APPROVED);
            assertThat(d.actor()).isEqualTo("rule:approval-mode-none");
        }
    }

    @Test
    void anIbanNotConfirmedForTheSupplierKeepsTheInvoiceWaitingWhateverTheTrustAndTheMode() {
        SupplierStanding trustedNewIban = new SupplierStanding("FOUR-001 Lumière", true, false, true);
        for (ApprovalMode mode : new ApprovalMode[] {ApprovalMode.NONE, ApprovalMode.EXCEPT_TRUSTED}) {
            ApprovalDecision d = decide(mode, null, trustedNewIban, CLEAN, null, TOTAL);
            assertThat(d.status()).as(mode.name()).isEqualTo(DocumentStatus.PENDING_APPROVAL);
            assertThat(d.reasons()).containsExactly(
                    "new bank details for this supplier: confirm them with the supplier by a known channel");
        }
        SupplierStanding blacklistedNewIban = new SupplierStanding("FOUR-003 Escroc", false, true, true);
        assertThat(decide(ApprovalMode.NONE, null, blacklistedNewIban, CLEAN, null, TOTAL).status())
                .isEqualTo(DocumentStatus.REJECTED);
    }

    @Test
    void exceptTrustedApprovesOnlyTrustedSuppliers() {
        ApprovalDecision trusted = decide(ApprovalMode.EXCEPT_TRUSTED, null, TRUSTED, CLEAN, null, TOTAL);
        assertThat(trusted.status()).isEqualTo(DocumentStatus.APPROVED);
        assertThat(trusted.actor()).isEqualTo("rule:trusted-supplier");
        assertThat(trusted.reasonText()).contains("FOUR-001 Lumière is trusted");

        ApprovalDecision untrusted = decide(ApprovalMode.EXCEPT_TRUSTED, null, UNTRUSTED, CLEAN, null, TOTAL);
        assertThat(untrusted.status()).isEqualTo(DocumentStatus.PENDING_APPROVAL);
        assertThat(untrusted.reasons()).containsExactly("supplier FOUR-002 Inconnu is not trusted (approval mode EXCEPT_TRUSTED)");

        ApprovalDecision unknown = decide(ApprovalMode.EXCEPT_TRUSTED, null, null, CLEAN, null, TOTAL);
        assertThat(unknown.status()).isEqualTo(DocumentStatus.PENDING_APPROVAL);
        assertThat(unknown.reasons()).containsExactly("the supplier is unknown (approval mode EXCEPT_TRUSTED)");
    }

    @Test
    void modeAllMakesEveryInvoiceWaitEvenFromATrustedSupplier() {
        ApprovalDecision d = decide(ApprovalMode.ALL, null, TRUSTED, CLEAN, null, TOTAL);
        assertThat(d.status()).isEqualTo(DocumentStatus.PENDING_APPROVAL);
        assertThat(d.reasons()).containsExactly("approval mode ALL: every purchase invoice waits for a person");
    }

    @Test
    void aBlacklistedSupplierIsRejectedWhateverTheModeAndChecks() {
        for (ApprovalMode mode : ApprovalMode.values()) {
            for (DocumentChecks checks : List.of(CLEAN, INVALID, NOT_VALIDATED)) {
                for (SupplierStanding supplier : List.of(BLACKLISTED, TRUSTED_BUT_BLACKLISTED)) {
                    ApprovalDecision d = decide(mode, BigDecimal.ONE, supplier, checks, "orig", TOTAL);
                    assertThat(d.status()).isEqualTo(DocumentStatus.REJECTED);
                    assertThat(d.actor()).isEqualTo("rule:blacklisted-supplier");
                    assertThat(d.reasonText()).isEqualTo("supplier " + supplier.label() + " is blacklisted");
                }
            }
        }
    }

    @Test
    void waitsUntilValidatedAndWhenInvalidOrSomethingIsToCheck() {
        assertThat(decide(ApprovalMode.NONE, null, TRUSTED, NOT_VALIDATED, null, TOTAL).reasons())
                .containsExactly("not validated yet");
        assertThat(decide(ApprovalMode.NONE, null, TRUSTED, INVALID, null, TOTAL).reasons())
                .containsExactly("invalid: 3 validation error(s)");
        assertThat(decide(ApprovalMode.NONE, null, TRUSTED, VALID_TO_CHECK, null, TOTAL).reasons())
                .containsExactly("to check: low OCR confidence");
    }

    @Test
    void aDuplicateIsNeverAutoApproved() {
        ApprovalDecision d = decide(ApprovalMode.NONE, null, TRUSTED, CLEAN, "doc-1", TOTAL);
        assertThat(d.status()).isEqualTo(DocumentStatus.PENDING_APPROVAL);
        assertThat(d.reasons()).containsExactly("duplicate of document doc-1");
        DocumentChecks explained = new DocumentChecks("f", true, 0, "r", List.of("duplicate of document doc-1 (same file)"));
        ApprovalDecision once = decide(ApprovalMode.NONE, null, TRUSTED, explained, "doc-1", TOTAL);
        assertThat(once.status()).isEqualTo(DocumentStatus.PENDING_APPROVAL);
        assertThat(once.reasons()).containsExactly("to check: duplicate of document doc-1 (same file)");
    }

    @Test
    void theThresholdIsInclusiveAndAnUnknownTotalWaits() {
        assertThat(decide(ApprovalMode.NONE, new BigDecimal("1200.00"), TRUSTED, CLEAN, null, TOTAL).status())
                .isEqualTo(DocumentStatus.APPROVED);
        ApprovalDecision above = decide(ApprovalMode.NONE, new BigDecimal("1199.99"), TRUSTED, CLEAN, null, TOTAL);
        assertThat(above.status()).isEqualTo(DocumentStatus.PENDING_APPROVAL);
        assertThat(above.reasons()).containsExactly("total 1200.00 is above the auto-approval threshold 1199.99");
        assertThat(decide(ApprovalMode.NONE, new BigDecimal("10"), TRUSTED, CLEAN, null, null).reasons().get(0))
                .startsWith("the total is unknown");
        assertThat(decide(ApprovalMode.NONE, null, TRUSTED, CLEAN, null, null).status()).isEqualTo(DocumentStatus.APPROVED);
    }

    @Test
    void everyReasonIsListedWhenSeveralApply() {
        ApprovalDecision d = decide(ApprovalMode.EXCEPT_TRUSTED, BigDecimal.TEN, UNTRUSTED, INVALID, "doc-9", TOTAL);
        assertThat(d.reasons()).containsExactly(
                "supplier FOUR-002 Inconnu is not trusted (approval mode EXCEPT_TRUSTED)",
                "invalid: 3 validation error(s)",
                "duplicate of document doc-9",
                "total 1200.00 is above the auto-approval threshold 10.00");
        assertThat(d.reasonText()).contains("; ");
    }

    /** Every combination of the inputs, against the rule as the issue states it. */
    @ParameterizedTest(name = "{0} {1} {2} {3} dup={4} {5}")
    @MethodSource("combinations")
    void everyCombinationFollowsTheRule(ApprovalMode mode, String supplierName, String checksName, String thresholdName,
                                        boolean duplicate, SupplierStanding supplier, DocumentChecks checks,
                                        BigDecimal threshold) {
        ApprovalDecision d = decide(mode, threshold, supplier, checks, duplicate ? "orig" : null, TOTAL);
        boolean blacklisted = supplier != null && supplier.blacklisted();
        boolean modeAllows = mode == ApprovalMode.NONE
                || (mode == ApprovalMode.EXCEPT_TRUSTED && supplier != null && supplier.trusted());
        boolean withinThreshold = threshold == null || TOTAL.compareTo(threshold) <= 0;
        DocumentStatus expected = blacklisted ? DocumentStatus.REJECTED
                : modeAllows && checks.cleanAndValid() && !duplicate && withinThreshold ? DocumentStatus.APPROVED
                : DocumentStatus.PENDING_APPROVAL;
        assertThat(d.status()).isEqualTo(expected);
        assertThat(d.actor()).startsWith("rule:");
        assertThat(d.reasons()).isNotEmpty();
    }

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        Object[][] suppliers = {{"unknown", null}, {"untrusted", UNTRUSTED}, {"trusted", TRUSTED}, {"blacklisted", BLACKLISTED}};
        Object[][] checks = {{"not-validated", NOT_VALIDATED}, {"invalid", INVALID}, {"to-check", VALID_TO_CHECK}, {"clean", CLEAN}};
        Object[][] thresholds = {{"no-threshold", null}, {"under", new BigDecimal("5000")}, {"above", new BigDecimal("100")}};
        for (ApprovalMode mode : ApprovalMode.values()) {
            for (Object[] s : suppliers) {
                for (Object[] c : checks) {
                    for (Object[] t : thresholds) {
                        for (boolean duplicate : new boolean[] {false, true}) {
                            all.add(Arguments.of(mode, s[0], c[0], t[0], duplicate, s[1], c[1], t[1]));
                        }
                    }
                }
            }
        }
        return all.stream();
    }

    @Test
    void settingsRefuseANegativeThresholdAndAMissingMode() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ApprovalSettings(ApprovalMode.ALL, new BigDecimal("-1")))
                .hasMessageContaining("zero or more");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ApprovalSettings(null, null))
                .hasMessageContaining("ALL, EXCEPT_TRUSTED, NONE");
    }
}
