package io.einvoice.gateway.facturx;

import io.einvoice.gateway.invoice.Invoice;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import static io.einvoice.gateway.facturx.RoundTrip.xpath;
import static org.assertj.core.api.Assertions.assertThat;

/** BG-23 VAT breakdown and BG-22 totals, with document level allowances (BG-20) and charges (BG-21). */
class BG23VatBreakdownRoundTripTest {

    @Test
    void breakdownAllowancesChargesAndTotalsSurviveCii() throws Exception {
        Document cii = RoundTrip.ciiTwice(RoundTrip.frenchInvoice(), Profile.EN16931);

        // lines 12 × 4.175 = 50.10 and 3 × 19.99 = 59.97; at 20 %: 50.10 - 5.00 + 7.50 = 52.60 → 10.52
        String at20 = "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax[ram:RateApplicablePercent='20']";
        assertThat(xpath(cii, at20 + "/ram:BasisAmount")).isEqualTo("52.60");
        assertThat(xpath(cii, at20 + "/ram:CalculatedAmount")).isEqualTo("10.52");
        String at55 = "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax[ram:RateApplicablePercent='5.5']";
        assertThat(xpath(cii, at55 + "/ram:BasisAmount")).isEqualTo("59.97");
        assertThat(xpath(cii, at55 + "/ram:CalculatedAmount")).isEqualTo("3.30");
        String sum = "//ram:SpecifiedTradeSettlementHeaderMonetarySummation/";
        assertThat(xpath(cii, sum + "ram:LineTotalAmount")).isEqualTo("110.07");
        assertThat(xpath(cii, sum + "ram:AllowanceTotalAmount")).isEqualTo("5.00");
        assertThat(xpath(cii, sum + "ram:ChargeTotalAmount")).isEqualTo("7.50");
        assertThat(xpath(cii, sum + "ram:TaxBasisTotalAmount")).isEqualTo("112.57");
        assertThat(xpath(cii, sum + "ram:TaxTotalAmount[@currencyID='EUR']")).isEqualTo("13.82");
        assertThat(xpath(cii, sum + "ram:GrandTotalAmount")).isEqualTo("126.39");
        assertThat(xpath(cii, sum + "ram:DuePayableAmount")).isEqualTo("126.39");
        assertThat(xpath(cii, "//ram:SpecifiedTradeAllowanceCharge[ram:ChargeIndicator/udt:Indicator='false']/ram:Reason"))
                .isEqualTo("Remise fidélité");
        assertThat(xpath(cii, "//ram:SpecifiedTradeAllowanceCharge[ram:ChargeIndicator/udt:Indicator='true']/ram:ReasonCode"))
                .isEqualTo("FC");
    }

    @Test
    void breakdownAndTotalsSurviveUbl() throws Exception {
        Invoice original = RoundTrip.frenchInvoice();
        Invoice fromUbl = RoundTrip.throughUbl(original);

        assertThat(RoundTrip.vat(fromUbl, "20").taxAmount()).isEqualByComparingTo("10.52");
        assertThat(RoundTrip.vat(fromUbl, "5.5").taxableAmount()).isEqualByComparingTo("59.97");
        assertThat(fromUbl.totals().inclVat()).isEqualByComparingTo("126.39");
        assertThat(fromUbl.totals().allowanceTotal()).isEqualByComparingTo("5.00");
        assertThat(fromUbl.allowances()).singleElement().satisfies(a -> assertThat(a.reason()).isEqualTo("Remise fidélité"));
        assertThat(fromUbl.charges()).singleElement().satisfies(c -> assertThat(c.amount()).isEqualByComparingTo("7.50"));
    }
}
