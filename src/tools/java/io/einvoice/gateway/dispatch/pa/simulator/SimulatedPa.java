package io.einvoice.gateway.dispatch.pa.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.einvoice.gateway.archive.Sha256;
import io.einvoice.gateway.ereporting.FrrCheck;
import io.einvoice.gateway.ereporting.ReportKind;
import io.einvoice.gateway.facturx.InvoiceReader;
import io.einvoice.gateway.facturx.SecureXml;
import io.einvoice.gateway.facturx.StructuredInvoice;
import io.einvoice.gateway.facturx.UnreadableInvoiceException;
import io.einvoice.gateway.invoice.Invoice;
import io.einvoice.gateway.lifecycle.CdarMessage;
import io.einvoice.gateway.lifecycle.CdarReader;
import io.einvoice.gateway.lifecycle.CdarWriter;
import io.einvoice.gateway.lifecycle.LifecycleCode;
import io.einvoice.gateway.lifecycle.ReasonCode;
import io.einvoice.gateway.lifecycle.UnreadableCdarException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The state of a simulated plateforme agréée behind the XP Z12-013 Flow Service (v1.2.0 in shared/specs/afnor): flows
 * per organization (SIREN), submitted Pending and checked when the clock has moved on by {@link #ackDelay} (empty file,
 * checksum, syntax against the declared {@code flowSyntax}, an e-reporting (FRR) file against the gateway's structural
 * checks and its processing rule, the same file twice: acknowledgement reason codes of the spec), then, for an invoice, the lifecycle statuses the platforms would send back as CDAR flows: 213 Rejetée with
 * reason DOUBLON for an invoice number the seller already used that year, else 200 Déposée and, one more delay later,
 * 203 Mise à disposition. Test and demo hooks play the other side: {@link #deliver} (an invoice or CDAR waiting for an
 * organization) and {@link #statusFromBuyer}.
 */
public final class SimulatedPa {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> SYNTAXES = Set.of("CII", "UBL", "Factur-X", "CDAR", "FRR");
    static final Set<String> PROFILES = Set.of("Basic", "CIUS", "Extended-CTC-FR");
    static final Set<String> RULES = Set.of("B2B", "B2BInt", "B2C", "B2G", "B2GInt", "OutOfScope", "B2GOutOfScope",
            "ArchiveOnly", "NotApplicable");

    record Answer(int status, String contentType, byte[] body, String fileName) {

        static Answer json(int status, JsonNode body) {
            return new Answer(status, "application/json", body.toString().getBytes(StandardCharsets.UTF_8), null);
        }

        static Answer error(int status, String code, String message) {
            return json(status, JSON.createObjectNode().put("errorCode", code).put("errorMessage", message));
        }
    }

    private final Clock clock;
    private final Map<String, SimulatedFlow> flows = new LinkedHashMap<>();
    /** seller SIREN + invoice number + year of every invoice accepted: the reform's uniqueness key. */
    private final Set<String> invoiceKeys = new HashSet<>();
    /** Statuses to produce later: [due, invoice flow id, code]. */
    private final List<Object[]> scheduled = new ArrayList<>();
    private final InvoiceReader invoices = new InvoiceReader();
    private final List<ObjectNode> directory = new ArrayList<>();
    private volatile Duration ackDelay = Duration.ofSeconds(2);
    /** Statuses the buyer's side sends on its own after 203, one delay apart (the demo plays a paying buyer). */
    private volatile List<LifecycleCode> buyerScript = List.of();
    /** Told of every flow created or changed (organization, Flow JSON): the webhooks. */
    private volatile BiConsumer<String, ObjectNode> listener = (organization, flow) -> { };

    public SimulatedPa(Clock clock) {
        this.clock = clock;
    }

    void onChange(BiConsumer<String, ObjectNode> listener) {
        this.listener = listener;
    }

    /** After 203 Mise à disposition, the buyer's side sends these statuses, one acknowledgement delay apart. */
    public void setBuyerScript(List<LifecycleCode> codes) {
        buyerScript = List.copyOf(codes);
    }

    public void setAckDelay(Duration delay) {
        ackDelay = delay;
    }

    /** POST /v1/flows, after the HTTP layer read the two parts. */
    synchronized Answer submit(String organization, JsonNode info, byte[] file) {
        advance();
        String name = info.path("name").asText(null);
        String syntax = info.path("flowSyntax").asText(null);
        if (name == null || syntax == null) {
            return Answer.error(400, "MISSING_REQUIRED_FIELD", "flowInfo needs name and flowSyntax");
        }
        if (name.length() > 255 || !SYNTAXES.contains(syntax)
                || (info.hasNonNull("flowProfile") && !PROFILES.contains(info.get("flowProfile").asText()))
                || (info.hasNonNull("processingRule") && !RULES.contains(info.get("processingRule").asText()))
                || (info.hasNonNull("trackingId") && info.get("trackingId").asText().length() > 36)
                || (info.hasNonNull("sha256") && !info.get("sha256").asText().matches("[a-f0-9]{64}"))) {
            return Answer.error(400, "INVALID_FIELD_VALUE", "a flowInfo field is outside what the API allows");
        }
        boolean lifecycle = syntax.equals("CDAR");
        boolean report = syntax.equals("FRR");
        Optional<ReportKind> reportKind = report ? FrrCheck.check(file).kind() : Optional.empty();
        String rule = info.hasNonNull("processingRule") ? info.get("processingRule").asText() : lifecycle ? "NotApplicable"
                : report ? reportKind.map(ReportKind::processingRule).orElse("B2C") : "B2B";
        // the platform computes the flow type; an e-reporting file it cannot tell is a report of several kinds at most
        String flowType = lifecycle ? lifecycleFlowType(file)
                : report ? reportKind.map(ReportKind::flowType).orElse("MultiFlowReport") : "CustomerInvoice";
        Instant now = clock.instant();
        SimulatedFlow flow = new SimulatedFlow(UUID.randomUUID().toString(), organization, "Out", flowType, name, syntax,
                info.path("flowProfile").asText(null), rule, info.hasNonNull("processingRule") ? "Input" : "Computed",
                info.path("trackingId").asText(null), info.path("sha256").asText(null), file, now, "Pending");
        flow.checkAt = now.plus(ackDelay);
        flows.put(flow.flowId, flow);
        listener.accept(organization, flow(flow));
        return Answer.json(202, fullInfo(flow));
    }

    synchronized Answer search(String organization, JsonNode params) {
        advance();
        JsonNode where = params.get("where");
        if (where == null || !where.isObject()) {
            return Answer.error(400, "MISSING_REQUIRED_FIELD", "where is required");
        }
        int limit = params.path("limit").asInt(25);
        if (limit < 1 || limit > 100) {
            return Answer.error(400, "INVALID_FIELD_VALUE", "limit is between 1 and 100");
        }
        Instant after;
        Instant before;
        try {
            after = where.hasNonNull("updatedAfter") ? OffsetDateTime.parse(where.get("updatedAfter").asText()).toInstant() : null;
            before = where.hasNonNull("updatedBefore") ? OffsetDateTime.parse(where.get("updatedBefore").asText()).toInstant() : null;
        } catch (DateTimeParseException e) {
            return Answer.error(400, "INVALID_FIELD_VALUE", "updatedAfter and updatedBefore are date-times");
        }
        List<SimulatedFlow> found = flows.values().stream()
                .filter(f -> f.organization.equals(organization))
                .filter(f -> after == null || f.updatedAt.isAfter(after))
                .filter(f -> before == null || f.updatedAt.isBefore(before))
                .filter(f -> matches(where.get("flowDirection"), f.direction))
                .filter(f -> matches(where.get("flowType"), f.flowType))
                .filter(f -> matches(where.get("processingRule"), f.processingRule))
                .filter(f -> !where.hasNonNull("ackStatus") || where.get("ackStatus").asText().equals(f.ackStatus))
                .filter(f -> !where.hasNonNull("trackingId") || where.get("trackingId").asText().equals(f.trackingId))
                // stable: flows changed at the same instant keep the order they were made in
                .sorted(Comparator.comparing((SimulatedFlow f) -> f.updatedAt))
                .limit(limit).toList();
        ObjectNode answer = JSON.createObjectNode().put("limit", limit);
        answer.set("filters", where);
        ArrayNode results = answer.putArray("results");
        found.forEach(f -> results.add(flow(f)));
        return Answer.json(200, answer);
    }

    synchronized Answer get(String organization, String flowId, String docType) {
        advance();
        SimulatedFlow f = flows.get(flowId);
        if (f == null || !f.organization.equals(organization)) {
            return Answer.error(404, "MISSING_RESOURCE", "Requested resource is Not Found");
        }
        if (docType == null || docType.equals("Metadata")) {
            return Answer.json(200, flow(f));
        }
        if (docType.equals("Original")) {
            return new Answer(200, "application/octet-stream", f.file, f.name);
        }
        return Answer.error(404, "MISSING_RESOURCE", "this platform keeps no " + docType + " document");
    }

    /**
     * An invoice (SupplierInvoice) or a CDAR status (SupplierInvoiceLC, CustomerInvoiceLC) waiting at the platform for
     * {@code organization}, as if another platform had sent it. @return its flow id
     */
    public synchronized String deliver(String organization, String flowType, String name, String syntax, byte[] file) {
        Instant now = clock.instant();
        SimulatedFlow flow = new SimulatedFlow(UUID.randomUUID().toString(), organization, "In", flowType, name, syntax,
                null, syntax.equals("CDAR") ? "NotApplicable" : "B2B", "Computed", null, Sha256.of(file), file, now, "Ok");
        flows.put(flow.flowId, flow);
        listener.accept(organization, flow(flow));
        return flow.flowId;
    }

    /** The buyer's side moves the invoice of flow {@code flowId}: a CDAR status flow for its sender. */
    public synchronized String statusFromBuyer(String flowId, LifecycleCode code, ReasonCode reason) {
        SimulatedFlow invoice = Optional.ofNullable(flows.get(flowId)).orElseThrow(() -> new IllegalArgumentException("no flow " + flowId));
        return statusFor(invoice, code, reason, CdarMessage.BUYER);
    }

    /**
     * A line of the directory this platform serves (XP Z12-013 Directory Service): the address, the SIREN (and
     * SIRET) it is for, {@code WK} or {@code DFH}, {@code Enabled}, {@code Disabled} or {@code Upcoming}.
     */
    public synchronized void directoryLine(String addressingIdentifier, String siren, String siret, String platformType,
                                           String status) {
        ObjectNode line = JSON.createObjectNode().put("addressingIdentifier", addressingIdentifier).put("siren", siren)
                .put("platformType", platformType).put("directoryLineStatus", status);
        if (siret != null) {
            line.put("siret", siret);
        }
        directory.removeIf(l -> l.get("addressingIdentifier").asText().equals(addressingIdentifier));
        directory.add(line);
    }

    /** POST /v1/directory-line/search: the lines of {@code filters.siren.value}; 204 when there are none. */
    synchronized Answer searchDirectory(JsonNode params) {
        JsonNode siren = params.at("/filters/siren/value");
        if (!siren.isTextual() || !siren.asText().matches("\\d{9}")) {
            return Answer.error(400, "MISSING_REQUIRED_FIELD", "filters.siren.value, a SIREN, is required by this platform");
        }
        int limit = params.path("limit").asInt(50);
        if (limit < 1 || limit > 1000) {
            return Answer.error(400, "INVALID_FIELD_VALUE", "limit is between 1 and 1000");
        }
        List<ObjectNode> found = directory.stream().filter(l -> l.get("siren").asText().equals(siren.asText()))
                .limit(limit).toList();
        if (found.isEmpty()) {
            return new Answer(204, "application/json", new byte[0], null);
        }
        ObjectNode answer = JSON.createObjectNode().put("totalNumberOfResults", found.size());
        answer.putArray("results").addAll(found);
        return Answer.json(200, answer);
    }

    /** Flows received from organizations, for tests and the demo to look at. */
    public synchronized List<String> receivedFlowIds(String organization, String flowType) {
        return flows.values().stream().filter(f -> f.organization.equals(organization) && f.direction.equals("Out")
                && f.flowType.equals(flowType)).map(f -> f.flowId).toList();
    }

    public synchronized byte[] file(String flowId) {
        return flows.get(flowId).file;
    }

    public synchronized String ackStatus(String flowId) {
        advance();
        return flows.get(flowId).ackStatus;
    }

    /** Moves every flow whose time has come: acknowledgement, then scheduled statuses. */
    synchronized void advance() {
        Instant now = clock.instant();
        for (SimulatedFlow f : List.copyOf(flows.values())) {
            if (f.ackStatus.equals("Pending") && !f.checkAt.isAfter(now)) {
                acknowledge(f, now);
                listener.accept(f.organization, flow(f));
            }
        }
        for (Object[] s : List.copyOf(scheduled)) {
            if (!((Instant) s[0]).isAfter(now)) {
                scheduled.remove(s);
                statusFor(flows.get((String) s[1]), (LifecycleCode) s[2], null, CdarMessage.BUYER);
                if (s[2] == LifecycleCode.MISE_A_DISPOSITION) {
                    List<LifecycleCode> script = buyerScript;
                    for (int i = 0; i < script.size(); i++) {
                        scheduled.add(new Object[] {now.plus(ackDelay.multipliedBy(i + 1L)), s[1], script.get(i)});
                    }
                }
            }
        }
    }

    private void acknowledge(SimulatedFlow f, Instant now) {
        f.updatedAt = now;
        String refusal = refusal(f);
        if (refusal != null) {
            f.ackStatus = "Error";
            f.details.add(new String[] {"Error", "file", refusal, f.flowSyntax.equals("FRR") && refusal.equals("InvalidSchema")
                    ? "the e-reporting file fails its checks: " + String.join("; ", FrrCheck.check(f.file).problems())
                    : message(refusal)});
            return;
        }
        f.ackStatus = "Ok";
        if (f.flowSyntax.equals("CDAR") || f.flowSyntax.equals("FRR")) {
            return;
        }
        Invoice invoice = readInvoice(f.file);
        String key = invoice == null || invoice.seller() == null ? null : invoice.seller().siren() + "|" + invoice.number()
                + "|" + (invoice.issueDate() == null ? "" : invoice.issueDate().getYear());
        if (key != null && !invoiceKeys.add(key)) {
            statusFor(f, LifecycleCode.REJETEE, ReasonCode.DOUBLON, CdarMessage.BUYER);
            return;
        }
        statusFor(f, LifecycleCode.DEPOSEE, null, CdarMessage.SELLER);
        scheduled.add(new Object[] {now.plus(ackDelay), f.flowId, LifecycleCode.MISE_A_DISPOSITION});
    }

    /** The acknowledgement reason code (XP Z12-013 ReasonCodeEnum) that refuses the flow, null when it passes. */
    private String refusal(SimulatedFlow f) {
        if (f.file.length == 0) {
            return "EmptyFlow";
        }
        if (f.sha256 != null && !f.sha256.equals(Sha256.of(f.file))) {
            return "ChecksumMismatch";
        }
        String sha = Sha256.of(f.file);
        boolean again = flows.values().stream().anyMatch(o -> o != f && o.organization.equals(f.organization)
                && o.direction.equals("Out") && o.ackStatus.equals("Ok") && sha.equals(Sha256.of(o.file)));
        if (again) {
            return "AlreadyExistingFlow";
        }
        if (f.flowSyntax.equals("Factur-X")) {
            return new String(f.file, 0, Math.min(5, f.file.length), StandardCharsets.ISO_8859_1).equals("%PDF-")
                    && readInvoice(f.file) != null ? null : "FlowTypeError";
        }
        String root;
        try {
            root = SecureXml.parse(f.file).getDocumentElement().getLocalName();
        } catch (UnreadableInvoiceException e) {
            return "InvalidSchema";
        }
        return switch (f.flowSyntax) {
            case "CII" -> root.equals("CrossIndustryInvoice") ? null : "InvalidSchema";
            case "UBL" -> root.equals("Invoice") || root.equals("CreditNote") ? null : "InvalidSchema";
            case "CDAR" -> readsAsCdar(f.file) ? null : "InvalidSchema";
            case "FRR" -> reportRefusal(f);
            default -> null;
        };
    }

    /**
     * An e-reporting file: the structural checks of the gateway's own FRR rules, then the processing rule against what
     * the file reports (aggregated B2C flows are B2C; unitary ones B2BInt or B2C).
     */
    private static String reportRefusal(SimulatedFlow f) {
        FrrCheck.Result check = FrrCheck.check(f.file);
        if (!check.passed()) {
            return "InvalidSchema";
        }
        ReportKind kind = check.kind().orElseThrow();
        boolean fits = kind.aggregated() ? f.processingRule.equals("B2C")
                : f.processingRule.equals("B2BInt") || f.processingRule.equals("B2C");
        return fits ? null : "FlowTypeError";
    }

    private static String message(String reason) {
        return switch (reason) {
            case "EmptyFlow" -> "the file is empty";
            case "ChecksumMismatch" -> "the sha256 given is not the file's";
            case "AlreadyExistingFlow" -> "this file was already received";
            case "FlowTypeError" -> "the file is not what flowSyntax declares";
            default -> "the file does not follow the schema of its flowSyntax";
        };
    }

    private String statusFor(SimulatedFlow invoice, LifecycleCode code, ReasonCode reason, String issuerRole) {
        Invoice read = readInvoice(invoice.file);
        Instant now = clock.instant();
        String seller = read == null || read.seller() == null ? invoice.organization : read.seller().siren();
        String buyer = read == null || read.buyer() == null ? null : read.buyer().siren();
        // BR-FR-CDV-CL-03: a platform sends statuses on behalf of a party (seller or buyer), never as their issuer
        String issuer = issuerRole.equals(CdarMessage.SELLER) || buyer == null ? seller : buyer;
        CdarMessage message = new CdarMessage(invoice.flowId.substring(0, 8) + "_" + code.code() + "_" + now.toEpochMilli(),
                now.atOffset(ZoneOffset.UTC), issuer, issuerRole, seller, CdarMessage.SELLER,
                read == null ? invoice.name : read.number(),
                read == null || read.type() == null ? "380" : read.type().code(),
                read == null ? null : read.issueDate(), seller, code, reason, null,
                code == LifecycleCode.ENCAISSEE && read != null && read.totals() != null ? read.totals().inclVat() : null,
                code == LifecycleCode.ENCAISSEE ? "EUR" : null);
        return deliver(invoice.organization, "CustomerInvoiceLC", "CDV-" + code.code() + "-" + invoice.flowId + ".xml", "CDAR",
                CdarWriter.write(message));
    }

    private Invoice readInvoice(byte[] file) {
        try {
            StructuredInvoice read = invoices.read(file);
            return read.invoice();
        } catch (UnreadableInvoiceException | RuntimeException e) {
            return null;
        }
    }

    private static boolean readsAsCdar(byte[] file) {
        try {
            new CdarReader().read(file);
            return true;
        } catch (UnreadableCdarException e) {
            return false;
        }
    }

    /** A buyer's status is about a supplier invoice, a seller's about a customer invoice. */
    private static String lifecycleFlowType(byte[] file) {
        try {
            return CdarMessage.SELLER.equals(new CdarReader().read(file).issuerRole()) ? "CustomerInvoiceLC" : "SupplierInvoiceLC";
        } catch (UnreadableCdarException e) {
            return "SupplierInvoiceLC";
        }
    }

    private static boolean matches(JsonNode allowed, String value) {
        if (allowed == null || !allowed.isArray() || allowed.isEmpty()) {
            return true;
        }
        for (JsonNode a : allowed) {
            if (a.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode fullInfo(SimulatedFlow f) {
        ObjectNode n = JSON.createObjectNode().put("flowId", f.flowId).put("submittedAt", f.submittedAt.toString())
                .put("name", f.name).put("flowSyntax", f.flowSyntax).put("processingRule", f.processingRule);
        if (f.trackingId != null) {
            n.put("trackingId", f.trackingId);
        }
        if (f.flowProfile != null) {
            n.put("flowProfile", f.flowProfile);
        }
        n.put("sha256", f.sha256 != null ? f.sha256 : Sha256.of(f.file));
        return n;
    }

    private static ObjectNode flow(SimulatedFlow f) {
        ObjectNode n = fullInfo(f).put("updatedAt", f.updatedAt.toString()).put("flowType", f.flowType)
                .put("processingRuleSource", f.processingRuleSource).put("flowDirection", f.direction);
        ObjectNode ack = n.putObject("acknowledgement").put("status", f.ackStatus);
        if (!f.details.isEmpty()) {
            ArrayNode details = ack.putArray("details");
            for (String[] d : f.details) {
                details.addObject().put("level", d[0]).put("item", d[1]).put("reasonCode", d[2]).put("reasonMessage", d[3]);
            }
        }
        return n;
    }
}
