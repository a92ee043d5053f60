package io.einvoice.gateway.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.einvoice.gateway.validation.ValidationArtefacts.*;

/**
 * Which schema and which schematrons judge an invoice, from its root element and specification identifier (BT-24),
 * following the choices of Mustang's {@code XMLValidator} 2.25 so that both give the same verdict:
 * <ul>
 *   <li>CII: the Factur-X 1.0.9 (ZUGFeRD 2.5) XSD and schematron of the profile; those schematrons embed the EN 16931
 *   rules where the profile is EN 16931-compliant, so raw CEN rules never judge MINIMUM, BASIC WL or EXTENDED;</li>
 *   <li>CII with seller and buyer in France: also the FNFE BR-FR Flux 2 rules (1.3.0);</li>
 *   <li>the French EXTENDED-CTC-FR profile (BT-24 {@code ...#conformant#urn.cpro.gouv.fr:1p0:extended-ctc-fr}), CII
 *   or UBL: the FNFE EXTENDED-CTC-FR rules (1.3.0) in place of the EN 16931 ones, which they widen for the profile, and
 *   the EXTENDED XSD for CII; Mustang does not know this profile;</li>
 *   <li>CII XRechnung: the EN 16931 XSD, the CEN schematron and the XRechnung schematron of its version;</li>
 *   <li>UBL Invoice / CreditNote: the UBL 2.1 XSD and the CEN schematron (plus XRechnung for XRechnung); with seller
 *   and buyer in France, also the FNFE BR-FR Flux 2 rules for UBL (1.3.0), which Mustang does not run;</li>
 *   <li>CDAR lifecycle messages ({@code CrossDomainAcknowledgementAndResponse}, reform statuses 200–501): the FNFE
 *   BR-FR-CDV rules (1.3.0);</li>
 *   <li>ZUGFeRD 1 ({@code CrossIndustryDocument}): its XSD and schematron.</li>
 * </ul>
 * Mustang also runs the XRechnung rules on BASIC and EN 16931 invoices as notices only; notices never change a verdict,
 * so that run is left out.
 */
final class RuleSelection {

    private static final String EN16931 = "urn:cen.eu:en16931:2017";
    private static final String EXTENDED_CTC_FR = "urn:cen.eu:en16931:2017#conformant#urn.cpro.gouv.fr:1p0:extended-ctc-fr";
    private static final List<String> FACTUR_X_PROFILES = List.of(
            "urn:factur-x.eu:1p0:minimum", "urn:zugferd.de:2p0:minimum",
            "urn:factur-x.eu:1p0:basicwl", "urn:zugferd.de:2p0:basicwl",
            "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic",
            "urn:cen.eu:en16931:2017#compliant#urn:zugferd.de:2p0:basic",
            EN16931,
            "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended",
            "urn:cen.eu:en16931:2017#conformant#urn:zugferd.de:2p0:extended",
            EXTENDED_CTC_FR);
    private static final List<String> ZUGFERD_1_PROFILES = List.of(
            "urn:ferd:CrossIndustryDocument:invoice:1p0:basic",
            "urn:ferd:CrossIndustryDocument:invoice:1p0:comfort",
            "urn:ferd:CrossIndustryDocument:invoice:1p0:extended");

    /** What to run; {@code problems} are findings the selection itself makes (unsupported profile, UBL in a PDF...). */
    record Plan(String syntax, String schema, List<String> schematrons, List<Finding> problems) {
    }

    private RuleSelection() {
    }

