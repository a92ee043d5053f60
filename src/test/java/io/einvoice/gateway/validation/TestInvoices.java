package io.einvoice.gateway.validation;

import io.einvoice.gateway.facturx.SampleInvoices;
import org.mustangproject.ZUGFeRD.Profiles;
import org.mustangproject.ZUGFeRD.ZUGFeRDExporterFromA3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Invoices that break one thing on purpose, built from the project's valid samples. */
public final class TestInvoices {

    /** An external entity reading a local file: the classic XXE. */
    static final String XXE_DOCTYPE = "<!DOCTYPE rsm:CrossIndustryInvoice [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>";
    /** "Billion laughs": a few hundred bytes that expand to gigabytes if the parser expands entities. */
    static final String BOMB_DOCTYPE = "<!DOCTYPE Invoice [<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">"
            + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
            + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
            + "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
            + "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\"><!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">]>";

    private TestInvoices() {
    }

    /** The valid CII sample with document type code 999, which no code list knows (EN 16931 BR-CL-01). */
    public static byte[] ciiWithUnknownTypeCode(String number) {
        String cii = new String(SampleInvoices.ciiXml(number), StandardCharsets.UTF_8);
        String broken = cii.replaceFirst("<ram:TypeCode>380</ram:TypeCode>", "<ram:TypeCode>999</ram:TypeCode>");
        if (broken.equals(cii)) {
            throw new IllegalStateException("the CII sample no longer has TypeCode 380");
        }
        return broken.getBytes(StandardCharsets.UTF_8);
    }

    /** The valid Factur-X sample PDF carrying an invalid invoice XML (see {@link #ciiWithUnknownTypeCode}). */
    public static byte[] facturXWithInvalidXml(String number) {
        return facturX(number, ciiWithUnknownTypeCode(number));
    }

    /** A Factur-X PDF/A-3 whose attachment is this XML, whatever it holds. */
    static byte[] facturX(String number, byte[] xml) {
        try (ZUGFeRDExporterFromA3 exporter = new ZUGFeRDExporterFromA3()) {
            exporter.load(SampleInvoices.facturXPdf(number));
            exporter.setProducer("einvoice-gateway tests").setCreator("tests").setProfile(Profiles.getByName("EN16931"));
            exporter.setXML(xml);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            exporter.export(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts a DOCTYPE right after the XML declaration (or at the start). */
    static byte[] withDoctype(byte[] xml, String doctype, String entityUse) {
        String text = new String(xml, StandardCharsets.UTF_8);
        int afterDeclaration = text.startsWith("<?xml") ? text.indexOf("?>") + 2 : 0;
        String withDoctype = text.substring(0, afterDeclaration) + doctype + text.substring(afterDeclaration);
        // use the entity where a seller name goes, so an expanding parser would put it into the report
        withDoctype = withDoctype.replaceFirst("Fournitures Lumi\u00e8re SARL", entityUse);
        return withDoctype.getBytes(StandardCharsets.UTF_8);
    }

    /** A buyer's "approved" (205) lifecycle status for a supplier invoice, as a CDAR message (XP Z12-012 §7.3). */
    static byte[] cdarApproved(String invoiceNumber) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rsm:CrossDomainAcknowledgementAndResponse
                    xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossDomainAcknowledgementAndResponse:100"
                    xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
                    xmlns:qdt="urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
                    xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
                  <rsm:ExchangedDocumentContext>
                    <ram:BusinessProcessSpecifiedDocumentContextParameter><ram:ID>REGULATED</ram:ID></ram:BusinessProcessSpecifiedDocumentContextParameter>
                    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn.cpro.gouv.fr:1p0:CDV:invoice</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
                  </rsm:ExchangedDocumentContext>
                  <rsm:ExchangedDocument>
                    <ram:ID>CDV-%1$s-205</ram:ID>
                    <ram:IssueDateTime><udt:DateTimeString format="204">20261124100000</udt:DateTimeString></ram:IssueDateTime>
                    <ram:SenderTradeParty><ram:RoleCode>BY</ram:RoleCode></ram:SenderTradeParty>
                    <ram:IssuerTradeParty><ram:GlobalID schemeID="0002">123456782</ram:GlobalID><ram:RoleCode>BY</ram:RoleCode></ram:IssuerTradeParty>
                    <ram:RecipientTradeParty><ram:RoleCode>SE</ram:RoleCode>
                      <ram:URIUniversalCommunication><ram:URIID schemeID="0225">732829320</ram:URIID></ram:URIUniversalCommunication>
                    </ram:RecipientTradeParty>
                  </rsm:ExchangedDocument>
                  <rsm:AcknowledgementDocument>
                    <ram:TypeCode>23</ram:TypeCode>
                    <ram:ReferenceReferencedDocument>
                      <ram:IssuerAssignedID>%1$s</ram:IssuerAssignedID>
                      <ram:StatusCode>45</ram:StatusCode>
                      <ram:TypeCode>380</ram:TypeCode>
                      <ram:FormattedIssueDateTime><qdt:DateTimeString format="102">20261120</qdt:DateTimeString></ram:FormattedIssueDateTime>
                      <ram:ProcessConditionCode>205</ram:ProcessConditionCode>
                      <ram:IssuerTradeParty><ram:GlobalID schemeID="0002">732829320</ram:GlobalID><ram:RoleCode>SE</ram:RoleCode></ram:IssuerTradeParty>
                    </ram:ReferenceReferencedDocument>
                  </rsm:AcknowledgementDocument>
                </rsm:CrossDomainAcknowledgementAndResponse>
                """.formatted(invoiceNumber).strip().getBytes(StandardCharsets.UTF_8);
    }
}
