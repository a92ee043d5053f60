package io.einvoice.gateway.recognition;

import io.einvoice.gateway.invoice.Decimals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Template-free extraction: every field gets candidates from the words around them (labels on the same line, column
 * headers above), check digits and arithmetic, and the best candidate wins. Supplier hints learnt from corrections
 * add candidates and weight. Stateless and thread-safe.
 */
public class FieldExtractor {

    private static final BigDecimal CENT = new BigDecimal("0.01");
    /**
     * What may stand between a document title and its "Nr."/"N°": the document type code of e-invoice visualisations
     * ("Handelsrechnung (380) Nr.", "Gutschrift (Selbst ausgestellte Rechnung) (389) Nr.") or who issued it ("Rechnung
     * des Versicherers (575) Nr.").
     */
    private static final String TITLE_QUALIFIER = "(?:\\s*\\([^)]{1,40}\\)|\\s+(?:des|der|du|de la|of the)\\s+\\p{L}{3,20}){0,2}";
    private static final Pattern NUMBER_LABEL = Pattern.compile(
            "(numero de facture|n[°o] de facture|n[°o] facture|(?:facture|avoir)" + TITLE_QUALIFIER + "\\s*(?:n[°o\"”º]|no\\.?|num(?:ero)?\\.?)"
                    + "|invoice" + TITLE_QUALIFIER + "\\s*(?:number|no\\.?|nr\\.?|#|id)"
                    + "|rechnungs?-?\\s?(?:nummer|nr\\.?)|(?:rechnung|korrektur|gutschrift)" + TITLE_QUALIFIER + "\\s*(?:nr\\.?|no\\.?)"
                    + "|beleg-?\\s?(?:nummer|nr\\.?)|factuurnummer|factuur\\s*(?:nr\\.?|nummer)"
                    + "|(?:numero|n\\.?)\\s*(?:di\\s+)?fattura|fattura\\s*(?:n[°o.]?|num(?:ero)?\\.?)|(?:numero|n[°o.]?|num\\.?)\\s*(?:de\\s+)?factura|factura\\s*(?:n[°o.]?|num(?:ero)?\\.?)"
                    + "|facture|invoice|rechnung|fattura|factura|factuur|avoir|credit note"
                    + "|receipt\\s*(?:no\\.?|number|#)|(?<![a-z])n[°o](?![a-z]))");
    /** OCR confidence under which a short word between a label and its value is taken for noise. */
    private static final double SPECK_CONFIDENCE = 0.6;
    private static final Pattern CONTINUATION = Pattern.compile(" ([A-Za-z0-9][A-Za-z0-9\\-_/]{0,20})");
    private static final Pattern TOKEN = Pattern.compile("[:#°\\s.]*([A-Za-z0-9][A-Za-z0-9\\-_/.]{1,29})");
    private static final Pattern ISSUE_LABEL = Pattern.compile(
            "(date de (la )?facture|date facture|date d.emission|invoice date|date of issue|rechnungsdatum|data (della )?fattura|data di emissione|fecha (de )?(la )?factura|fecha de emision|facture.{0,25}\\bdu\\b|\\bdate\\b|\\bdatum\\b|\\bvo[mn]\\b|\\bdated?\\b|\\ble\\b|issued)");
    private static final Pattern INVOICE_WORD = Pattern.compile("(factur|invoice|rechnung|fattura)");
    private static final Pattern OTHER_DATE = Pattern.compile(
            "(associe|origine|precedente|livraison|liefer|leistung|delivery|debut|fin\\b|start|end\\b|commande|bestellung|order"
                    + "|periode|period|naissance|prestation|du \\d|au\\b|bis\\b|from|to\\b|version|copyright)");
    private static final Pattern DUE_LABEL = Pattern.compile(
            "(echeance|date limite|\\bdue\\b|payable|a payer avant|avant le|fallig|zahlbar|zahlungsziel|bis zum|spatestens|scadenza|entro il|vencimiento|date de (paiement|reglement)|prelev|payment date|remit|vervaldatum|te betalen voor|vence)");
    private static final Pattern INCL_LABEL = Pattern.compile(
            "(\\bttc\\b|totalttc|montantttc|netapayer|net a payer|montant a payer|somme a payer|total a payer|a regler|total due|amount due|balance due|grand total"
                    + "|total amount|invoice total|total incl|incl\\.? vat|brutto|gesamtbetrag|endbetrag|endsumme|zu zahlen|zahlbetrag|rechnungsbetrag|totale (fattura|documento|da pagare)|importo totale"
                    + "|total (factura|a pagar)|importe total|\\binkl\\b|inklusive|due payable|\\btotaal\\b|factuurbedrag|te betalen|\\btotal\\b|\\bamount\\b)");
    /** Words that make a tax word name the total with the tax ("Summe inkl. USt", "Brutto (inkl. USt.)"), not the tax. */
    private static final Pattern WITH_VAT = Pattern.compile("(\\bincl|\\binkl|inklusive|\\bttc\\b|brutto|\\bgross\\b|compris)");
    private static final Pattern EXCL_LABEL = Pattern.compile(
            "(\\bht\\b|totalht|montantht|hors tax|total net|net total|net amount|sous-total|sous total|subtotal|sub-total|excl|untaxed|netto|nettobetrag"
                    + "|ohne (ust|mwst|steuer)|zwischensumme|imponibile|senza iva|base imponible|sin iva|before tax|base|exclusief|grondslag)");
    /** A VAT word inside an "excl. VAT" phrase ("ohne USt.", "hors TVA", "net of tax") does not label a VAT amount. */
    private static final Pattern WITHOUT_VAT = Pattern.compile(
            "(hors (tva|tax)|ohne (ust|mwst|steuer)|excl\\.?\\w*\\s*(vat|tax|btw)|without (vat|tax)|before tax|net of tax|senza iva|sin iva"
                    + "|vat (base|basis)|(base|basis|taxable) amount|basisbetrag|imponibile|base imponible|grondslag)");
    private static final Pattern VAT_LABEL = Pattern.compile(
            "(\\btva\\b|\\bvat\\b|\\btax\\b|taxes?\\b|mwst|\\bust\\b|umsatzsteuer|steuerbetrag|\\biva\\b|\\bimposta\\b|\\bimpuesto\\b|\\bgst\\b|\\bbtw\\b)");
    /** A column or label of prices per unit or of quantities: an amount under or after it is never a total. */
    private static final Pattern UNIT_PRICE = Pattern.compile(
            "(\\bp\\.?\\s?u\\b\\.?|prix unit|unitaire|unit price|unit cost|\\bpu\\s?ht\\b|einzelpreis|stuckpreis|prezzo unit|precio unit|\\bqte\\b|quantit|\\bqty\\b|menge)");
    /** Credit note titles: "Avoir N°", "Note de crédit", "Credit note", "Gutschrift". */
    private static final Pattern CREDIT_NOTE = Pattern.compile(
            "(^|\\s)(avoir\\s*(n[°o\"”º]|no\\b|num|:|$)|note de credit|credit note|gutschrift\\s*(nr|no|:|$))");
    /** A label addressed to the reader ("Ihre", "your", "votre"…) names the buyer's own identifier. */
    private static final Pattern YOUR = Pattern.compile("\\b(ihre|your|votre|vostra|vuestro)\\b[^:]{0,25}:?\\s*$");
    private static final Pattern SELLER_ID_LABEL = Pattern.compile("(siren|siret|rcs|r\\.c\\.s|capital|tva intra|n[°o] tva|vat)");
    private static final Pattern BUYER_LABEL = Pattern.compile(
            "(factur[ée]e? a\\s*(:|$)|adresse de facturation|client\\s*:|bill(ed)? to|invoice to|sold to|customer\\s*:|destinataire"
                    + "|rechnungsempfanger|(?<![-\\w])kunde\\s*(:|$)|cliente\\s*:|spett\\.le|intestatario|kaufer|leistungsempfanger|acheteur|buyer)");
    /** A horizontal gap wider than this (share of the page width) separates two columns on one visual line. */
    private static final double COLUMN_GAP = 0.03;
    private static final Pattern LEGAL_FORM = Pattern.compile(
            "\\b(sas|sasu|sarl|eurl|sa|snc|sci|scop|gmbh|ag|inc\\.?|ltd\\.?|llc|b\\.v\\.|bv|s\\.a\\.|s\\.a\\.s\\.|plc|limited|corp\\.?)\\b");
    private static final Pattern RATE = Pattern.compile("(?<![\\d,.])(\\d{1,2}(?:[.,]\\d{1,2})?)\\s?%");
    private static final Pattern NOT_A_NAME = Pattern.compile(
            "(facture|invoice|rechnung|\\bpage\\b|\\bdate\\b|\\btotal\\b|devis|avoir|receipt|bon de|\\btel\\b|\\btelef|\\btelep|\\bphone\\b|\\bfax\\b"
                    + "|www\\.|@|http)");

