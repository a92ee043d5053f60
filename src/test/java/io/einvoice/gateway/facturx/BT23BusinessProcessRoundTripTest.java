package io.einvoice.gateway.facturx;

import io.einvoice.gateway.invoice.Invoice;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import static io.einvoice.gateway.facturx.RoundTrip.xpath;
import static org.assertj.core.api.Assertions.assertThat;

/** BT-23 business process (French CTC cadre de facturation, e.g. B1) and BT-24 specification identifier. */
class BT23BusinessProcessRoundTripTest {

    @Test
    void businessProcessAndProfileSurviveCiiAndUbl() throws Exception {
        Document cii = RoundTrip.ciiTwice(RoundTrip.frenchInvoice(), Profile.EN16931);

        assertThat(xpath(cii, "/rsm:CrossIndustryInvoice/rsm:ExchangedDocumentContext/ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID"))
                .isEqualTo("B1");
        assertThat(xpath(cii, "//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID")).isEqualTo("urn:cen.eu:en16931:2017");
        Invoice fromUbl = RoundTrip.throughUbl(RoundTrip.frenchInvoice());
        assertThat(fromUbl.businessProcess()).isEqualTo("B1");
    }

    @Test
    void eachProfileWritesItsOwnGuidelineAndMinimumDropsTheProcess() throws Exception {
        for (Profile profile : Profile.values()) {
            Document cii = RoundTrip.ciiTwice(RoundTrip.frenchInvoice(), profile);
            assertThat(xpath(cii, "//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID")).isEqualTo(profile.guideline());
            assertThat(xpath(cii, "count(//ram:BusinessProcessSpecifiedDocumentContextParameter)"))
                    .isEqualTo(profile == Profile.MINIMUM ? "0" : "1");
            assertThat(xpath(cii, "count(//ram:IncludedSupplyChainTradeLineItem)")).isEqualTo(profile.hasLines() ? "2" : "0");
        }
    }
}
