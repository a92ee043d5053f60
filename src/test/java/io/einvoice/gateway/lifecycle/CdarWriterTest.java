package io.einvoice.gateway.lifecycle;

import io.einvoice.gateway.validation.InvoiceValidator;
import io.einvoice.gateway.validation.ValidationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every lifecycle status the gateway knows, written as CDAR, passes the FNFE BR-FR-CDV 1.3.0 schematron with no
 * finding at all (the rules are published as warnings, so the test looks at the findings, not only the verdict), and
 * reads back to the same message.
 */
class CdarWriterTest {

    private static final InvoiceValidator VALIDATOR = InvoiceValidator.onDemand();

    static CdarMessage message(LifecycleCode status) {
        ReasonCode reason = status.needsReason() ? firstAllowed(status) : null;
        boolean buyerSays = status != LifecycleCode.ENCAISSEE && status != LifecycleCode.DEPOSEE;
        return new CdarMessage("CDV-FA-2026-0042-" + status.code(), OffsetDateTime.of(2026, 11, 24, 10, 0, 0, 0, ZoneOffset.UTC),
                buyerSays ? "123456782" : "732829320", buyerSays ? CdarMessage.BUYER : CdarMessage.SELLER,
                buyerSays ? "732829320" : "123456782", buyerSays ? CdarMessage.SELLER : CdarMessage.BUYER,
                "FA-2026-0042", "380", LocalDate.of(2026, 11, 20), "732829320", status, reason,
                reason == null ? null : "motif donné par l'acheteur",
                status == LifecycleCode.ENCAISSEE ? new BigDecimal("1200.50") : null, status == LifecycleCode.ENCAISSEE ? "EUR" : null);
    }

    private static ReasonCode firstAllowed(LifecycleCode status) {
        for (ReasonCode r : ReasonCode.values()) {
            if (status.allows(r)) {
                return r;
            }
        }
        throw new AssertionError(status + " needs a reason and allows none");
    }

    @ParameterizedTest
    @EnumSource(LifecycleCode.class)
    void everyStatusWrittenAsCdarPassesTheBrFrCdvRulesWithoutAFinding(LifecycleCode status) throws Exception {
        byte[] cdar = CdarWriter.write(message(status));

        ValidationReport report = VALIDATOR.validate(cdar, "cdv-" + status.code() + ".xml");

        assertThat(report.syntax()).isEqualTo("CDAR");
        assertThat(report.findings()).as(new String(cdar, StandardCharsets.UTF_8)).isEmpty();
        assertThat(report.valid()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(LifecycleCode.class)
    void everyStatusReadsBackAsTheMessageThatWasWritten(LifecycleCode status) throws Exception {
        CdarMessage written = message(status);

        CdarMessage read = new CdarReader().read(CdarWriter.write(written));

        assertThat(read).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(written);
    }

    @Test
    void aRejectionWithoutItsReasonIsWhatTheRulesFlag() throws Exception {
        CdarMessage m = message(LifecycleCode.REFUSEE);
        CdarMessage withoutReason = new CdarMessage(m.messageId(), m.issuedAt(), m.issuerSiren(), m.issuerRole(),
                m.recipientSiren(), m.recipientRole(), m.invoiceNumber(), m.invoiceTypeCode(), m.invoiceIssueDate(),
                m.invoiceSellerSiren(), m.status(), null, null, null, null);

        ValidationReport report = VALIDATOR.validate(CdarWriter.write(withoutReason), "cdv-210.xml");

        // proves the test above can fail: the same schematron finds the missing MDT-113
        assertThat(report.findings()).anySatisfy(f -> assertThat(f.ruleId()).startsWith("BR-FR-CDV-15"));
    }
}