    /** Extracts the fields; {@code buyerSiren} (the dossier's) tells the buyer's identifiers from the seller's. */
    public ExtractedInvoice extract(RecognizedText text, String buyerSiren, Function<SupplierKeys, List<SupplierHint>> hints) {
        List<Line> lines = text.lines().stream().map(Line::new).toList();
        Map<Field, List<Candidate>> candidates = new EnumMap<>(Field.class);
        for (Field f : Field.values()) {
            candidates.put(f, new ArrayList<>());
        }
        identifiers(lines, buyerSiren, candidates);
        SupplierKeys supplier = new SupplierKeys(best(candidates, Field.SELLER_SIREN).map(Candidate::value).orElse(null),
                best(candidates, Field.SELLER_VAT).map(Candidate::value).orElse(null),
                best(candidates, Field.IBAN).map(Candidate::value).orElse(null));
        List<SupplierHint> learnt = supplier.isEmpty() ? List.of() : hints.apply(supplier);
        numbers(lines, candidates.get(Field.NUMBER), labelsOf(learnt, Field.NUMBER));
        dates(lines, candidates, learnt);
        List<AmountAt> amounts = amounts(lines, candidates, learnt);
        currency(lines, candidates.get(Field.CURRENCY));
        typeCode(lines, candidates.get(Field.TYPE_CODE));
        names(lines, candidates);
        applyPositions(candidates, learnt);
        Map<Field, ExtractedField> fields = new EnumMap<>(Field.class);
        for (var e : candidates.entrySet()) {
            best(candidates, e.getKey()).ifPresent(c -> fields.put(e.getKey(), toField(c)));
        }
        List<VatBreakdown> breakdown = vatBreakdown(lines, amounts);
        consistentTotals(candidates, fields, breakdown);
        if (fields.containsKey(Field.TYPE_CODE)) {
            // a credit note's totals are positive in EN 16931 (the type says it is a credit), whatever sign the page prints
            for (Field f : List.of(Field.TOTAL_EXCL_VAT, Field.TOTAL_VAT, Field.TOTAL_INCL_VAT)) {
                fields.computeIfPresent(f, (k, v) -> v.value().startsWith("-")
                        ? new ExtractedField(v.value().substring(1), v.confidence(), v.box(), v.label()) : v);
            }
        }
        if (!fields.containsKey(Field.SELLER_SIREN) && fields.containsKey(Field.SELLER_SIRET)) {
            ExtractedField siret = fields.get(Field.SELLER_SIRET);
            fields.put(Field.SELLER_SIREN, new ExtractedField(siret.value().substring(0, 9), siret.confidence(), siret.box(), siret.label()));
        }
        List<ExtractedLine> items = LineItems.read(lines, decimal(fields, Field.TOTAL_EXCL_VAT), decimal(fields, Field.TOTAL_VAT), breakdown);
        return new ExtractedInvoice(text.source(), text.pages(), fields, breakdown, items);
    }

    private static BigDecimal decimal(Map<Field, ExtractedField> fields, Field f) {
        ExtractedField e = fields.get(f);
        return e == null ? null : new BigDecimal(e.value());
    }

    // ---- identifiers -------------------------------------------------------------------------------------------

