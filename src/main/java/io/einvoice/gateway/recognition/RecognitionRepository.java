package io.einvoice.gateway.recognition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.einvoice.gateway.api.Json;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.Optional;

/** The extraction kept per document (fields with confidence and place) and the supplier hints, per dossier. */
public class RecognitionRepository {

    private static final ObjectMapper JSON = Json.DATA;

    private final JdbcTemplate jdbc;

    public RecognitionRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Lines kept for learning from corrections: the text of the first pages is where labels are. */
    private static final int KEPT_LINE_CHARS = 900_000;

    public void insert(String documentId, ExtractedInvoice extracted, RecognizedText text) {
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.update("INSERT INTO recognition (document_id, source, pages, fields_json, lines_json, supplier_keys, ocr_seconds,"
                        + " page_rotations, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", documentId,
                extracted.source().name(), extracted.pages(), json(extracted), linesJson(text.lines()),
                String.join("\n", SupplierKeys.of(extracted).keys()), BigDecimal.valueOf(text.ocrSeconds()),
                text.rotations().stream().map(String::valueOf).collect(Collectors.joining(",")), now, now);
    }

    /** The quarter turns (degrees clockwise) OCR gave each page to read it upright; empty when none was needed. */
    public List<Integer> rotations(String documentId) {
        String stored = jdbc.query("SELECT page_rotations FROM recognition WHERE document_id = ?", (rs, n) -> rs.getString(1),
                documentId).stream().filter(Objects::nonNull).findFirst().orElse("");
        return stored.isBlank() ? List.of() : Arrays.stream(stored.split(",")).map(String::strip).map(Integer::valueOf).toList();
    }

    public void update(String documentId, ExtractedInvoice extracted) {
        jdbc.update("UPDATE recognition SET fields_json = ?, supplier_keys = ?, updated_at = ? WHERE document_id = ?",
                json(extracted), String.join("\n", SupplierKeys.of(extracted).keys()), OffsetDateTime.now(), documentId);
    }

