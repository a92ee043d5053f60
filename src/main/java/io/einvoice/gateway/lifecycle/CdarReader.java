package io.einvoice.gateway.lifecycle;

import io.einvoice.gateway.facturx.SecureXml;
import io.einvoice.gateway.facturx.UnreadableInvoiceException;
import io.einvoice.gateway.facturx.XmlQuery;
import io.einvoice.gateway.invoice.Decimals;
import io.einvoice.gateway.invoice.InputLimitException;
import org.w3c.dom.Element;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a CDAR lifecycle message received from a platform. The bytes are bounded before they are parsed, parsed by
 * {@link SecureXml} (no DOCTYPE, so no external entity and no entity expansion), and every field is checked against
 * its own shape and length; a message about a status this gateway does not follow is refused with its code.
 */
public final class CdarReader {

    /** A CDAR message is a few kilobytes; the FNFE examples with several referenced invoices stay under 20 KB. */
    public static final int MAX_BYTES = 256 * 1024;
    private static final int MAX_ID = 200;
    private static final int MAX_REASON = 1000;
    private static final Pattern SIREN = Pattern.compile("\\d{9}");
    private static final Pattern CODE = Pattern.compile("\\d{1,4}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private static final String ROOT = "/rsm:CrossDomainAcknowledgementAndResponse";
    private static final String DOC = ROOT + "/rsm:ExchangedDocument";
    private static final String REF = ROOT + "/rsm:AcknowledgementDocument/ram:ReferenceReferencedDocument";

    private final XmlQuery query = new XmlQuery(Map.of("rsm", CdarWriter.RSM, "ram", CdarWriter.RAM,
            "qdt", CdarWriter.QDT, "udt", CdarWriter.UDT));

    public CdarMessage read(byte[] xml) throws UnreadableCdarException {
        if (xml == null || xml.length == 0) {
            throw new UnreadableCdarException("the CDAR message is empty");
        }
        if (xml.length > MAX_BYTES) {
            throw new UnreadableCdarException("the CDAR message is larger than " + MAX_BYTES / 1024 + " KB");
        }
        Element root;
        try {
            root = SecureXml.parse(xml).getDocumentElement();
        } catch (UnreadableInvoiceException e) {
            // the parser's own words may quote the input: say it in ours
            throw new UnreadableCdarException(e.getMessage().startsWith("XML refused")
                    ? "the CDAR message is refused: it contains a DOCTYPE declaration (DTDs and entities are not accepted)"
                    : "the CDAR message is not well-formed XML", e);
        }
        if (!"CrossDomainAcknowledgementAndResponse".equals(root.getLocalName()) || !CdarWriter.RSM.equals(root.getNamespaceURI())) {
            throw new UnreadableCdarException("not a CDAR message: the root element is not CrossDomainAcknowledgementAndResponse");
        }
        if (query.elements(root, REF).size() != 1) {
            throw new UnreadableCdarException("the CDAR message must be about exactly one invoice");
        }
        String statusText = required(root, REF + "/ram:ProcessConditionCode", "status code (ProcessConditionCode)", CODE, 4);
        LifecycleCode status = LifecycleCode.of(Integer.parseInt(statusText)).orElseThrow(() ->
                new UnreadableCdarException("status " + statusText + " is not a lifecycle status this gateway follows"));
        String reasonText = optional(root, REF + "/ram:SpecifiedDocumentStatus/ram:ReasonCode", "reason code", 20);
        ReasonCode reasonCode = null;
        if (reasonText != null) {
            reasonCode = ReasonCode.of(reasonText).orElseThrow(() ->
                    new UnreadableCdarException("the reason code is not in the published list (BR-FR-CDV-CL-09)"));
        }
        if (status.needsReason() && reasonCode == null) {
            throw new UnreadableCdarException("status " + status.code() + " comes without its reason code (BR-FR-CDV-15)");
        }
        String amountText = optional(root, REF + "/ram:SpecifiedDocumentStatus/ram:SpecifiedDocumentCharacteristic"
                + "[ram:TypeCode='MEN']/ram:ValueAmount", "amount received", 40);
        BigDecimal amount;
        try {
            amount = Decimals.parse("amount received (MEN)", amountText, 2);
        } catch (InputLimitException e) {
            throw new UnreadableCdarException(e.getMessage(), e);
        }
        String currency = optional(root, REF + "/ram:SpecifiedDocumentStatus/ram:SpecifiedDocumentCharacteristic"
                + "[ram:TypeCode='MEN']/ram:ValueAmount/@currencyID", "currency", 3);
        if (currency != null && !CURRENCY.matcher(currency).matches()) {
            throw new UnreadableCdarException("the currency of the amount received is not an ISO 4217 code");
        }
        return new CdarMessage(
                required(root, DOC + "/ram:ID", "message id", null, MAX_ID),
                dateTime(optional(root, DOC + "/ram:IssueDateTime/udt:DateTimeString", "issue date and time", 14)),
                siren(root, DOC + "/ram:IssuerTradeParty/ram:GlobalID", "issuer SIREN"),
                optional(root, DOC + "/ram:IssuerTradeParty/ram:RoleCode", "issuer role", 3),
                siren(root, DOC + "/ram:RecipientTradeParty[1]/ram:GlobalID", "recipient SIREN"),
                optional(root, DOC + "/ram:RecipientTradeParty[1]/ram:RoleCode", "recipient role", 3),
                required(root, REF + "/ram:IssuerAssignedID", "invoice number", null, MAX_ID),
                optional(root, REF + "/ram:TypeCode", "invoice type code", 3),
                date(optional(root, REF + "/ram:FormattedIssueDateTime/qdt:DateTimeString", "invoice date", 8)),
                siren(root, REF + "/ram:IssuerTradeParty/ram:GlobalID", "seller SIREN"),
                status, reasonCode,
                optional(root, REF + "/ram:SpecifiedDocumentStatus/ram:Reason", "reason", MAX_REASON),
                amount, currency);
    }

    private String required(Element root, String path, String field, Pattern shape, int max) throws UnreadableCdarException {
        String value = optional(root, path, field, max);
        if (value == null) {
            throw new UnreadableCdarException("the CDAR message has no " + field);
        }
        if (shape != null && !shape.matcher(value).matches()) {
            throw new UnreadableCdarException("the " + field + " of the CDAR message is not well formed");
        }
        return value;
    }

    private String optional(Element root, String path, String field, int max) throws UnreadableCdarException {
        String value = query.text(root, path);
        if (value != null && value.length() > max) {
            throw new UnreadableCdarException("the " + field + " of the CDAR message is longer than " + max + " characters");
        }
        return value;
    }

    private String siren(Element root, String path, String field) throws UnreadableCdarException {
        String value = optional(root, path, field, 9);
        if (value != null && !SIREN.matcher(value).matches()) {
            throw new UnreadableCdarException("the " + field + " of the CDAR message is not 9 digits");
        }
        return value;
    }

    private static OffsetDateTime dateTime(String text) throws UnreadableCdarException {
        try {
            return text == null ? null : LocalDateTime.parse(text, DATE_TIME).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new UnreadableCdarException("the issue date and time of the CDAR message is not yyyyMMddHHmmss", e);
        }
    }

    private static LocalDate date(String text) throws UnreadableCdarException {
        try {
            return text == null ? null : LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            throw new UnreadableCdarException("the invoice date of the CDAR message is not yyyyMMdd", e);
        }
    }
}
