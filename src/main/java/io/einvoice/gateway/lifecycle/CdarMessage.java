package io.einvoice.gateway.lifecycle;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One CDAR lifecycle message (UN/CEFACT CrossDomainAcknowledgementAndResponse D22B, FNFE CDV profile) about one
 * invoice: who says it ({@code issuer}, for {@code issuerRole} BY buyer or SE seller), to whom, and which status.
 *
 * @param invoiceSellerSiren the seller of the invoice the status is about (MDT-129, always role SE)
 * @param amount             the amount received, for 212 (MDT-207 MEN); null otherwise
 */
public record CdarMessage(
        String messageId, OffsetDateTime issuedAt, String issuerSiren, String issuerRole, String recipientSiren,
        String recipientRole, String invoiceNumber, String invoiceTypeCode, LocalDate invoiceIssueDate,
        String invoiceSellerSiren, LifecycleCode status, ReasonCode reasonCode, String reason, BigDecimal amount,
        String currency) {

    public static final String SELLER = "SE";
    public static final String BUYER = "BY";
}