    /** The stored lines, one word per line-box (the word boxes are not kept): enough to find a label and a place. */
    public List<TextLine> lines(String documentId) {
        String json = jdbc.query("SELECT lines_json FROM recognition WHERE document_id = ?", (rs, n) -> rs.getString(1), documentId)
                .stream().findFirst().orElse(null);
        List<TextLine> lines = new ArrayList<>();
        if (json == null) {
            return lines;
        }
        try {
            for (JsonNode n : JSON.readTree(json)) {
                lines.add(new TextLine(List.of(new Word(n.get("text").asText(), box(n), 1))));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored recognition lines are not JSON", e);
        }
        return lines;
    }

    private static String linesJson(List<TextLine> lines) {
        ArrayNode array = JSON.createArrayNode();
        int chars = 0;
        for (TextLine line : lines) {
            String text = line.text();
            chars += text.length() + 80;
            if (chars > KEPT_LINE_CHARS) {
                break;
            }
            ObjectNode n = array.addObject();
            n.put("text", text);
            box(n, line.box());
        }
        return array.toString();
    }

    public Optional<ExtractedInvoice> find(String documentId) {
        return jdbc.query("SELECT source, pages, fields_json FROM recognition WHERE document_id = ?",
                (rs, n) -> fromJson(TextSource.valueOf(rs.getString("source")), rs.getInt("pages"), rs.getString("fields_json")),
                documentId).stream().findFirst();
    }

    /** The hints for a supplier known by any of its keys; the strongest key that has a hint for a field wins. */
    public List<SupplierHint> hints(String dossierId, SupplierKeys supplier) {
        Map<Field, SupplierHint> found = new EnumMap<>(Field.class);
        for (String key : supplier.keys()) {
            jdbc.query("SELECT field, label, page, box_x, box_y, box_width, box_height FROM supplier_hint"
                    + " WHERE dossier_id = ? AND supplier_key = ?", rs -> {
                Field field = Field.valueOf(rs.getString("field"));
                Box box = rs.getObject("page") == null ? null : new Box(rs.getInt("page"), rs.getDouble("box_x"),
                        rs.getDouble("box_y"), rs.getDouble("box_width"), rs.getDouble("box_height"));
                found.putIfAbsent(field, new SupplierHint(field, rs.getString("label"), box));
            }, dossierId, key);
        }
        return new ArrayList<>(found.values());
    }

    public void saveHint(String dossierId, String supplierKey, SupplierHint hint, String correctedValue, String documentId) {
        jdbc.update("DELETE FROM supplier_hint WHERE dossier_id = ? AND supplier_key = ? AND field = ?",
                dossierId, supplierKey, hint.field().name());
        Box b = hint.box();
        jdbc.update("INSERT INTO supplier_hint (dossier_id, supplier_key, field, label, page, box_x, box_y, box_width, box_height,"
                        + " corrected_value, source_document, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                dossierId, supplierKey, hint.field().name(), hint.label(), b == null ? null : b.page(), b == null ? null : b.x(),
                b == null ? null : b.y(), b == null ? null : b.width(), b == null ? null : b.height(),
                correctedValue, documentId, OffsetDateTime.now());
    }

    /** The extraction as the API and the database show it. */
    public static String json(ExtractedInvoice e) {
        ObjectNode root = JSON.createObjectNode();
        root.put("source", e.source().name());
        root.put("pages", e.pages());
        ObjectNode fields = root.putObject("fields");
        e.fields().forEach((field, value) -> {
            ObjectNode f = fields.putObject(field.json());
            f.put("value", value.value());
            f.put("confidence", value.confidence());
            f.put("label", value.label());
            box(f, value.box());
        });
        ArrayNode vat = root.putArray("vat");
        for (VatBreakdown v : e.vat()) {
            ObjectNode n = vat.addObject();
            n.put("rate", v.rate());
            n.put("base", v.base());
            n.put("amount", v.amount());
            n.put("confidence", v.confidence());
            box(n, v.box());
        }
        ArrayNode lines = root.putArray("lines");
        for (ExtractedLine l : e.lines()) {
            ObjectNode n = lines.addObject();
            n.put("name", l.name());
            n.put("quantity", l.quantity());
            n.put("netPrice", l.netPrice());
            n.put("priceBase", l.priceBase());
            n.put("netAmount", l.netAmount());
            n.put("vatRate", l.vatRate());
            box(n, l.box());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e1) {
            throw new IllegalStateException(e1);
        }
    }

    private static void box(ObjectNode n, Box box) {
        if (box != null) {
            n.put("page", box.page());
            n.put("x", round(box.x()));
            n.put("y", round(box.y()));
            n.put("width", round(box.width()));
            n.put("height", round(box.height()));
        }
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    static ExtractedInvoice fromJson(TextSource source, int pages, String json) {
        try {
            JsonNode root = JSON.readTree(json);
            Map<Field, ExtractedField> fields = new EnumMap<>(Field.class);
            root.path("fields").fields().forEachRemaining(e -> Field.fromJson(e.getKey()).ifPresent(f -> {
                JsonNode n = e.getValue();
                fields.put(f, new ExtractedField(n.path("value").asText(null), n.path("confidence").asDouble(), box(n),
                        n.path("label").asText(null)));
            }));
            List<VatBreakdown> vat = new ArrayList<>();
            for (JsonNode n : root.path("vat")) {
                vat.add(new VatBreakdown(decimal(n, "rate"), decimal(n, "base"), decimal(n, "amount"), n.path("confidence").asDouble(), box(n)));
            }
            List<ExtractedLine> lines = new ArrayList<>();
            for (JsonNode n : root.path("lines")) {
                lines.add(new ExtractedLine(n.path("name").asText(null), decimal(n, "quantity"), decimal(n, "netPrice"),
                        decimal(n, "priceBase"), decimal(n, "netAmount"), decimal(n, "vatRate"), box(n)));
            }
            return new ExtractedInvoice(source, pages, fields, vat, lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored recognition is not JSON", e);
        }
    }

    private static BigDecimal decimal(JsonNode n, String name) {
        return n.hasNonNull(name) ? n.get(name).decimalValue() : null;
    }

    private static Box box(JsonNode n) {
        return n.has("page") ? new Box(n.get("page").asInt(), n.get("x").asDouble(), n.get("y").asDouble(),
                n.get("width").asDouble(), n.get("height").asDouble()) : null;
    }
}
