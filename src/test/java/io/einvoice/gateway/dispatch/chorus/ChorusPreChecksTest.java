package io.einvoice.gateway.dispatch.chorus;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChorusPreChecksTest {

    private final ChorusPreChecks checks = new ChorusPreChecks();

    private static ChorusInvoiceFacts invoice(String number, String cadre, String sellerSiret, String buyerSiret,
                                              String service, String commitment, List<ChorusInvoiceFacts.PaymentMeans> means) {
        return new ChorusInvoiceFacts(number, "380", cadre, sellerSiret, "Seller", buyerSiret, "Buyer", service, commitment,
                means, "20260316", "EUR", new BigDecimal("100.00"), new BigDecimal("120.00"), new BigDecimal("120.00"));
    }

    private static ChorusInvoiceFacts good() {
        return invoice("FA-2026-0042", "A1", "73282932000017", "12345678200051", null, null,
                List.of(new ChorusInvoiceFacts.PaymentMeans("30", "FR7630006000011234567890189")));
    }

    private static StructureRules structure(boolean service, boolean commitment, boolean either) {
        return new StructureRules(1, "12345678200051", "Mairie", service, commitment, either,
                Map.of("SERVICE_A", true, "SERVICE_FERME", false, "FACTURES_PUBLIQUES", true));
    }

    @Test
    void aCompliantInvoiceHasNoReason() {
        assertThat(checks.checkInvoice(good())).isEmpty();
        assertThat(checks.checkRecipient(good(), structure(false, false, false))).isEmpty();
    }

    @Test
    void sirenInsteadOfSiretIsRefused() {
        var invoice = invoice("FA-1", "A1", "732829320", null, null, null, good().paymentMeans());
        assertThat(checks.checkInvoice(invoice)).containsExactly("seller SIRET '732829320' must be exactly 14 digits",
                "buyer SIRET (scheme 0009) is missing: Chorus Pro identifies buyers by their 14-digit SIRET");
    }

    @Test
    void invoiceNumberLengthAndCharactersFollowRuleG105() {
        var tooLong = invoice("FACTURE-2026-000000042", "A1", "73282932000017", "12345678200051", null, null, good().paymentMeans());
        assertThat(checks.checkInvoice(tooLong)).containsExactly(
                "invoice number 'FACTURE-2026-000000042' has 22 characters; Chorus Pro accepts at most 20");
        var badCharacters = invoice("FA.2026#42", "A1", "73282932000017", "12345678200051", null, null, good().paymentMeans());
        assertThat(checks.checkInvoice(badCharacters)).containsExactly(
                "invoice number 'FA.2026#42' may only contain letters, digits, spaces and + _ / -");
        var allowed = invoice("FA 2026/42+A_b-1", "A1", "73282932000017", "12345678200051", null, null, good().paymentMeans());
        assertThat(checks.checkInvoice(allowed)).isEmpty();
    }

    @Test
    void reformCodeInBt23IsRefused() {
        var invoice = invoice("FA-1", "M1", "73282932000017", "12345678200051", null, null, good().paymentMeans());
        assertThat(checks.checkInvoice(invoice)).containsExactly(
                "BT-23 (cadre de facturation) must be A1 for a supplier invoice to Chorus Pro, found 'M1'");
    }

    @Test
    void paymentMeansNeedACodeAndAValidIban() {
        var none = invoice("FA-1", "A1", "73282932000017", "12345678200051", null, null, List.of());
        assertThat(checks.checkInvoice(none)).singleElement().asString().startsWith("payment means type code (BT-81) is missing");
        var noIban = invoice("FA-1", "A1", "73282932000017", "12345678200051", null, null,
                List.of(new ChorusInvoiceFacts.PaymentMeans("58", null)));
        assertThat(checks.checkInvoice(noIban)).singleElement().asString().contains("without an IBAN");
        var badIban = invoice("FA-1", "A1", "73282932000017", "12345678200051", null, null,
                List.of(new ChorusInvoiceFacts.PaymentMeans("30", "FR7630006000011234567890188")));
        assertThat(checks.checkInvoice(badIban)).singleElement().asString().contains("is not a valid IBAN");
    }

    @Test
    void creditNoteNeedsNoPaymentMeans() {
        var creditNote = new ChorusInvoiceFacts("AV-1", "381", "A1", "73282932000017", "S", "12345678200051", "B", null, null,
                List.of(), null, "EUR", null, null, null);
        assertThat(checks.checkInvoice(creditNote)).isEmpty();
    }

    @Test
    void structureFlagsDemandServiceCodeAndOrCommitment() {
        assertThat(checks.checkRecipient(good(), structure(true, false, false)))
                .containsExactly("Mairie requires a service code (BT-10 buyer reference)");
        assertThat(checks.checkRecipient(good(), structure(false, true, false)))
                .containsExactly("Mairie requires a commitment number (engagement juridique, BT-13 order reference)");
        assertThat(checks.checkRecipient(good(), structure(true, true, false))).hasSize(2);
        assertThat(checks.checkRecipient(good(), structure(true, true, true)))
                .containsExactly("Mairie requires a service code (BT-10) or a commitment number (BT-13)");
        var withCommitment = invoice("FA-1", "A1", "73282932000017", "12345678200051", null, "EJ-2026-1", good().paymentMeans());
        assertThat(checks.checkRecipient(withCommitment, structure(true, true, true))).isEmpty();
    }

    @Test
    void serviceCodeMustExistBeActiveAndNotBeFacturesPubliques() {
        var reserved = invoice("FA-1", "A1", "73282932000017", "12345678200051", "FACTURES_PUBLIQUES", null, good().paymentMeans());
        assertThat(checks.checkRecipient(reserved, structure(true, false, false)))
                .containsExactly("service code FACTURES_PUBLIQUES is reserved for invoices between public entities");
        var closed = invoice("FA-1", "A1", "73282932000017", "12345678200051", "SERVICE_FERME", null, good().paymentMeans());
        assertThat(checks.checkRecipient(closed, structure(true, false, false)))
                .containsExactly("service 'SERVICE_FERME' of Mairie is inactive");
        var unknown = invoice("FA-1", "A1", "73282932000017", "12345678200051", "NOPE", null, good().paymentMeans());
        assertThat(checks.checkRecipient(unknown, structure(true, false, false)))
                .containsExactly("service code 'NOPE' does not exist at Mairie");
    }

    @Test
    void unknownBuyerStructureIsAReason() {
        assertThat(checks.checkRecipient(good(), null))
                .containsExactly("buyer SIRET 12345678200051 is not a structure known to Chorus Pro");
    }
}
