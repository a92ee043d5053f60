package io.einvoice.gateway.recognition;

import io.einvoice.gateway.invoice.Decimals;
import io.einvoice.gateway.invoice.InputLimitException;
import io.einvoice.gateway.invoice.VatArithmetic;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Template-free reading of an invoice's item table from positioned text (text layer or OCR alike): a header row naming
 * description, quantity, unit price and amount columns (French, English, German labels), then the rows under it, each
 * word going to the nearest header label. The lines are kept only when they are provable: every quantity × unit price
 * (÷ the price's base quantity when the header states one) is the line amount to the cent, the amounts add up to the
 * total excl. VAT exactly (no document-level allowance or charge is read), and per VAT rate to the VAT breakdown.
 * Anything else gives no lines: a wrong EN 16931 invoice is worse than a BASIC WL one.
 */
final class LineItems {

    enum Column { DESCRIPTION, QUANTITY, PRICE, AMOUNT, VAT, OTHER }

    /** Alternatives in order of precedence; a gross column, a VAT amount or a unit of measure is OTHER. */
    private static final Pattern LABEL = Pattern.compile(
            "(?<OTHER>(?:montant|total|prix|p\\.\\s?u\\.?)\\s*ttc|\\bttc\\b|brutto|\\bgross\\b|incl\\.?\\s*(?:vat|tax)|montant\\s+(?:de\\s+la\\s+)?tva"
                    + "|(?:vat|tax)\\s+amount|(?:mwst|ust)\\.?-?\\s?betrag|steuerbetrag|remise|rabatt|discount|\\bunite\\b|\\bunit\\b(?!\\s*(?:price|cost))"
                    + "|\\beinheit\\b|\\bref(?:erence)?\\b\\.?|\\bcode(?:\\s+article)?\\b|pour\\s+p\\.\\s?u\\.?|\\bcharge\\b|\\bpos\\b\\.?|\\bdate\\b|\\bdatum\\b)"
                    + "|(?<AMOUNT>montant(?:\\s+ht)?|total\\s+ht|prix\\s+total|total\\s+net|net\\s+amount|line\\s+total|\\bamount\\b|\\bbetrag\\b"
                    + "|\\w*betrag\\b|entgelt|gesamt\\w*|\\btotal\\b|\\bsumme\\b|\\bnetto\\b)"
                    + "|(?<PRICE>prix\\s+unit\\w*\\.?(?:\\s+ht)?|\\bp\\.\\s?u\\.?(?:\\s+ht)?(?![a-z])|\\bpu\\b(?:\\s+ht)?|unit\\s*(?:price|cost)|price\\s*per\\s*unit"
                    + "|\\w*preis\\b|e-preis|preis\\s*/\\s*einheit|\\btarif\\b|\\bprix(?:\\s+ht)?\\b|\\bprice\\b)"
                    + "|(?<QUANTITY>\\bqte\\b\\.?|\\bqt\\b\\.?|quantite|\\bqty\\b\\.?|quantity|\\bmenge\\b|\\banzahl\\b|\\bnb\\b|\\bquant\\w*)"
                    + "|(?<VAT>\\btva\\b|\\bvat\\b|\\bust\\b|\\bmwst\\b|\\btax\\b|\\btaux\\b|\\biva\\b|\\bsteuer\\w*)"
                    + "|(?<DESCRIPTION>designation|description|libelle|bezeichnung|artikel\\w*|\\barticle\\b|produit|\\bproduct\\b|prestation"
                    + "|leistung\\w*|\\bitem\\b|beschreibung|intitule|produkt\\w*)");
    /** "Prix pour 100", "price per 1000", "Preis je 100": a price per base quantity (BT-149). */
    private static final Pattern PRICE_BASE = Pattern.compile("(?:pour|per|je|pro|/)\\s*(10|100|1000)\\b");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:[ .,'’]\\d+)*");
    private static final Pattern PERCENT = Pattern.compile("(?<![\\d,.])(\\d{1,2}(?:[.,]\\d{1,2})?)\\s?%");
    private static final Pattern RATE = Pattern.compile("^(\\d{1,2}(?:[.,]\\d{1,2})?)$");
    /** The table has ended when a row starts like the totals under it. */
    private static final Pattern END = Pattern.compile(
            "^\\s*(total|sous-total|sous total|montant|net a payer|summe|zwischensumme|gesamt|subtotal|sub-total|base|tva|vat|mwst|ust|amount due|report)");
    /** A line that is not a row but names a total ("Nettobetrag: 496,00") is below the table. */
    private static final Pattern TOTALS = Pattern.compile(
            "\\b(total|sous-total|net a payer|summe|zwischensumme|nettobetrag|gesamtbetrag|rechnungsbetrag|subtotal|amount due)\\b");
    /** A gap larger than this (share of the page height) between two rows ends the table. */
    private static final double MAX_ROW_GAP = 0.08;
    private static final int MAX_CONTINUATION_LINES = 8;
    /** The lines of a header over several text lines lie within this height (share of the page) of its first one. */
    private static final double HEADER_BLOCK = 0.018;
    /** A price cell naming a gross price or a discount ("(Brut: 65,00)", "(Rabais: 5,00)") is not the net price. */
    private static final Pattern NET_NOTE = Pattern.compile("\\(?\\bnet\\b\\)?\\s*:\\s*(\\d[\\d .,]*\\d)");
    private static final Pattern NOT_NET = Pattern.compile("(brut|gross|rabais|remise|rabatt|discount)");

    private LineItems() {
    }

    private record Label(Column column, Box box, String text) {
    }

    /**
     * The provable lines of the item tables, or none; {@code exclVat}, {@code vatTotal} and {@code vat} are what was
     * extracted, and a row without a rate takes the invoice's single rate.
     */
    static List<ExtractedLine> read(List<FieldExtractor.Line> lines, BigDecimal exclVat, BigDecimal vatTotal, List<VatBreakdown> vat) {
        if (exclVat == null) {
            return List.of();
        }
        List<io.einvoice.gateway.invoice.VatBreakdown> rows = FacturXInvoice.breakdown(vat, exclVat, vatTotal);
        BigDecimal singleRate = rows.size() == 1 ? rows.get(0).rate() : null;
        List<ExtractedLine> found = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            List<Label> header = header(lines.get(i));
            int last = i;
            if (header.isEmpty()) {
                // a header over several text lines: labels of the lines without digits just below, read together
                List<FieldExtractor.Line> block = new ArrayList<>();
                for (int k = i; k < lines.size() && !FieldExtractor.hasDigit(lines.get(k).text) && lines.get(k).line.page() == lines.get(i).line.page()
                        && lines.get(k).line.box().y() - lines.get(i).line.box().y() <= HEADER_BLOCK; k++) {
                    block.add(lines.get(k));
                }
                header = block.size() > 1 ? header(block) : List.of();
                last = i + block.size() - 1;
            }
            if (header.isEmpty()) {
                i++;
                continue;
            }
            Optional<Integer> end = rows(lines, last, header, singleRate, found);
            if (end.isEmpty()) {
                return List.of();
            }
            i = end.get();
        }
        return provable(found, exclVat, vatRows(found, vat, exclVat, vatTotal)) ? found : List.of();
    }

    /** The header's labels when the line names at least description, quantity, unit price and amount, and holds no amount. */
    private static List<Label> header(FieldExtractor.Line line) {
        return header(List.of(line));
    }

    private static List<Label> header(List<FieldExtractor.Line> block) {
        List<Label> labels = new ArrayList<>();
        Map<Column, Integer> count = new HashMap<>();
        for (FieldExtractor.Line line : block) {
            if (!Amounts.find(line.text).isEmpty()) {
                return List.of();
            }
            Matcher m = LABEL.matcher(line.folded);
            while (m.find()) {
                for (Column c : Column.values()) {
                    if (m.group(c.name()) != null) {
                        labels.add(new Label(c, line.boxOf(m.start(), m.end()), m.group()));
                        count.merge(c, 1, Integer::sum);
                    }
                }
            }
        }
        for (Column c : List.of(Column.DESCRIPTION, Column.QUANTITY, Column.PRICE, Column.AMOUNT)) {
            if (count.getOrDefault(c, 0) != 1) {
                return List.of();
            }
        }
        return count.getOrDefault(Column.VAT, 0) > 1 ? List.of() : labels;
    }

    /**
     * Reads the rows under the header at {@code at} into {@code out}; empty when a row is not provable (the whole read
     * then fails), else the index of the first line after the table.
     */
    private static Optional<Integer> rows(List<FieldExtractor.Line> lines, int at, List<Label> header, BigDecimal singleRate,
                                          List<ExtractedLine> out) {
        Matcher base = PRICE_BASE.matcher(lines.get(at).folded);
        BigDecimal priceBase = base.find() ? new BigDecimal(base.group(1)) : BigDecimal.ONE;
        double previousY = lines.get(at).line.box().bottom();
        int page = lines.get(at).line.page();
        int continuation = 0;
        int rowsHere = 0;
        boolean named = true;
        int j = at + 1;
        for (; j < lines.size(); j++) {
            FieldExtractor.Line line = lines.get(j);
            Box box = line.line.box();
            if (line.line.page() != page || box.y() - previousY > MAX_ROW_GAP || !header(line).isEmpty()) {
                break;
            }
            Map<Column, StringBuilder> cells = cells(line, header);
            boolean quantityOrAmount = FieldExtractor.hasDigit(cellText(cells, Column.QUANTITY)) || FieldExtractor.hasDigit(cellText(cells, Column.AMOUNT));
            if (!quantityOrAmount && FieldExtractor.hasDigit(cellText(cells, Column.PRICE))) {
                // a price note of a row ("(Brut: 40,00)", "(Net): 40,00"), read with the row
                previousY = box.bottom();
                continue;
            }
            if (!quantityOrAmount && rowsHere == 0 && continuation++ < MAX_CONTINUATION_LINES) {
                // the header's last words, or a first row's notes above its numbers ("# ligne BC: 1", a period)
                previousY = box.bottom();
                continue;
            }
            if (!quantityOrAmount) {
                // a description running on below its row, then article numbers and notes that are not its name
                if (rowsHere == 0 || continuation >= MAX_CONTINUATION_LINES || END.matcher(line.folded).find()) {
                    break;
                }
                String more = cells.getOrDefault(Column.DESCRIPTION, new StringBuilder()).toString().strip();
                named = named && !more.isEmpty() && !FieldExtractor.hasDigit(more) && !more.contains(":") && cells.size() == 1;
                if (named) {
                    ExtractedLine last = out.remove(out.size() - 1);
                    out.add(new ExtractedLine(last.name() + " " + more, last.quantity(), last.netPrice(), last.priceBase(),
                            last.netAmount(), last.vatRate(), last.box()));
                }
                continuation++;
                previousY = box.bottom();
                continue;
            }
            if (END.matcher(line.folded).find() && !cells.containsKey(Column.QUANTITY)) {
                break;
            }
            Optional<ExtractedLine> row = row(cells, netPrice(lines, j, header, cells), priceBase, singleRate, box);
            if (row.isEmpty() && TOTALS.matcher(line.folded).find()) {
                break;
            }
            if (row.isEmpty()) {
                return Optional.empty();
            }
            out.add(row.get());
            rowsHere++;
            continuation = 0;
            named = true;
            previousY = box.bottom();
        }
        return Optional.of(j);
    }

    /**
     * The row's net unit price: its price cell, or when that names a gross price or a discount (or is empty), the
     * "(Net): 40,00" price note of one of the two lines below it.
     */
    private static String netPrice(List<FieldExtractor.Line> lines, int j, List<Label> header, Map<Column, StringBuilder> cells) {
        String own = cellText(cells, Column.PRICE);
        if (FieldExtractor.hasDigit(own) && !NOT_NET.matcher(Dates.fold(own)).find()) {
            return own;
        }
        for (int k = j + 1; k <= j + 2 && k < lines.size(); k++) {
            Matcher note = NET_NOTE.matcher(lines.get(k).folded);
            if (note.find() && !FieldExtractor.hasDigit(cellText(cells(lines.get(k), header), Column.AMOUNT))) {
                return note.group(1);
            }
        }
        return "";
    }

    /** The words of a line, by the header label nearest to each (horizontally; overlap counts as 0). */
    private static Map<Column, StringBuilder> cells(FieldExtractor.Line line, List<Label> header) {
        Map<Column, StringBuilder> cells = new HashMap<>();
        for (Word w : line.line.words()) {
            Label nearest = null;
            double best = Double.MAX_VALUE;
            for (Label l : header) {
                double gap = Math.max(0, Math.max(l.box().x() - w.box().right(), w.box().x() - l.box().right()));
                double centres = Math.abs((l.box().x() + l.box().right()) / 2 - (w.box().x() + w.box().right()) / 2);
                double d = gap * 10 + centres * 0.001;
                if (d < best) {
                    best = d;
                    nearest = l;
                }
            }
            String text = w.text().replace('\u00A0', ' ').replace('\u202F', ' ');
            if (nearest != null && !text.isBlank()) {
                cells.computeIfAbsent(nearest.column(), c -> new StringBuilder()).append(text).append(' ');
            }
        }
        return cells;
    }

    /** A row whose quantity × price (÷ base) is its amount to the cent, with one reading of the numbers; else empty. */
    private static Optional<ExtractedLine> row(Map<Column, StringBuilder> cells, String price, BigDecimal priceBase, BigDecimal singleRate,
                                               Box box) {
        String name = cells.getOrDefault(Column.DESCRIPTION, new StringBuilder()).toString().strip();
        List<Amounts.Found> amounts = Amounts.find(cellText(cells, Column.AMOUNT));
        if (name.isEmpty() || amounts.size() != 1 || !cells.containsKey(Column.QUANTITY) || price.isBlank()) {
            return Optional.empty();
        }
        BigDecimal amount = amounts.get(0).value();
        BigDecimal rate = singleRate;
        if (cells.containsKey(Column.VAT)) {
            String cell = cellText(cells, Column.VAT).strip();
            Matcher r = PERCENT.matcher(cell);
            if (r.find() || (r = RATE.matcher(cell)).find()) {
                rate = Decimals.parseWritten("VAT rate", r.group(1), 2);
            }
        }
        if (rate == null || rate.compareTo(new BigDecimal("30")) > 0) {
            return Optional.empty();
        }
        List<BigDecimal> quantities = readings(cellText(cells, Column.QUANTITY));
        List<BigDecimal> prices = readings(price);
        for (BigDecimal q : quantities) {
            for (BigDecimal p : prices) {
                if (VatArithmetic.lineNet(q, p, priceBase).compareTo(amount) == 0) {
                    return Optional.of(new ExtractedLine(name, q, p, priceBase, amount, rate, box));
                }
            }
        }
        return Optional.empty();
    }

    private static String cellText(Map<Column, StringBuilder> cells, Column c) {
        return cells.getOrDefault(c, new StringBuilder()).toString().replaceAll("[€$£]|\\bEUR\\b", " ");
    }

    /**
     * The values a written number may mean: the only number of a cell, its separators read the usual ways ("1.000" is
     * one thousand or one; "2,5" two and a half). None when the cell holds no number or several.
     */
    static List<BigDecimal> readings(String cell) {
        Matcher m = NUMBER.matcher(cell);
        if (!m.find()) {
            return List.of();
        }
        String written = m.group().replaceAll("[ '’]", "");
        if (m.find()) {
            return List.of();
        }
        boolean negative = written.startsWith("-");
        String s = negative ? written.substring(1) : written;
        List<String> plain = new ArrayList<>();
        int lastDot = s.lastIndexOf('.');
        int lastComma = s.lastIndexOf(',');
        if (lastDot >= 0 && lastComma >= 0) {
            int decimal = Math.max(lastDot, lastComma);
            plain.add(s.substring(0, decimal).replaceAll("[.,]", "") + "." + s.substring(decimal + 1));
        } else if (lastDot >= 0 || lastComma >= 0) {
            char sep = lastDot >= 0 ? '.' : ',';
            String[] parts = s.split(Pattern.quote(String.valueOf(sep)));
            boolean grouping = parts.length > 1 && java.util.Arrays.stream(parts).skip(1).allMatch(p -> p.length() == 3)
                    && parts[0].length() <= 3;
            if (parts.length == 2) {
                plain.add(parts[0] + "." + parts[1]);
            }
            if (grouping) {
                plain.add(String.join("", parts));
            }
        } else {
            plain.add(s);
        }
        List<BigDecimal> values = new ArrayList<>();
        for (String p : plain) {
            try {
                BigDecimal v = Decimals.parse("line value", p);
                values.add(negative ? v.negate() : v);
            } catch (InputLimitException e) {
                // more digits than an invoice line holds, or not digits at all: not a reading
            }
        }
        return values;
    }

    /**
     * The VAT rows of an invoice with these lines: from the rates read (completed from the totals) when the page shows
     * them, else computed from the lines, rate by rate, when their tax adds up to the VAT total read to the cent (else none).
     */
    static List<io.einvoice.gateway.invoice.VatBreakdown> vatRows(List<ExtractedLine> lines, List<VatBreakdown> read,
                                                                   BigDecimal exclVat, BigDecimal vatTotal) {
        if (!read.isEmpty() || lines.isEmpty() || vatTotal == null || lines.stream().anyMatch(l -> l.vatRate() == null)) {
            return FacturXInvoice.breakdown(read, exclVat, vatTotal);
        }
        List<io.einvoice.gateway.invoice.VatBreakdown> computed = VatArithmetic.breakdown(ExtractedInvoiceMapper.lines(lines),
                List.of(), Map.of());
        BigDecimal tax = computed.stream().map(io.einvoice.gateway.invoice.VatBreakdown::taxAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return tax.compareTo(vatTotal) == 0 ? computed : List.of();
    }

    /**
     * Whether lines can go into an EN 16931 invoice as they are: at least one, each quantity × price (÷ base) its amount,
     * the amounts summing to the total excl. VAT exactly, and per rate to the taxable amount of that rate's VAT row.
     */
    static boolean provable(List<ExtractedLine> lines, BigDecimal exclVat, List<io.einvoice.gateway.invoice.VatBreakdown> rows) {
        if (lines.isEmpty() || exclVat == null || rows.isEmpty()) {
            return false;
        }
        BigDecimal sum = BigDecimal.ZERO;
        Map<BigDecimal, BigDecimal> byRate = new HashMap<>();
        for (ExtractedLine l : lines) {
            if (l.name() == null || l.name().isBlank() || l.quantity() == null || l.netPrice() == null || l.netAmount() == null
                    || l.vatRate() == null || VatArithmetic.lineNet(l.quantity(), l.netPrice(), l.priceBase()).compareTo(l.netAmount()) != 0) {
                return false;
            }
            sum = sum.add(l.netAmount());
            byRate.merge(rate(l.vatRate()), l.netAmount(), BigDecimal::add);
        }
        if (sum.compareTo(exclVat) != 0 || byRate.size() != rows.size()) {
            return false;
        }
        for (var row : rows) {
            BigDecimal lineSum = byRate.get(rate(row.rate()));
            if (lineSum == null || row.taxableAmount() == null || lineSum.compareTo(row.taxableAmount()) != 0) {
                return false;
            }
        }
        return true;
    }

    private static BigDecimal rate(BigDecimal rate) {
        BigDecimal r = rate.stripTrailingZeros();
        return r.scale() < 0 ? r.setScale(0) : r;
    }
}
