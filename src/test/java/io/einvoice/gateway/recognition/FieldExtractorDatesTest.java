package io.einvoice.gateway.recognition;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static io.einvoice.gateway.recognition.FieldExtractorPartiesTest.extract;
import static io.einvoice.gateway.recognition.FieldExtractorPartiesTest.line;
import static org.assertj.core.api.Assertions.assertThat;

/** The issue date: the one on the invoice's title line or under its label, not a stylesheet's or a version's. */
class FieldExtractorDatesTest {

    @Test
    void theDateOnTheTitleLineBeatsAVersionDate() {
        ExtractedInvoice e = extract(
                line(0.08, 0.07, "ZUGFeRD-Version: 2.1 vom 24.03.2020"),
                line(0.10, 0.07, "Stylesheet-Version: 2.0 vom 18.10.2018"),
                line(0.17, 0.07, "Rechnungskorrektur Nr. RK21012345 vom 16.09.2019"),
                line(0.27, 0.07, "Liefer- und Leistungsdatum : 05.08.2019"));

        assertThat(e.value(Field.ISSUE_DATE)).contains("2019-09-16");
    }

    @Test
    void vonAfterTheInvoiceNumberIntroducesItsDate() {
        ExtractedInvoice e = extract(
                line(0.07, 0.11, "2019-02-03"),
                line(0.42, 0.10, "Rechnung # RE-20171118/506 von 18.11.2017"),
                line(0.44, 0.10, "Leistungsdatum 17.11.2017"));

        assertThat(e.value(Field.ISSUE_DATE)).contains("2017-11-18");
    }

    @Test
    void aRightAlignedValueJustBelowItsLabel() {
        ExtractedInvoice e = extract(
                line(0.100, 0.61, "Rechnungsnummer"),
                line(0.102, 0.09, "80333 München", 0.90, "471102"),
                line(0.115, 0.59, "Rechnungsdatum"),
                line(0.117, 0.09, "Deutschland", 0.88, "05.06.2013"),
                line(0.132, 0.59, "Leistungsdatum"),
                line(0.134, 0.88, "03.06.2013"),
                line(0.22, 0.59, "Rechnung gemäß Bestellung vom"),
                line(0.23, 0.59, "01.03.2013."));

        assertThat(e.value(Field.ISSUE_DATE)).contains("2013-06-05");
    }

    @Test
    void monthNamesInDutchItalianAndSpanishAndASpaceBeforeTheComma() {
        assertThat(Dates.find("Factuurdatum: 29 maart 2014")).extracting(Dates.Found::date).containsExactly(LocalDate.of(2014, 3, 29));
        assertThat(Dates.find("Data fattura 12 settembre 2024")).extracting(Dates.Found::date).containsExactly(LocalDate.of(2024, 9, 12));
        assertThat(Dates.find("Fecha: 12 de septiembre de 2024")).extracting(Dates.Found::date).containsExactly(LocalDate.of(2024, 9, 12));
        assertThat(Dates.find("Invoice Date: August 3 , 2014")).extracting(Dates.Found::date).containsExactly(LocalDate.of(2014, 8, 3));
    }

    @Test
    void remitUntilGivesTheDueDate() {
        ExtractedInvoice e = extract(
                line(0.42, 0.10, "Invoice # RE-20190610/507 issued at 2019-06-10"),
                line(0.78, 0.10, "Please remit until 2019-07-01."));

        assertThat(e.value(Field.ISSUE_DATE)).contains("2019-06-10");
        assertThat(e.value(Field.DUE_DATE)).contains("2019-07-01");
    }
}
