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
}