    /**
     * @param root          local name of the root element
     * @param profile       BT-24 (CII guideline id or UBL CustomizationID), trimmed; null when absent
     * @param sellerCountry seller country code (CII or UBL), may be empty
     * @param buyerCountry  buyer country code (CII or UBL), may be empty
     * @param inPdf         whether the XML came out of a PDF
     */
    static Plan select(String root, String profile, String sellerCountry, String buyerCountry, boolean inPdf) {
        List<Finding> problems = new ArrayList<>();
        List<String> schematrons = new ArrayList<>();
        if (root.equals("CrossIndustryInvoice")) {
            if (profile == null) {
                problems.add(noProfile("ExchangedDocumentContext/GuidelineSpecifiedDocumentContextParameter/ID"));
                return new Plan("CII", null, schematrons, problems);
            }
            String p = profile; // case-sensitive, as Mustang matches
            boolean basicWl = p.contains("basicwl");
            boolean basic = p.contains("basic") && !basicWl;
            boolean ctcFr = matches(profile, EXTENDED_CTC_FR);
            boolean extended = p.contains("extended") && !ctcFr;
            boolean xrechnung = p.contains("xrechnung");
            boolean en16931 = !extended && !ctcFr && !xrechnung && (matches(profile, EN16931)
                    || matches(profile, "urn:cen.eu:en16931:2017:compliant:factur-x.eu:1p0:en16931"));
            String schema = null;
            String main = null;
            if (p.contains("minimum")) {
                schema = FX_MINIMUM_XSD;
                main = FX_MINIMUM_SCH;
            } else if (basicWl) {
                schema = FX_BASIC_WL_XSD;
                main = FX_BASIC_WL_SCH;
            } else if (basic) {
                schema = FX_BASIC_XSD;
                main = FX_BASIC_SCH;
            } else if (en16931) {
                schema = FX_EN16931_XSD;
                main = FX_EN16931_SCH;
            } else if (xrechnung) {
                schema = FX_EN16931_XSD;
            } else if (extended) {
                schema = FX_EXTENDED_XSD;
                main = FX_EXTENDED_SCH;
            } else if (ctcFr) {
                schema = FX_EXTENDED_XSD;
                main = EXTENDED_CTC_FR_CII_SCH;
            }
            if (FACTUR_X_PROFILES.stream().noneMatch(known -> matches(profile, known))) {
                problems.add(unsupported(profile));
            }
            if (main != null) {
                schematrons.add(main);
                if (bothInFrance(sellerCountry, buyerCountry)) {
                    schematrons.add(BR_FR_CII_SCH);
                }
            }
            if (xrechnung) {
                schematrons.add(CEN_CII_SCH);
                schematrons.add(xrechnungSchematron(xrechnungVersion(profile, problems), false));
            }
            return new Plan("CII", schema, schematrons, problems);
        }
        if (root.equals("Invoice") || root.equals("CreditNote")) {
            if (inPdf) {
                problems.add(Finding.error(Layer.INPUT, "FX-CII-ONLY",
                        "Factur-X/ZUGFeRD embed CII only; this PDF carries UBL"));
            }
            schematrons.add(profile != null && matches(profile, EXTENDED_CTC_FR) ? EXTENDED_CTC_FR_UBL_SCH : CEN_UBL_SCH);
            if (profile == null) {
                problems.add(noProfile("cbc:CustomizationID"));
            } else if (profile.toLowerCase(Locale.ROOT).contains("xrechnung")) {
                schematrons.add(xrechnungSchematron(xrechnungVersion(profile, problems), true));
            }
            if (bothInFrance(sellerCountry, buyerCountry)) {
                schematrons.add(BR_FR_UBL_SCH);
            }
            return new Plan("UBL", root.equals("Invoice") ? UBL_INVOICE_XSD : UBL_CREDIT_NOTE_XSD, schematrons, problems);
        }
        if (root.equals("CrossIndustryDocument")) {
            if (profile == null || ZUGFERD_1_PROFILES.stream().noneMatch(known -> matches(profile, known))) {
                problems.add(profile == null ? noProfile("SpecifiedExchangedDocumentContext/GuidelineSpecifiedDocumentContextParameter/ID")
                        : unsupported(profile));
            }
            schematrons.add(ZF1_SCH);
            return new Plan("ZUGFERD_1", ZF1_XSD, schematrons, problems);
        }
        if (root.equals("CrossDomainAcknowledgementAndResponse")) {
            // no XSD: the FNFE publish the CDAR rules as schematron only
            return new Plan("CDAR", null, List.of(CDV_CDAR_SCH), problems);
        }
        problems.add(Finding.error(Layer.INPUT, "UNSUPPORTED-ROOT", "not an invoice this gateway validates: root element <"
                + root + ">; expected CII CrossIndustryInvoice, UBL Invoice/CreditNote, ZUGFeRD 1 CrossIndustryDocument"
                + " or a CDAR lifecycle message CrossDomainAcknowledgementAndResponse"));
        return new Plan(null, null, schematrons, problems);
    }

    private static boolean bothInFrance(String sellerCountry, String buyerCountry) {
        return "FR".equalsIgnoreCase(sellerCountry) && "FR".equalsIgnoreCase(buyerCountry);
    }

    /** Equal, or equal up to a fragment: {@code urn:cen.eu:en16931:2017#...} is an EN 16931 profile. */
    static boolean matches(String profile, String known) {
        return profile.equals(known) || profile.startsWith(known + "#");
    }

    /** The XRechnung version is written at the end of BT-24: {@code ..._3.0} selects XR_30. */
    private static String xrechnungVersion(String profile, List<Finding> problems) {
        String tail = profile.length() < 3 ? "" : profile.substring(profile.length() - 3).replace(".", "");
        if (XRECHNUNG_VERSIONS.contains(tail)) {
            return tail;
        }
        problems.add(Finding.error(Layer.INPUT, "UNSUPPORTED-XRECHNUNG", "unsupported XRechnung version in " + profile
                + "; checked against XRechnung 3.0"));
        return "30";
    }

    private static Finding unsupported(String profile) {
        return Finding.error(Layer.INPUT, "UNSUPPORTED-PROFILE", "unsupported specification identifier (BT-24) " + profile);
    }

    private static Finding noProfile(String where) {
        return Finding.error(Layer.INPUT, "NO-PROFILE", "no specification identifier (BT-24) in " + where);
    }
}
