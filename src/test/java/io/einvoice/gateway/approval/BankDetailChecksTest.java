package io.einvoice.gateway.approval;

import io.einvoice.gateway.party.Party;
import io.einvoice.gateway.party.PartyKind;
import io.einvoice.gateway.party.PartyRole;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BankDetailChecksTest {

    private static Party supplier(String number, String siren, String vat) {
        return new Party(number, "d", PartyRole.SUPPLIER, number, PartyKind.COMPANY, "Société " + number, siren, null, vat,
                null, null, null, null, null, null, null, null, "FR7630006000011234567890189", false, false, true, false,
                null, false, false);
    }

    @Test
    void suppliersAreDifferentCompaniesOnlyWhenTheirLegalIdentifiersDiffer() {
        assertThat(BankDetailChecks.differentCompanies(supplier("A", "400000006", null), supplier("B", "400000014", null))).isTrue();
        assertThat(BankDetailChecks.differentCompanies(supplier("A", "400000006", null), supplier("B", "400000006", "FR00400000006")))
                .as("the same company in two dossiers").isFalse();
        assertThat(BankDetailChecks.differentCompanies(supplier("A", null, "DE123456789"), supplier("B", null, "DE987654321"))).isTrue();
        assertThat(BankDetailChecks.differentCompanies(supplier("A", "400000006", null), supplier("B", null, null)))
                .as("nothing to compare with").isFalse();
    }

    @Test
    void aSharedIbanNamesTheOtherSupplierOnlyInTheSameDossier() {
        Party other = supplier("FOUR-009", "400000014", null);
        assertThat(BankDetailChecks.sharedIban("FR76X", other, true)).isEqualTo(
                "IBAN FR76X is also the bank account of supplier FOUR-009 Société FOUR-009 (SIREN 400000014), another company");
        assertThat(BankDetailChecks.sharedIban("FR76X", other, false)).doesNotContain("FOUR-009").doesNotContain("400000014")
                .contains("another dossier of the firm");
    }

    @Test
    void anInvalidIbanAndAForeignBicAreBothReasons() {
        assertThat(BankDetailChecks.ibanReasons(null, "DEUTDEFFXXX")).isEmpty();
        assertThat(BankDetailChecks.ibanReasons("FR7730006000011234567890189", null)).singleElement().asString()
                .startsWith("the seller's IBAN is not valid: its check digits are wrong");
        assertThat(BankDetailChecks.ibanReasons("FR7630006000011234567890189", "DEUTDEFFXXX")).singleElement().asString()
                .startsWith("the BIC DEUTDEFFXXX is of a bank in DE");
    }
}
