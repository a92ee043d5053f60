package io.einvoice.gateway.lifecycle;

import io.einvoice.gateway.facturx.XmlOut;

import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a lifecycle status as a CDAR message of the FNFE CDV profile (processing phase, TypeCode 23), in the element
 * order of the UN/CEFACT D22B schema, so that it passes the BR-FR-CDV 1.3.0 rules: sender and issuer with their role,
 * the recipient reachable by its electronic address (scheme 0225), the invoice by number, type, date and seller, and
 * the reason (206–213, 501) or the amount received (212) where the rules ask for them.
 */
public final class CdarWriter {

    static final String RSM = "urn:un:unece:uncefact:data:standard:CrossDomainAcknowledgementAndResponse:100";
    static final String RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    static final String QDT = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100";
    static final String UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";
    static final String GUIDELINE = "urn.cpro.gouv.fr:1p0:CDV:invoice";
    /** ISO 6523 scheme of a SIREN, and of an electronic address in the French directory. */
    private static final String SIREN_SCHEME = "0002";
    private static final String ADDRESS_SCHEME = "0225";
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private CdarWriter() {
    }

    public static byte[] write(CdarMessage m) {
        Map<String, String> ns = new LinkedHashMap<>();
        ns.put("rsm", RSM);
        ns.put("ram", RAM);
        ns.put("qdt", QDT);
        ns.put("udt", UDT);
        String issued = m.issuedAt().atZoneSameInstant(ZoneOffset.UTC).format(DATE_TIME);
        XmlOut x = new XmlOut(ns).root("rsm:CrossDomainAcknowledgementAndResponse");
        x.start("rsm:ExchangedDocumentContext")
                .start("ram:BusinessProcessSpecifiedDocumentContextParameter").leaf("ram:ID", "REGULATED").end()
                .start("ram:GuidelineSpecifiedDocumentContextParameter").leaf("ram:ID", GUIDELINE).end()
                .end();
        x.start("rsm:ExchangedDocument").leaf("ram:ID", m.messageId())
                .start("ram:IssueDateTime").leaf("udt:DateTimeString", issued, "format", "204").end()
                .start("ram:SenderTradeParty").leaf("ram:RoleCode", m.issuerRole()).end()
                .start("ram:IssuerTradeParty").leaf("ram:GlobalID", m.issuerSiren(), "schemeID", SIREN_SCHEME)
                .leaf("ram:RoleCode", m.issuerRole()).end()
                .start("ram:RecipientTradeParty").leaf("ram:GlobalID", m.recipientSiren(), "schemeID", SIREN_SCHEME)
                .leaf("ram:RoleCode", m.recipientRole())
                .start("ram:URIUniversalCommunication").leaf("ram:URIID", m.recipientSiren(), "schemeID", ADDRESS_SCHEME).end()
                .end()
                .end();
        x.start("rsm:AcknowledgementDocument")
                .start("ram:MultipleReferencesIndicator").leaf("udt:Indicator", "false").end()
                .leaf("ram:TypeCode", "23")
                .start("ram:IssueDateTime").leaf("udt:DateTimeString", issued, "format", "204").end();
        x.start("ram:ReferenceReferencedDocument").leaf("ram:IssuerAssignedID", m.invoiceNumber())
                .leaf("ram:TypeCode", m.invoiceTypeCode());
        if (m.invoiceIssueDate() != null) {
            x.start("ram:FormattedIssueDateTime").leaf("qdt:DateTimeString", m.invoiceIssueDate().format(DATE), "format", "102").end();
        }
        x.leaf("ram:ProcessConditionCode", String.valueOf(m.status().code()))
                .leaf("ram:ProcessCondition", m.status().label())
                .start("ram:IssuerTradeParty").leaf("ram:GlobalID", m.invoiceSellerSiren(), "schemeID", SIREN_SCHEME)
                .leaf("ram:RoleCode", CdarMessage.SELLER).end();
        if (m.reasonCode() != null || m.amount() != null) {
            x.start("ram:SpecifiedDocumentStatus");
            if (m.reasonCode() != null) {
                x.leaf("ram:ReasonCode", m.reasonCode().name()).leaf("ram:Reason", m.reason());
            }
            if (m.amount() != null) {
                x.start("ram:SpecifiedDocumentCharacteristic").leaf("ram:TypeCode", "MEN")
                        .leaf("ram:ValueAmount", m.amount().setScale(2, RoundingMode.HALF_UP).toPlainString(), "currencyID",
                                m.currency())
                        .end();
            }
            x.end();
        }
        return x.end().end().end().finish();
    }
}
