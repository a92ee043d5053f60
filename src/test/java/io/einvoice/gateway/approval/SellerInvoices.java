package io.einvoice.gateway.approval;

import io.einvoice.gateway.facturx.SampleInvoices;

import java.nio.charset.StandardCharsets;

/**
 * The sample CII invoice (EN 16931, as Mustang writes it) from another seller: its name, SIREN (with the matching
 * French VAT number; none of the two when null), IBAN and BIC changed, the SIRET left out.
 */
final class SellerInvoices {

    private SellerInvoices() {
    }

    static byte[] cii(String number, String name, String siren, String iban, String bic) {
        String xml = new String(SampleInvoices.ciiXml(number), StandardCharsets.UTF_8);
        int start = xml.indexOf("<ram:SellerTradeParty>");
        int end = xml.indexOf("</ram:SellerTradeParty>");
        String seller = xml.substring(start, end)
                .replaceAll("\\s*<ram:GlobalID schemeID=\"0009\">[^<]*</ram:GlobalID>", "")
                .replace(SampleInvoices.SELLER_NAME, name);
        if (siren == null) {
            seller = seller.replaceAll("(?s)\\s*<ram:SpecifiedLegalOrganization>.*?</ram:SpecifiedLegalOrganization>", "")
                    .replaceAll("(?s)\\s*<ram:SpecifiedTaxRegistration>.*?</ram:SpecifiedTaxRegistration>", "");
        } else {
            seller = seller.replace(SampleInvoices.SELLER_VAT, frenchVat(siren)).replace(SampleInvoices.SELLER_SIREN, siren);
        }
        String rest = xml.substring(end);
        if (iban == null) {
            rest = rest.replaceAll("(?s)\\s*<ram:PayeePartyCreditorFinancialAccount>.*?</ram:PayeePartyCreditorFinancialAccount>", "")
                    .replaceAll("(?s)\\s*<ram:PayeeSpecifiedCreditorFinancialInstitution>.*?</ram:PayeeSpecifiedCreditorFinancialInstitution>", "");
        } else {
            rest = rest.replace(SampleInvoices.SELLER_IBAN, iban).replace(SampleInvoices.SELLER_BIC, bic);
        }
        return (xml.substring(0, start) + seller + rest).getBytes(StandardCharsets.UTF_8);
    }

    /** FR + key + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97. */
    static String frenchVat(String siren) {
        return String.format("FR%02d%s", (12 + 3 * (Long.parseLong(siren) % 97)) % 97, siren);
    }
}
