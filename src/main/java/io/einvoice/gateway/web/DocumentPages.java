package io.einvoice.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.api.ApiErrors;
import io.einvoice.gateway.api.DocumentView;
import io.einvoice.gateway.api.DocumentsApi;
import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.api.RecognitionApi;
import io.einvoice.gateway.api.ReplayApi;
import io.einvoice.gateway.approval.ApprovalApi;
import io.einvoice.gateway.archive.ArchiveEntry;
import io.einvoice.gateway.archive.ArchiveRepository;
import io.einvoice.gateway.archive.BlobStore;
import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.einvoice.gateway.refusal.Refusal;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import io.einvoice.gateway.ingest.IngestResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A document's page: its first page with the recognised fields boxed, the fields to correct, the validation findings
 * by layer, why it must be checked, its timeline, and the decisions. Every action calls the bean the API endpoint
 * calls, with the person as caller: the same checks, the same events, the same walls.
 */
public class DocumentPages {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentPages.class);
    /** The fields a person corrects, in the order of the form; the JSON names of the recognition API. */
    static final List<String> FIELDS = List.of("sellerName", "sellerSiren", "sellerVat", "number", "issueDate", "dueDate",
            "currency", "totalExclVat", "totalVat", "totalInclVat", "iban");
    /** A validation report is ours and small; one this large is not read for the page. */
    private static final int MAX_REPORT = 5 * 1024 * 1024;
    private static final int MAX_FINDINGS = 200;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

    private final AccessService access;
    private final DocumentRepository documents;
    private final DocumentsApi documentsApi;
    private final RecognitionApi recognitionApi;
    private final ApprovalApi approvalApi;
    private final ReplayApi replayApi;
    private final ArchiveRepository archive;
    private final PageImages pageImages;
    private final BlobStore blobs;
    /** A replay's new document to {@code direct:ingest-committed}, as api-documents-replay does: pages are not routes. */
    private final Consumer<IngestResult> handOn;
    /** A corrected document to {@code direct:recognition-corrected}, as api-documents-correct does, for the same reason. */
    private final Consumer<String> revalidate;

    public DocumentPages(AccessService access, DocumentRepository documents, DocumentsApi documentsApi,
                         RecognitionApi recognitionApi, ApprovalApi approvalApi, ReplayApi replayApi,
                         ArchiveRepository archive, PageImages pageImages, BlobStore blobs,
                         Consumer<IngestResult> handOn, Consumer<String> revalidate) {
        this.handOn = handOn;
        this.revalidate = revalidate;
        this.access = access;
        this.documents = documents;
        this.documentsApi = documentsApi;
        this.recognitionApi = recognitionApi;
        this.approvalApi = approvalApi;
        this.replayApi = replayApi;
        this.archive = archive;
        this.pageImages = pageImages;
        this.blobs = blobs;
    }

    /** A field of the form with where it was read (page fractions, as the recognition API gives them). */
    public record FieldView(String name, String label, String value, String confidence, boolean doubtful, int page,
                            double x, double y, double width, double height, boolean boxed) {
    }

    public record FindingView(String severity, String ruleId, String message) {
    }

    public record LayerView(String layer, String label, List<FindingView> findings) {
    }

    public record EventLine(String at, String actor, String type, String change, String details) {
    }

    public record DocumentPage(Frame frame, DocumentView document, String statusLabel, String channelLabel,
                               String amount, boolean recognised, List<FieldView> fields, List<LayerView> layers,
                               List<EventLine> events, boolean canDecide, boolean canReplay, boolean validating,
                               Long archiveSeq, boolean hasPage, String message, String error) {
    }

    Reply page(RoutingContext ctx, WebSession.Session session, Messages t) {
        return render(ctx.pathParam("id"), session, t, message(t, ctx.queryParams().get("done")), null, 200);
    }

    private Reply render(String id, WebSession.Session session, Messages t, String message, String error, int status) {
        DocumentView view = documentsApi.get(session.person(), id);
        Dossier dossier = access.visibleDossier(session.person(), view.dossier()).orElseThrow();
        JsonNode recognition = recognition(session, id);
        List<FieldView> fields = fields(t, view, recognition);
        boolean pending = DocumentStatus.PENDING_APPROVAL.name().equals(view.status());
        boolean validating = pending && view.validation() == null;
        Long seq = archive.findByDocument(id).map(ArchiveEntry::seq).orElse(null);
        Frame frame = Frame.of(t, title(t, view), session).inDossier(dossier.siren(), dossier.name());
        DocumentPage page = new DocumentPage(frame, view, t.labelOf("status", view.status()),
                t.labelOf("channel", view.channel()),
                Amounts.french(view.totalInclVat() == null ? null : new BigDecimal(view.totalInclVat()), view.currency()),
                recognition != null, fields, layers(t, session, id), events(t, view), pending, DocumentStatus.QUARANTINED.name().equals(view.status())
                && view.replayedBy() == null, validating, seq, hasPage(id), message, error);
        return new Reply.Html(status, Views.render("document.jte", page));
    }

    /** Whether the original has a first page to show (a PDF or an image, not XML); rendering it now fills the cache. */
    private boolean hasPage(String id) {
        String sha = documents.findById(id).map(Document::originalSha256).orElse(null);
        try {
            return sha != null && pageImages.png(sha, 1).isPresent();
        } catch (IOException | RuntimeException e) {
            LOG.warn("page 1 of document {} could not be rendered: {}", id, e.getMessage());
            return false;
        }
    }

    private static String title(Messages t, DocumentView view) {
        return view.number() != null ? t.lookup("document.invoice") + " " + view.number() : view.fileName();
    }

    private JsonNode recognition(WebSession.Session session, String id) {
        try {
            return recognitionApi.recognition(session.person(), id);
        } catch (Refusal e) {
            if (ApiErrors.status(e) == 404) {
                return null;
            }
            throw e;
        }
    }

    private static List<FieldView> fields(Messages t, DocumentView view, JsonNode recognition) {
        Map<String, String> stored = new LinkedHashMap<>();
        stored.put("sellerName", view.sellerName());
        stored.put("sellerSiren", view.sellerSiren());
        stored.put("sellerVat", view.sellerVat());
        stored.put("number", view.number());
        stored.put("issueDate", view.issueDate());
        stored.put("dueDate", view.dueDate());
        stored.put("currency", view.currency());
        stored.put("totalExclVat", view.totalExclVat());
        stored.put("totalVat", view.totalVat());
        stored.put("totalInclVat", view.totalInclVat());
        stored.put("iban", null);
        List<FieldView> fields = new ArrayList<>();
        for (String name : FIELDS) {
            JsonNode read = recognition == null ? null : recognition.path("fields").get(name);
            String value = read != null && read.hasNonNull("value") ? read.get("value").asText() : stored.get(name);
            // the recognition JSON writes a field's box inline: page, x, y, width, height in page fractions
            JsonNode box = read;
            double confidence = read == null ? 1 : read.path("confidence").asDouble(1);
            boolean boxed = read != null && read.has("x") && read.has("width");
            fields.add(new FieldView(name, t.lookup("field." + name), value,
                    read == null ? "" : Math.round(confidence * 100) + " %", read != null && confidence < 0.8,
                    boxed ? box.path("page").asInt(1) : 0, boxed ? box.path("x").asDouble() * 1000 : 0,
                    boxed ? box.path("y").asDouble() * 1000 : 0, boxed ? box.path("width").asDouble() * 1000 : 0,
                    boxed ? box.path("height").asDouble() * 1000 : 0, boxed));
        }
        return fields;
    }

    /** The findings of the stored report, grouped by layer in the order checks run; empty until validation ran. */
    private List<LayerView> layers(Messages t, WebSession.Session session, String id) {
        JsonNode report;
        try (InputStream in = documentsApi.report(session.person(), id).content()) {
            byte[] bytes = in.readNBytes(MAX_REPORT + 1);
            if (bytes.length > MAX_REPORT) {
                return List.of(new LayerView("INPUT", t.lookup("layer.INPUT"),
                        List.of(new FindingView("INFO", "", t.lookup("document.reportTooLarge")))));
            }
            report = Json.readTree(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        } catch (Refusal e) {
            return List.of();
        } catch (IOException e) {
            LOG.warn("validation report of document {} could not be read: {}", id, e.getMessage());
            return List.of();
        }
        Map<String, List<FindingView>> byLayer = new LinkedHashMap<>();
        for (String layer : List.of("INPUT", "PDFA", "XMP", "XSD", "SCHEMATRON")) {
            byLayer.put(layer, new ArrayList<>());
        }
        List<JsonNode> reports = new ArrayList<>();
        if (report.isArray()) {
            report.forEach(reports::add);
        } else {
            reports.add(report);
        }
        int count = 0;
        for (JsonNode r : reports) {
            for (JsonNode f : r.path("findings")) {
                if (count++ >= MAX_FINDINGS) {
                    break;
                }
                byLayer.computeIfAbsent(f.path("layer").asText("INPUT"), k -> new ArrayList<>())
                        .add(new FindingView(f.path("severity").asText(), f.path("ruleId").asText(""), f.path("message").asText("")));
            }
        }
        List<LayerView> layers = new ArrayList<>();
        byLayer.forEach((layer, findings) -> layers.add(new LayerView(layer, t.labelOf("layer", layer), findings)));
        return layers;
    }

    private static List<EventLine> events(Messages t, DocumentView view) {
        if (view.events() == null) {
            return List.of();
        }
        return view.events().stream().map(e -> new EventLine(
                MINUTE.format(OffsetDateTime.parse(e.at()).atZoneSameInstant(ZoneId.of("Europe/Paris"))), e.actor(),
                t.labelOf("event", e.type()),
                e.to() == null || Objects.equals(e.from(), e.to()) ? "" : t.labelOf("status", e.from()) + " → " + t.labelOf("status", e.to()),
                e.details())).toList();
    }

    /** Corrections of the fields a person changed (only those: an unchanged field teaches nothing), as the PATCH does. */
    Reply correct(RoutingContext ctx, WebSession.Session session, Messages t) {
        String id = ctx.pathParam("id");
        Form form = Form.parse(ctx.body().asString());
        DocumentView view = documentsApi.get(session.person(), id);
        List<FieldView> current = fields(t, view, recognition(session, id));
        Map<String, String> changed = new LinkedHashMap<>();
        for (FieldView field : current) {
            if (!form.has(field.name())) {
                continue;
            }
            String sent = form.get(field.name(), 200);
            if (!Objects.equals(sent, field.value() == null || field.value().isBlank() ? null : field.value())) {
                changed.put(field.name(), sent);
            }
        }
        if (changed.isEmpty()) {
            return new Reply.Redirect("/documents/" + id + "?done=unchanged");
        }
        try {
            recognitionApi.correct(session.person(), id, Json.write(Map.of("fields", changed))).revalidate().forEach(revalidate);
        } catch (Refusal e) {
            if (ApiErrors.status(e) == 400 || ApiErrors.status(e) == 409) {
                return render(id, session, t, null, t.refusal(e), ApiErrors.status(e));
            }
            throw e;
        }
        LOG.info("web correction document {} fields {} by {}", id, changed.keySet(), session.person().label());
        return new Reply.Redirect("/documents/" + id + "?done=corrected");
    }

    Reply approve(RoutingContext ctx, WebSession.Session session, Messages t) {
        String id = ctx.pathParam("id");
        try {
            approvalApi.approve(session.person(), id, null);
        } catch (Refusal e) {
            if (ApiErrors.status(e) == 409) {
                return render(id, session, t, null, t.lookup("document.cannotDecide"), 409);
            }
            throw e;
        }
        return new Reply.Redirect("/documents/" + id + "?done=approved");
    }

    Reply reject(RoutingContext ctx, WebSession.Session session, Messages t) throws Exception {
        String id = ctx.pathParam("id");
        String reason = Form.parse(ctx.body().asString()).get("reason", 1000);
        if (reason == null) {
            return render(id, session, t, null, t.lookup("document.reasonRequired"), 400);
        }
        try {
            approvalApi.reject(session.person(), id, Json.write(Map.of("reason", reason)));
        } catch (Refusal e) {
            if (ApiErrors.status(e) == 409) {
                return render(id, session, t, null, t.lookup("document.cannotDecide"), 409);
            }
            throw e;
        }
        return new Reply.Redirect("/documents/" + id + "?done=rejected");
    }

    Reply replay(RoutingContext ctx, WebSession.Session session, Messages t) throws Exception {
        String id = ctx.pathParam("id");
        try {
            IngestResult replayed = replayApi.replay(session.person(), id);
            handOn.accept(replayed);
            return new Reply.Redirect("/documents/" + replayed.documentId() + "?done=replayed");
        } catch (Refusal e) {
            if (ApiErrors.status(e) == 409) {
                return render(id, session, t, null, t.lookup("document.cannotReplay"), 409);
            }
            throw e;
        }
    }

    Reply file(RoutingContext ctx, WebSession.Session session, Messages t) throws Exception {
        String id = ctx.pathParam("id");
        return new Reply.File(switch (ctx.pathParam("kind")) {
            case "original" -> documentsApi.original(session.person(), id);
            case "facturx" -> documentsApi.facturx(session.person(), id);
            case "report" -> documentsApi.report(session.person(), id);
            default -> throw new NotVisibleException("file");
        });
    }

    Reply pageImage(RoutingContext ctx, WebSession.Session session, Messages t) throws Exception {
        String id = ctx.pathParam("id");
        Document document = documents.findById(id).filter(d -> access.visibleDossierById(session.person(), d.dossierId()).isPresent())
                .orElseThrow(() -> new NotVisibleException("document " + id));
        int page;
        try {
            page = Integer.parseInt(ctx.pathParam("page").replace(".png", ""));
        } catch (NumberFormatException e) {
            throw new NotVisibleException("page");
        }
        String sha = pageImages.png(document.originalSha256(), page).orElseThrow(() -> new NotVisibleException("page"));
        try (InputStream in = blobs.open(sha)) {
            return new Reply.Png(in.readAllBytes());
        }
    }

    private static String message(Messages t, String done) {
        return done == null || !List.of("corrected", "approved", "rejected", "replayed", "unchanged").contains(done)
                ? null : t.lookup("done." + done);
    }
}
