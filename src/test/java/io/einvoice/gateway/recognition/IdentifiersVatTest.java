package io.einvoice.gateway.recognition;

import org.junit.jupiter.api.Test;

import static io.einvoice.gateway.recognition.FieldExtractorPartiesTest.extract;
import static io.einvoice.gateway.recognition.FieldExtractorPartiesTest.line;
import static org.assertj.core.api.Assertions.assertThat;

/** VAT numbers of other EU countries: where they end, and whose they are. */
class IdentifiersVatTest {

    @Test
    void aWordAfterTheNumberIsNotPartOfIt() {
        assertThat(Identifiers.otherVat("UST-IDNR : DE123456789 UST-IDNR :")).extracting(Identifiers.Found::value).containsExactly("DE123456789");
        assertThat(Identifiers.otherVat("UST-ID: DE 123 456 789")).extracting(Identifiers.Found::value).containsExactly("DE123456789");
        assertThat(Identifiers.otherVat("BTW NL810433941B01")).extracting(Identifiers.Found::value).containsExactly("NL810433941B01");
        assertThat(Identifiers.otherVat("VAT ESA12345674")).extracting(Identifiers.Found::value).containsExactly("ESA12345674");
    }

    @Test
    void aVatNumberAddressedToTheReaderIsTheBuyers() {
        ExtractedInvoice e = extract(
                line(0.30, 0.08, "Ihr Zeichen: AB-312", 0.30, "Ihre USt.-IdentNr.: DE234567890"),
                line(0.94, 0.65, "USt.-Identnr.:", 0.76, "DE123456789"));

        assertThat(e.value(Field.SELLER_VAT)).contains("DE123456789");
        assertThat(e.value(Field.BUYER_VAT)).contains("DE234567890");
    }

    @Test
    void aFixedLengthNumberEndsBeforeTheNextColumnsDigitsAndAnIbanIsNoVatNumber() {
        assertThat(Identifiers.otherVat("DE777777777 999 / 9 99 99 99")).extracting(Identifiers.Found::value).containsExactly("DE777777777");
        assertThat(Identifiers.otherVat("IBAN-NR.: DE08 7009 0100 1234 5678 90")).isEmpty();
    }

    @Test
    void aVatNumberInAFooterColumnHeadedByItsLabel() {
        ExtractedInvoice e = extract(
                line(0.875, 0.10, "VAT Registration No.", 0.31, "Home Page", 0.52, "Phone No.", 0.74, "Email"),
                line(0.889, 0.10, "DE777777777", 0.52, "999 / 9 99 99 99", 0.74, "info@cronus.com"));

        assertThat(e.value(Field.SELLER_VAT)).contains("DE777777777");
    }
}