    private static void identifiers(List<Line> lines, String buyerSiren, Map<Field, List<Candidate>> out) {
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            String upper = line.text.toUpperCase(java.util.Locale.ROOT);
            for (var f : Identifiers.sirets(upper)) {
                boolean buyer = f.value().startsWith(String.valueOf(buyerSiren));
                out.get(buyer ? Field.BUYER_SIREN : Field.SELLER_SIRET).add(line.candidate(buyer ? Field.BUYER_SIREN : Field.SELLER_SIRET,
                        buyer ? f.value().substring(0, 9) : f.value(), f.start(), f.end(), labelled(line, f.start(), SELLER_ID_LABEL) ? 0.95 : 0.7));
            }
            for (var f : Identifiers.sirens(upper)) {
                boolean buyer = f.value().equals(buyerSiren);
                boolean label = labelled(line, f.start(), SELLER_ID_LABEL);
                out.get(buyer ? Field.BUYER_SIREN : Field.SELLER_SIREN).add(line.candidate(buyer ? Field.BUYER_SIREN : Field.SELLER_SIREN,
                        f.value(), f.start(), f.end(), label ? 0.95 : 0.55));
            }
            for (var f : Identifiers.frenchVat(upper)) {
                boolean buyer = f.value().endsWith(String.valueOf(buyerSiren));
                Field field = buyer ? Field.BUYER_VAT : Field.SELLER_VAT;
                out.get(field).add(line.candidate(field, f.value(), f.start(), f.end(), 0.97));
                // the SIREN inside a valid French VAT number is as sure as the VAT number
                out.get(buyer ? Field.BUYER_SIREN : Field.SELLER_SIREN).add(line.candidate(buyer ? Field.BUYER_SIREN : Field.SELLER_SIREN,
                        f.value().substring(4), f.start(), f.end(), 0.9));
            }
            for (var f : Identifiers.otherVat(upper)) {
                // on a labelled line, or in a footer column headed "USt-IdNr" or "VAT Registration No."
                if (labelled(line, f.start(), VAT_LABEL) || upper.contains("VAT") || upper.contains("UST") || upper.contains("BTW")
                        || VAT_LABEL.matcher(header(lines, i, line.boxOf(f.start(), f.end()))).find()) {
                    // "Ihre USt.-IdNr.", "Your VAT number", "Votre n° TVA": the buyer's number, addressed to him
                    Field field = YOUR.matcher(line.context(f.start())).find() ? Field.BUYER_VAT : Field.SELLER_VAT;
                    out.get(field).add(line.candidate(field, f.value(), f.start(), f.end(), 0.7));
                }
            }
            for (var f : Identifiers.ibans(upper)) {
                out.get(Field.IBAN).add(line.candidate(Field.IBAN, f.value(), f.start(), f.end(), 0.97));
            }
            if (line.folded.matches(".*\\b(bic|swift)\\b.*")) {
                for (var f : Identifiers.bics(line.text)) {
                    if (!f.value().equals("SWIFT") && f.start() > line.folded.indexOf("bic") - 1) {
                        out.get(Field.BIC).add(line.candidate(Field.BIC, f.value(), f.start(), f.end(), 0.9));
                    }
                }
            }
        }
    }

    // ---- invoice number ----------------------------------------------------------------------------------------

    private static void numbers(List<Line> lines, List<Candidate> out, List<String> hintLabels) {
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            for (String hint : hintLabels) {
                int at = line.folded.indexOf(hint);
                if (at >= 0) {
                    tokenAfter(line, at + hint.length()).ifPresent(t -> out.add(line.candidate(Field.NUMBER, t.value, t.start, t.end, 1.6)
                            .withLabel(hint)));
                }
            }
            Matcher m = NUMBER_LABEL.matcher(line.folded);
            while (m.find()) {
                boolean strong = m.group(1).matches(".*(n[°o\"”º]|no|nr|num|number|#|nummer|id).*");
                // a bare "N°" is a number label only on an invoice's title lines, not before a phone or order number
                boolean bare = m.group(1).matches("n[°o]");
                if (bare && !(line.folded.contains("factur") || line.folded.contains("avoir") || i > 0 && lines.get(i - 1).folded.matches(".*\\b(facture|invoice)\\b.*"))) {
                    continue;
                }
                Optional<Token> token = tokenAfter(line, m.end());
                if (token.isEmpty() && !bare) {
                    // "FACTURE N°: eo,     F20260027": a scan's speck between the label and its value in the next column
                    token = tokenOfNextCell(line, m.end());
                }
                if (token.isPresent()) {
                    out.add(line.candidate(Field.NUMBER, token.get().value, token.get().start, token.get().end, bare ? 0.85 : strong ? 0.9 : 0.6)
                            .withLabel(m.group(1)));
                } else if ((strong || wholeHeaderCell(line, m.start(), m.end()) || line.folded.strip().equals(m.group(1)))
                        && i + 1 < lines.size()) {
                    // a column header: the number is in the line below, under the label
                    Line below = lines.get(i + 1);
                    Box label = line.boxOf(m.start(), m.end());
                    // under a bare title ("FACTURE") a number is only a guess: references, client and order numbers sit there too
                    double weight = strong ? 1 : 0.5;
                    for (Token t : tokens(below)) {
                        Box b = below.boxOf(t.start, t.end);
                        if (b.page() != label.page() || !hasDigit(t.value) || !Dates.find(t.value).isEmpty()
                                || !strong && claimedByLabel(below, t.start)) {
                            continue;
                        }
                        if (b.x() < label.right() + 0.02 && b.right() > label.x() - 0.02) {
                            out.add(below.candidate(Field.NUMBER, t.value, t.start, t.end, 0.8 * weight).withLabel(m.group(1)));
                        } else if (b.x() > label.x() - 0.02 && b.x() < label.x() + 0.35) {
                            // a label/value box whose values are right-aligned: the value sits below, to the right
                            out.add(below.candidate(Field.NUMBER, t.value, t.start, t.end, 0.7 * weight).withLabel(m.group(1)));
                        }
                    }
                }
            }
        }
    }

    /** "Client : 4711", "Réf. commande : PO-12": a value its own "label :" names is not the one a title above names. */
    private static boolean claimedByLabel(Line line, int start) {
        return CLAIMING_LABEL.matcher(line.folded.substring(0, start)).find();
    }

    private static final Pattern CLAIMING_LABEL = Pattern.compile("\\p{L}{2,}[^:\\d]{0,25}:\\s*$");

    /** A label that is a whole cell of a row of several cells ("Klant | Order | Factuur datum | Factuur"): a column header. */
    private static boolean wholeHeaderCell(Line line, int start, int end) {
        List<int[]> cells = line.cells();
        return cells.size() >= 3 && cells.stream().anyMatch(c -> line.text.substring(c[0], c[1]).strip().length() == end - start
                && c[0] <= start && c[1] >= end);
    }

    /** The first token of the cell after the one an offset is in, when the label's own cell has no value after it. */
    private static Optional<Token> tokenOfNextCell(Line line, int from) {
        List<int[]> cells = line.cells();
        for (int k = 0; k + 1 < cells.size(); k++) {
            int[] cell = cells.get(k);
            if (cell[0] <= from && from <= cell[1]) {
                String rest = line.text.substring(from, cell[1]).strip();
                // only specks of a scan between label and column gap: punctuation or two letters at most
                if (rest.replaceAll("[^\\p{L}\\d]", "").length() > 2 || hasDigit(rest)) {
                    return Optional.empty();
                }
                return tokenAfter(line, cells.get(k + 1)[0]);
            }
        }
        return Optional.empty();
    }

    private record Token(String value, int start, int end) {
    }

    private static Optional<Token> tokenAfter(Line line, int from) {
        Matcher m = TOKEN.matcher(line.text);
        m.region(from, line.text.length());
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        String value = m.group(1).replaceAll("[.:]+$", "");
        if (hasDigit(value) && Dates.find(value).isEmpty()) {
            int end = m.start(1) + value.length();
            Matcher rest = CONTINUATION.matcher(line.text).region(end, line.text.length());
            if (value.matches(".*[_-]") && rest.lookingAt()) {
                // "UC1_ 2023025": a number does not end with its separator; OCR put a space after it
                return Optional.of(new Token(value + rest.group(1), m.start(1), rest.end(1)));
            }
            return Optional.of(new Token(value, m.start(1), end));
        }
        if (isSpeck(line, m.start(1), m.end(1))) {
            // "FACTURE N° he : F20260030": OCR made a word of a scan's dirt between the label and its value
            return tokenAfter(line, m.end(1));
        }
        return Optional.empty();
    }

    /** A short word without digits that OCR itself doubted: noise, not a word of the invoice. */
    private static boolean isSpeck(Line line, int start, int end) {
        return end - start <= 3 && !hasDigit(line.text.substring(start, end))
                && line.line.locate(start, end).confidence() < SPECK_CONFIDENCE;
    }

    private static List<Token> tokens(Line line) {
        List<Token> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\S+").matcher(line.text);
        while (m.find()) {
            out.add(new Token(m.group(), m.start(), m.end()));
        }
        return out;
    }

    static boolean hasDigit(String s) {
        return s.chars().anyMatch(Character::isDigit);
    }

    // ---- dates -------------------------------------------------------------------------------------------------

    private static void dates(List<Line> lines, Map<Field, List<Candidate>> out, List<SupplierHint> hints) {
        int order = 0;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            for (Dates.Found d : Dates.find(line.text)) {
                String context = line.context(d.start());
                // the label right before the date decides: "date de facture associée : …" or "livraison …" is another date
                String near = context.substring(Math.max(0, context.length() - 30));
                boolean otherDate = OTHER_DATE.matcher(near).find();
                String value = d.date().toString();
                // on its line after a due label, or in a table column headed by one ("Fälligkeit", "Échéance")
                double due = DUE_LABEL.matcher(context).find() ? 0.9
                        : DUE_LABEL.matcher(header(lines, i, line.boxOf(d.start(), d.end()))).find() ? 0.8 : 0;
                Matcher issue = ISSUE_LABEL.matcher(near);
                double issueScore = otherDate ? 0.2 : issue.find() ? (INVOICE_WORD.matcher(issue.group(1)).find() ? 0.95
                        // "Handelsrechnung (380) Nr. 471102 vom 05.03.2020": a bare "vom" or "du" on the invoice's own line
                        : INVOICE_WORD.matcher(context).find() ? 0.9 : 0.8)
                        : labelJustBefore(lines, i, line.boxOf(d.start(), d.end())) ? 0.9 : 0.45 - Math.min(0.2, order * 0.02);
                if (due > 0) {
                    out.get(Field.DUE_DATE).add(line.candidate(Field.DUE_DATE, value, d.start(), d.end(), due));
                    issueScore = Math.min(issueScore, 0.3);
                }
                out.get(Field.ISSUE_DATE).add(line.candidate(Field.ISSUE_DATE, value, d.start(), d.end(), issueScore));
                for (SupplierHint h : hints) {
                    if ((h.field() == Field.ISSUE_DATE || h.field() == Field.DUE_DATE) && h.label() != null
                            && !h.label().isBlank() && context.contains(h.label())) {
                        out.get(h.field()).add(line.candidate(h.field(), value, d.start(), d.end(), 1.6));
                    }
                }
                order++;
            }
        }
    }

    /**
     * "Rechnungsdatum" with its value to the right, one text line down: a label/value box whose values are right-aligned
     * a little lower than their labels. The label must name the invoice's date, and end the line it is on.
     */
    private static boolean labelJustBefore(List<Line> lines, int i, Box date) {
        if (i == 0) {
            return false;
        }
        Line above = lines.get(i - 1);
        Box box = above.line.box();
        if (box.page() != date.page() || date.y() - box.y() > 0.02) {
            return false;
        }
        List<int[]> cells = above.cells();
        for (int[] cell : cells) {
            String folded = above.folded.substring(cell[0], cell[1]).strip();
            Box label = above.boxOf(cell[0], cell[1]);
            Matcher m = ISSUE_LABEL.matcher(folded);
            if (m.find() && INVOICE_WORD.matcher(m.group(1)).find() && folded.length() <= 30 && label.right() < date.x()
                    && date.x() - label.right() < 0.35 && cells.stream().noneMatch(c -> above.boxOf(c[0], c[1]).x() > label.right())) {
                return true;
            }
        }
        return false;
    }

    // ---- amounts -----------------------------------------------------------------------------------------------

    record AmountAt(BigDecimal value, Line line, int start, int end) {
    }

    private static List<AmountAt> amounts(List<Line> lines, Map<Field, List<Candidate>> out, List<SupplierHint> hints) {
        List<AmountAt> all = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            for (Amounts.Found a : Amounts.find(line.text)) {
                all.add(new AmountAt(a.value(), line, a.start(), a.end()));
                String context = line.context(a.start());
                String header = header(lines, i, line.boxOf(a.start(), a.end()));
                // the sign is kept: a corrective invoice shows its totals negative, and so does its XML
                String value = a.value().toPlainString();
                // a later total on the page is more often the final one: a small bonus by position
                double late = 0.05 * i / Math.max(1, lines.size());
                score(out, line, a, value, Field.TOTAL_INCL_VAT, INCL_LABEL, context, header, late);
                score(out, line, a, value, Field.TOTAL_EXCL_VAT, EXCL_LABEL, context, header, late);
                score(out, line, a, value, Field.TOTAL_VAT, VAT_LABEL, context, header, late);
                for (SupplierHint h : hints) {
                    if (h.field().amount() && h.label() != null && !h.label().isBlank() && context.contains(h.label())) {
                        out.get(h.field()).add(line.candidate(h.field(), value, a.start(), a.end(), 1.6));
                    }
                }
            }
        }
        return all;
    }

    private static void score(Map<Field, List<Candidate>> out, Line line, Amounts.Found a, String value, Field field,
                              Pattern label, String context, String header, double late) {
        boolean onLine = label.matcher(context).find();
        boolean inHeader = label.matcher(header).find();
        Matcher without = WITHOUT_VAT.matcher(context);
        // "Rechnungssumme ohne USt.", "Total hors TVA": the amount is the base, not the tax; but in "Steuerbasisbetrag
        // USt. 19% 198,00 37,62" the base is the amount the label is followed by, and the tax comes after it
        if (field == Field.TOTAL_VAT && onLine && (without.find() && Amounts.find(context.substring(without.end())).isEmpty()
                || WITH_VAT.matcher(ownLabel(context)).find())) {
            onLine = false;
            inHeader = false;
        }
        if (field == Field.TOTAL_VAT && inHeader && WITHOUT_VAT.matcher(header).find()) {
            // a column headed "Grondslag BTW", "Basisbetrag USt": the bases, not the tax
            inHeader = false;
        }
        if (!onLine && !inHeader) {
            return;
        }
        if (field != Field.TOTAL_VAT && (onLine ? unitPriceLabel(ownLabel(context), label) : UNIT_PRICE.matcher(header).find())) {
            // "P.U. HT", "Prix unitaire", "Qté": a price per unit or a quantity, never a total even with "HT" in its label
            return;
        }
        double s = (onLine ? 0.75 : 0.6) + late;
        if (field == Field.TOTAL_INCL_VAT && !EXCL_LABEL.matcher(context).find() && context.contains("total")) {
            s += 0.1;
        }
        if (field == Field.TOTAL_EXCL_VAT && context.contains("total")) {
            s += 0.1;
        }
        if (field != Field.TOTAL_VAT && VAT_LABEL.matcher(context).find() && !context.contains("total") && !WITH_VAT.matcher(context).find()
                && !WITHOUT_VAT.matcher(context).find()) {
            s -= 0.3;
        }
        if (field == Field.TOTAL_VAT && (RATE.matcher(line.text).find())) {
            s += 0.05;
        }
        out.get(field).add(line.candidate(field, value, a.start(), a.end(), s));
    }

    /** Whether the nearest label before an amount names a unit price: it comes after the last total label. */
    private static boolean unitPriceLabel(String ownLabel, Pattern totalLabel) {
        int unit = -1;
        Matcher u = UNIT_PRICE.matcher(ownLabel);
        while (u.find()) {
            unit = u.start();
        }
        if (unit < 0) {
            return false;
        }
        Matcher t = totalLabel.matcher(ownLabel);
        int total = -1;
        while (t.find()) {
            total = t.start();
        }
        return unit >= total || ownLabel.substring(unit).length() < 25 && !ownLabel.substring(unit).contains("total");
    }

    /** The part of a context after its last amount: the label of this amount alone ("Total TTC 120,00 dont TVA"). */
    private static String ownLabel(String context) {
        List<Amounts.Found> before = Amounts.find(context);
        return before.isEmpty() ? context : context.substring(before.get(before.size() - 1).end());
    }

    /**
     * A table's column header over this box: the words over it on the nearest line above (same page, up to 8 lines) that
     * has a word over it, with the lines just above that one when the header cell is written on several lines ("TOTAL HT"
     * over "(EUR)"). Only the nearest: a totals box under an item table must not take the item table's headers too.
     */
    private static String header(List<Line> lines, int index, Box box) {
        String header = "";
        Line nearest = null;
        for (int j = index - 1; j >= Math.max(0, index - 8); j--) {
            Line above = lines.get(j);
            if (above.line.page() != box.page()) {
                break;
            }
            String words = wordsOver(above, box);
            if (nearest != null) {
                Box cell = nearest.line.box();
                if (words.isEmpty() || cell.y() - above.line.box().bottom() > cell.height()) {
                    break;
                }
                header = words + header;
                nearest = above;
            } else if (LABEL_WORD.matcher(words).find()) {
                header = words;
                nearest = above;
            }
        }
        return header;
    }

    /** A word of two letters or more that is not a currency: what makes a line a header rather than a row of values. */
    private static final Pattern LABEL_WORD = Pattern.compile("(?<!\\p{L})(?!(?:eur|euro|euros|usd|chf|gbp)(?!\\p{L}))\\p{L}{2,}");

    private static String wordsOver(Line above, Box box) {
        StringBuilder words = new StringBuilder();
        for (Word w : above.line.words()) {
            if (w.box().x() < box.right() + 0.01 && w.box().right() > box.x() - 0.01 && Amounts.find(w.text()).isEmpty()) {
                words.append(Dates.fold(w.text())).append(' ');
            }
        }
        return words.toString();
    }

    /**
     * Picks the excl./VAT/incl. triple that adds up (excl + VAT = incl, to the cent) with the best summed score;
     * a consistent triple raises the three confidences, a lone total keeps its own.
     */
    private static void consistentTotals(Map<Field, List<Candidate>> candidates, Map<Field, ExtractedField> fields,
                                         List<VatBreakdown> breakdown) {
        List<Candidate> excl = top(candidates.get(Field.TOTAL_EXCL_VAT));
        List<Candidate> vat = new ArrayList<>(top(candidates.get(Field.TOTAL_VAT)));
        if (breakdown.size() > 1 && breakdown.stream().allMatch(v -> v.amount() != null)) {
            // several rates and no VAT total printed: the VAT total is the sum of the rates' amounts
            BigDecimal sum = breakdown.stream().map(VatBreakdown::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            double confidence = breakdown.stream().mapToDouble(VatBreakdown::confidence).min().orElse(0);
            vat.add(new Candidate(Field.TOTAL_VAT, sum.toPlainString(), breakdown.get(0).box(), "sum of VAT by rate", 0.8, confidence));
        }
        List<Candidate> incl = top(candidates.get(Field.TOTAL_INCL_VAT));
        double bestScore = -1;
        Candidate[] best = null;
        for (Candidate i : incl) {
            BigDecimal inclValue = new BigDecimal(i.value());
            for (Candidate e : excl) {
                BigDecimal exclValue = new BigDecimal(e.value());
                if (exclValue.signum() == 0 || exclValue.signum() != inclValue.signum() || exclValue.abs().compareTo(inclValue.abs()) > 0) {
                    continue;
                }
                for (Candidate v : vat) {
                    // a negative invoice may print its VAT without the sign
                    Candidate signed = inclValue.signum() < 0 && new BigDecimal(v.value()).signum() > 0
                            ? new Candidate(v.field(), new BigDecimal(v.value()).negate().toPlainString(), v.box(), v.label(), v.score(), v.ocrConfidence())
                            : v;
                    if (exclValue.add(new BigDecimal(signed.value())).subtract(inclValue).abs().compareTo(CENT) <= 0
                            && e.score() + v.score() + i.score() > bestScore && (v.box() != e.box() || !v.value().equals(e.value()))) {
                        bestScore = e.score() + v.score() + i.score();
                        best = new Candidate[] {e, signed, i};
                    }
                }
                // no VAT line at all (exempt, or a receipt): excl = incl
                // ("Total HT 100,00" alone is not both totals of an exempt invoice: two amounts are needed)
                if (exclValue.compareTo(inclValue) == 0 && vat.isEmpty() && !sameAmount(e, i) && e.score() + i.score() > bestScore) {
                    bestScore = e.score() + i.score();
                    best = new Candidate[] {e, null, i};
                }
            }
        }
        if (best == null) {
            // no VAT amount read right (OCR lost a digit of it): excl. and incl. still agree through a usual rate
            Candidate[] pair = pairAtUsualRate(excl, incl);
            if (pair != null) {
                fields.put(Field.TOTAL_EXCL_VAT, toField(pair[0]));
                fields.put(Field.TOTAL_INCL_VAT, toField(pair[1]));
            }
            return;
        }
        fields.put(Field.TOTAL_EXCL_VAT, boosted(best[0]));
        fields.put(Field.TOTAL_INCL_VAT, boosted(best[2]));
        if (best[1] != null) {
            fields.put(Field.TOTAL_VAT, boosted(best[1]));
        } else {
            ExtractedField i = fields.get(Field.TOTAL_INCL_VAT);
            fields.put(Field.TOTAL_VAT, new ExtractedField("0.00", i.confidence() * 0.8, i.box(), "excl. = incl."));
        }
    }

    private static boolean sameAmount(Candidate a, Candidate b) {
        return a.box() != null && a.box().equals(b.box());
    }

    /** VAT rates in use in France and its neighbours: 20, 10, 5.5, 2.1 (France, overseas 8.5), 19 and 7 (Germany). */
    private static final List<BigDecimal> USUAL_RATES = java.util.stream.Stream.of("20", "10", "5.5", "2.1", "8.5", "19", "7")
            .map(BigDecimal::new).toList();

    /** The best-scored excl./incl. pair where incl. = excl. × (1 + a usual rate), to the cent; null when none. */
    private static Candidate[] pairAtUsualRate(List<Candidate> excl, List<Candidate> incl) {
        Candidate[] best = null;
        double bestScore = -1;
        for (Candidate i : incl) {
            BigDecimal inclValue = new BigDecimal(i.value());
            for (Candidate e : excl) {
                BigDecimal exclValue = new BigDecimal(e.value());
                if (exclValue.signum() == 0 || exclValue.signum() != inclValue.signum() || e.score() + i.score() <= bestScore) {
                    continue;
                }
                for (BigDecimal rate : USUAL_RATES) {
                    BigDecimal vat = exclValue.multiply(rate).divide(new BigDecimal(100), 2, RoundingMode.HALF_UP);
                    if (exclValue.add(vat).subtract(inclValue).abs().compareTo(CENT) <= 0) {
                        best = new Candidate[] {e, i};
                        bestScore = e.score() + i.score();
                        break;
                    }
                }
            }
        }
        return best;
    }

    private static List<Candidate> top(List<Candidate> list) {
        return list.stream().sorted(Comparator.comparingDouble(Candidate::score).reversed()).limit(12).toList();
    }

    private static ExtractedField boosted(Candidate c) {
        return toField(c.plus(0.15));
    }

    private static List<VatBreakdown> vatBreakdown(List<Line> lines, List<AmountAt> amounts) {
        List<VatBreakdown> out = new ArrayList<>();
        for (Line line : lines) {
            Matcher m = RATE.matcher(line.text);
            if (!m.find() || !(VAT_LABEL.matcher(line.folded).find() || line.folded.contains("taux"))) {
                continue;
            }
            BigDecimal rate = Decimals.parseWritten("VAT rate", m.group(1), 2);
            if (rate.signum() <= 0 || rate.compareTo(new BigDecimal("30")) > 0) {
                continue;
            }
            List<BigDecimal> onLine = amounts.stream().filter(a -> a.line() == line).map(AmountAt::value).toList();
            VatBreakdown found = null;
            for (BigDecimal base : onLine) {
                for (BigDecimal vat : onLine) {
                    BigDecimal expected = base.multiply(rate).divide(new BigDecimal(100), 2, RoundingMode.HALF_UP);
                    if (base != vat && base.compareTo(vat) > 0 && expected.subtract(vat).abs().compareTo(new BigDecimal("0.02")) <= 0) {
                        found = new VatBreakdown(rate, base, vat, 0.9 * line.line.confidence(), line.line.box());
                    }
                }
            }
            if (found == null && onLine.size() == 1) {
                found = new VatBreakdown(rate, null, onLine.get(0), 0.6 * line.line.confidence(), line.line.box());
            }
            if (found != null && out.stream().noneMatch(v -> v.rate().compareTo(rate) == 0)) {
                out.add(found);
            }
        }
        return out;
    }

    // ---- document type ------------------------------------------------------------------------------------------

    /** 381 when the upper half of page 1 titles the document a credit note ("AVOIR N°"); an invoice (380) otherwise. */
    private static void typeCode(List<Line> lines, List<Candidate> out) {
        for (Line line : lines) {
            if (line.line.page() != 1 || line.line.box().y() > 0.5) {
                continue;
            }
            Matcher m = CREDIT_NOTE.matcher(line.folded);
            if (m.find()) {
                out.add(line.candidate(Field.TYPE_CODE, "381", m.start(2), m.end(2), 0.85));
                return;
            }
        }
    }

    // ---- currency and names ------------------------------------------------------------------------------------

    private static void currency(List<Line> lines, List<Candidate> out) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Line> first = new HashMap<>();
        for (Line line : lines) {
            String t = line.text;
            count(counts, first, line, "EUR", t.contains("€") || t.matches(".*\\bEUR\\b.*") || line.folded.contains("euro"));
            count(counts, first, line, "USD", t.contains("$") || t.matches(".*\\bUSD\\b.*"));
            count(counts, first, line, "GBP", t.contains("£") || t.matches(".*\\bGBP\\b.*"));
            count(counts, first, line, "CHF", t.matches(".*\\bCHF\\b.*"));
            count(counts, first, line, "INR", t.matches(".*\\b(INR|Rs\\.?)\\s?\\d.*"));
        }
        counts.entrySet().stream().max(Map.Entry.comparingByValue()).ifPresentOrElse(e -> {
            Line line = first.get(e.getKey());
            out.add(new Candidate(Field.CURRENCY, e.getKey(), line.line.box(), "", Math.min(0.98, 0.7 + 0.1 * e.getValue()),
                    line.line.confidence()));
        }, () -> {
            if (!lines.isEmpty()) {
                // French invoices without any currency sign are in euros, but nobody wrote it: a guess
                out.add(new Candidate(Field.CURRENCY, "EUR", lines.get(0).line.box(), "", 0.5, 1));
            }
        });
    }

    private static void count(Map<String, Integer> counts, Map<String, Line> first, Line line, String code, boolean seen) {
        if (seen) {
            counts.merge(code, 1, Integer::sum);
            first.putIfAbsent(code, line);
        }
    }

    private static void names(List<Line> lines, Map<Field, List<Candidate>> out) {
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            Matcher form = LEGAL_FORM.matcher(line.folded);
            if (form.find() && line.line.page() == 1 || form.find(0) && SELLER_ID_LABEL.matcher(line.folded).find()) {
                form = LEGAL_FORM.matcher(line.folded);
                if (form.find()) {
                    String name = companyName(line.text, form.end());
                    if (name != null && !BUYER_LABEL.matcher(line.folded).find() && !precededByBuyerLabel(lines, i)) {
                        // a company name in the letterhead (first lines) or next to its identifiers is the seller's
                        double s = SELLER_ID_LABEL.matcher(line.folded).find() || i < 3 ? 0.8 : 0.65;
                        Line named = LEGAL_FORM.matcher(Dates.fold(name)).matches() ? nameAbove(lines, i) : null;
                        if (named != null) {
                            // "NETPRESSE" / "Siège social : …" / "SARL au capital de …": the form's line starts with the
                            // form, the name is the name-like line just above
                            out.get(Field.SELLER_NAME).add(named.candidate(Field.SELLER_NAME, named.text.strip(), 0, named.text.length(), s));
                        } else {
                            out.get(Field.SELLER_NAME).add(line.candidate(Field.SELLER_NAME, name, 0, Math.min(line.text.length(), name.length()), s));
                        }
                    }
                }
            }
        }
        Parties.find(lines, out);
        // the first line of the first page that looks like a name: where letterheads put the seller
        for (int i = 0; i < Math.min(6, lines.size()); i++) {
            Line line = lines.get(i);
            String t = line.text.strip();
            if (line.line.page() == 1 && t.length() >= 3 && t.chars().filter(Character::isLetter).count() >= 3
                    && !NOT_A_NAME.matcher(line.folded).find() && !BUYER_LABEL.matcher(line.folded).find()
                    && Dates.find(t).isEmpty() && Amounts.find(t).isEmpty()) {
                out.get(Field.SELLER_NAME).add(line.candidate(Field.SELLER_NAME, t, 0, line.text.length(), 0.5 - 0.05 * i));
                break;
            }
        }
        withoutTheOtherParty(out);
    }

    /** The nearest of the two lines above (same page) that is only a name: letters, no digits, no label. */
    private static Line nameAbove(List<Line> lines, int i) {
        for (int j = i - 1; j >= Math.max(0, i - 2); j--) {
            Line up = lines.get(j);
            String t = up.text.strip();
            if (up.line.page() == lines.get(i).line.page() && t.length() >= 3 && t.length() <= 60 && !hasDigit(t) && !t.contains(":")
                    && t.chars().filter(Character::isLetter).count() >= 3 && !NOT_A_NAME.matcher(up.folded).find()) {
                return up;
            }
        }
        return null;
    }

    /**
     * A name read in the buyer's labelled block is not the seller's, wherever else it shows (a legal form, a first
     * line), and the other way round: the stronger party claim keeps the name.
     */
    private static void withoutTheOtherParty(Map<Field, List<Candidate>> out) {
        Optional<Candidate> buyer = out.get(Field.BUYER_NAME).stream().filter(c -> c.score() >= Parties.UNDER_RETURN_ADDRESS)
                .max(Comparator.comparingDouble(Candidate::score));
        Optional<Candidate> seller = out.get(Field.SELLER_NAME).stream().filter(c -> c.score() >= Parties.UNDER_RETURN_ADDRESS)
                .max(Comparator.comparingDouble(Candidate::score));
        buyer.ifPresent(b -> out.get(Field.SELLER_NAME).replaceAll(c -> c.score() < b.score() && sameName(c.value(), b.value()) ? c.plus(-0.5) : c));
        seller.ifPresent(s -> out.get(Field.BUYER_NAME).replaceAll(c -> c.score() < s.score() && sameName(c.value(), s.value()) ? c.plus(-0.5) : c));
    }

    static boolean sameName(String a, String b) {
        String x = Parties.loose(LEGAL_FORM.matcher(Dates.fold(a)).replaceAll(" "));
        String y = Parties.loose(LEGAL_FORM.matcher(Dates.fold(b)).replaceAll(" "));
        return !x.isEmpty() && !y.isEmpty() && (x.contains(y) || y.contains(x));
    }

    /** Whether a folded text holds a legal form (SARL, GmbH, Ltd…): a company's name, not a label. */
    static boolean hasLegalForm(String folded) {
        return LEGAL_FORM.matcher(folded).find();
    }

    /** Whether a folded text holds a document word (invoice, total, page, date…) or a web or mail address. */
    static boolean isDocumentWord(String folded) {
        return NOT_A_NAME.matcher(folded).find();
    }

    private static boolean precededByBuyerLabel(List<Line> lines, int i) {
        return i > 0 && BUYER_LABEL.matcher(lines.get(i - 1).folded).find();
    }

    /** "Free SAS au capital de …" gives "Free SAS"; the name is what comes before the legal form, with it. */
    private static String companyName(String text, int formEnd) {
        String head = text.substring(0, formEnd).strip();
        int cut = Math.max(Math.max(head.lastIndexOf(" - "), head.lastIndexOf('|')), Math.max(head.lastIndexOf(':'), head.lastIndexOf('•')));
        String name = (cut >= 0 ? head.substring(cut + 1) : head).strip();
        return name.chars().filter(Character::isLetter).count() >= 3 && name.length() <= 80 ? name : null;
    }

    // ---- hints, choice, conversion -----------------------------------------------------------------------------

    private static List<String> labelsOf(List<SupplierHint> hints, Field field) {
        return hints.stream().filter(h -> h.field() == field && h.label() != null && !h.label().isBlank())
                .map(h -> Dates.fold(h.label())).toList();
    }

    /** A candidate where the supplier's corrected value was last time is likelier the right one now. */
    private static void applyPositions(Map<Field, List<Candidate>> candidates, List<SupplierHint> hints) {
        for (SupplierHint h : hints) {
            if (h.box() == null) {
                continue;
            }
            candidates.get(h.field()).replaceAll(c -> c.box() != null && c.box().page() == h.box().page()
                    && Math.abs(c.box().x() - h.box().x()) < 0.05 && Math.abs(c.box().y() - h.box().y()) < 0.03 ? c.plus(0.5) : c);
        }
    }

    private static Optional<Candidate> best(Map<Field, List<Candidate>> candidates, Field field) {
        return candidates.get(field).stream().max(Comparator.comparingDouble(Candidate::score));
    }

    private static ExtractedField toField(Candidate c) {
        double confidence = Math.max(0, Math.min(1, c.score())) * (0.4 + 0.6 * c.ocrConfidence());
        return new ExtractedField(c.value(), Math.round(confidence * 100) / 100.0, c.box(), c.label());
    }

    private static boolean labelled(Line line, int start, Pattern label) {
        return label.matcher(line.context(start)).find();
    }

    /** A text line with its folded (lower case, no accents) text, same offsets. */
    static final class Line {
        final TextLine line;
        final String text;
        final String folded;

        Line(TextLine line) {
            this.line = line;
            // no-break and thin spaces are spaces to a reader; same length, so offsets stay valid
            this.text = line.text().replace('\u00A0', ' ').replace('\u202F', ' ').replace('\u2007', ' ');
            this.folded = Dates.fold(text);
        }

        /** The folded text before an offset, up to 60 characters: where a value's label is. */
        String context(int start) {
            return folded.substring(Math.max(0, start - 60), start);
        }

        Box boxOf(int start, int end) {
            return line.locate(start, end).box();
        }

        /** [start, end) of the text from {@code from} (spaces and colons skipped) to the next column gap or the end. */
        int[] cellFrom(int from) {
            int start = from;
            while (start < text.length() && (text.charAt(start) == ' ' || text.charAt(start) == ':')) {
                start++;
            }
            int offset = 0;
            Box previous = null;
            for (Word w : line.words()) {
                int wordEnd = offset + w.text().length();
                if (offset >= start && previous != null && w.box().x() - previous.right() > COLUMN_GAP) {
                    return new int[] {start, Math.max(start, offset - 1)};
                }
                if (wordEnd > start) {
                    previous = w.box();
                }
                offset = wordEnd + 1;
            }
            return new int[] {start, text.length()};
        }

        /** [start, end) of each cell of the line: runs of words without a column gap between them. */
        List<int[]> cells() {
            List<int[]> cells = new ArrayList<>();
            int offset = 0;
            int start = 0;
            Box previous = null;
            for (Word w : line.words()) {
                if (previous != null && w.box().x() - previous.right() > COLUMN_GAP) {
                    cells.add(new int[] {start, offset - 1});
                    start = offset;
                }
                previous = w.box();
                offset += w.text().length() + 1;
            }
            cells.add(new int[] {start, text.length()});
            return cells;
        }

        /** The label kept with a candidate is the last three words before it, folded: what a hint matches next time. */
        Candidate candidate(Field field, String value, int start, int end, double score) {
            TextLine.Located at = line.locate(start, end);
            String[] before = folded.substring(0, start).replaceAll("[\\s:]+$", "").split("\\s+");
            String label = String.join(" ", java.util.Arrays.copyOfRange(before, Math.max(0, before.length - 3), before.length)).strip();
            return new Candidate(field, value, at.box(), label, score, at.confidence());
        }
    }
}
