package io.einvoice.gateway.recognition;

import io.einvoice.gateway.document.Document;
import io.einvoice.gateway.document.DocumentEvent;
import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.document.DocumentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import io.einvoice.gateway.invoice.Decimals;
import io.einvoice.gateway.invoice.TextLimits;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A person corrects fields of a recognised document. The document takes the corrected values, and each correction
 * becomes a hint for the supplier (under its SIREN, VAT number and IBAN): the label the right value followed and
 * where it was on the page, so the same supplier's next invoice is extracted right. A document still waiting for a
 * decision loses its verdict and Factur-X, and goes through the facturx stage again (routes recognition-corrected,
 * facturx-document): its Factur-X is written anew from the corrected fields, then validated. The caller hands it to
 * {@code direct:recognition-corrected} once the correction is committed ({@link Corrected#revalidate}).
 */
public class CorrectionService {

    private static final Logger LOG = LoggerFactory.getLogger(CorrectionService.class);

    private final DocumentRepository documents;
    private final RecognitionRepository recognitions;
    private final TransactionTemplate transactions;

    /**
     * A committed correction: the corrected extraction, and whether the document, still waiting for a decision, lost
     * its verdict and Factur-X and must have them made again ({@code direct:recognition-corrected}).
     */
    public record Corrected(ExtractedInvoice invoice, boolean revalidate) {
    }

    public CorrectionService(DocumentRepository documents, RecognitionRepository recognitions, TransactionTemplate transactions) {
        this.documents = documents;
        this.recognitions = recognitions;
        this.transactions = transactions;
    }

    /** Checks the field names and values; the message names the first wrong one. */
    public static Map<Field, String> parse(Map<String, ?> fields) {
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException("give the fields to correct, e.g. {\"fields\": {\"number\": \"FA-12\"}}; names: "
                    + java.util.Arrays.stream(Field.values()).map(Field::json).collect(Collectors.joining(", ")));
        }
        Map<Field, String> parsed = new EnumMap<>(Field.class);
        for (var e : fields.entrySet()) {
            Field field = Field.fromJson(e.getKey()).orElseThrow(() -> new IllegalArgumentException("a field to correct is not"
                    + " one of " + java.util.Arrays.stream(Field.values()).map(Field::json).collect(Collectors.joining(", "))));
            String value = e.getValue() == null ? "" : String.valueOf(e.getValue()).strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException(field.json() + ": a value is required");
            }
            parsed.put(field, normalise(field, value));
        }
        return parsed;
    }

    private static String normalise(Field field, String value) {
        if (field.amount()) {
            return Decimals.parse(field.json(), value, 2).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
        }
        TextLimits.check(field.json(), value);
        if (field == Field.TYPE_CODE && !value.equals("380") && !value.equals("381")) {
            // what a page's title tells apart; other types come with a structured invoice, not a scan
            throw new IllegalArgumentException("typeCode must be 380 (invoice) or 381 (credit note)");
        }
        if (field == Field.ISSUE_DATE || field == Field.DUE_DATE) {
            try {
                return LocalDate.parse(value).toString();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(field.json() + " must be an ISO date such as 2024-03-12");
            }
        }
        return switch (field) {
            case SELLER_SIREN, SELLER_SIRET, BUYER_SIREN, SELLER_VAT, BUYER_VAT, IBAN, BIC, CURRENCY ->
                    value.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
            default -> value;
        };
    }

    /**
     * @return the correction, committed, or empty when the document was not recognised from text (nothing to correct)
     */
    public Optional<Corrected> correct(Document document, String dossierId, Map<Field, String> corrections, String actor) {
        Optional<ExtractedInvoice> stored = recognitions.find(document.id());
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        List<TextLine> lines = recognitions.lines(document.id());
        Map<Field, ExtractedField> fields = new EnumMap<>(Field.class);
        fields.putAll(stored.get().fields());
        Map<Field, SupplierHint> hints = new LinkedHashMap<>();
        for (var c : corrections.entrySet()) {
            SupplierHint hint = locate(c.getKey(), c.getValue(), lines);
            hints.put(c.getKey(), hint);
            fields.put(c.getKey(), new ExtractedField(c.getValue(), 1.0, hint.box(), hint.label()));
        }
        ExtractedInvoice corrected = new ExtractedInvoice(stored.get().source(), stored.get().pages(), fields, stored.get().vat(),
                stored.get().lines());
        SupplierKeys supplier = SupplierKeys.of(corrected);
        // a decided or archived invoice keeps the Factur-X it was decided on
        boolean waiting = document.status() == DocumentStatus.RECOGNIZED || document.status() == DocumentStatus.PENDING_APPROVAL;
        String details = corrections.entrySet().stream().map(e -> e.getKey().json() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        transactions.executeWithoutResult(tx -> {
            documents.recordInvoice(document.id(), document.format(), ExtractedInvoiceMapper.toInvoice(corrected));
            recognitions.update(document.id(), corrected);
            // a corrected field is certain now: recognition's doubts are those of the corrected extraction
            documents.replaceCheckReasons(document.id(), ExtractedInvoice.DOUBT_PREFIX, corrected.doubts());
            for (String key : supplier.keys()) {
                hints.forEach((field, hint) -> recognitions.saveHint(dossierId, key, hint, corrections.get(field), document.id()));
            }
            documents.appendEvent(document.id(), new DocumentEvent(OffsetDateTime.now(), actor, "CORRECTED", null, null,
                    details + (supplier.isEmpty() ? " (no supplier identifier: nothing learnt)" : ", learnt for " + supplier.keys())));
            if (waiting) {
                documents.clearValidation(document.id());
            }
        });
        LOG.info("recognition document={} corrected by {}: {}; hints saved under {}", document.id(), actor, details, supplier.keys());
        return Optional.of(new Corrected(corrected, waiting));
    }

    /** Where the corrected value is written in the document, and the words just before it (its label). */
    static SupplierHint locate(Field field, String value, List<TextLine> lines) {
        for (TextLine line : lines) {
            String text = line.text();
            int at = find(field, value, text);
            if (at >= 0) {
                String[] before = Dates.fold(text.substring(0, at)).replaceAll("[\\s:#]+$", "").split("\\s+");
                String label = String.join(" ", java.util.Arrays.copyOfRange(before, Math.max(0, before.length - 3), before.length)).strip();
                Box lineBox = line.box();
                // the stored lines keep one box per line: the value's box is its share of the line's width
                double share = text.isEmpty() ? 0 : (double) at / text.length();
                Box box = new Box(lineBox.page(), lineBox.x() + lineBox.width() * share, lineBox.y(),
                        lineBox.width() * Math.min(1 - share, (double) value.length() / Math.max(1, text.length())), lineBox.height());
                return new SupplierHint(field, label.isEmpty() ? null : label, box);
            }
        }
        return new SupplierHint(field, null, null);
    }

    private static int find(Field field, String value, String text) {
        if (field.amount()) {
            BigDecimal wanted = new BigDecimal(value);
            return Amounts.find(text).stream().filter(a -> a.value().compareTo(wanted) == 0).mapToInt(Amounts.Found::start)
                    .findFirst().orElse(-1);
        }
        if (field == Field.ISSUE_DATE || field == Field.DUE_DATE) {
            return Dates.find(text).stream().filter(d -> d.date().toString().equals(value)).mapToInt(Dates.Found::start)
                    .findFirst().orElse(-1);
        }
        return text.toUpperCase(Locale.ROOT).indexOf(value.toUpperCase(Locale.ROOT));
    }
}
