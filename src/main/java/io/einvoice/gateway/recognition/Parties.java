package io.einvoice.gateway.recognition;

import io.einvoice.gateway.recognition.FieldExtractor.Line;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seller and buyer names from the page's party blocks, read by column: a block headed by a role label ("Vendeur",
 * "Verkäufer", "Seller", "Client", "Bill to", "Käufer"…) names its party in the label's cell or in the first name-like
 * cell below it in the same column, or after a "Name:" row of the block; the return-address line of a window envelope
 * ("Acme GmbH | Street 1 | 12345 City") names the seller, and the address under it the buyer. Template-free: only
 * words and positions that any invoice layout uses.
 */
final class Parties {

    /** The label words of a seller's block; the cell must start with one, as a whole word ("Lieferantenstraße" is not one). */
    private static final Pattern SELLER_LABEL = Pattern.compile(
            "^(vendeur|fournisseur|emetteur|prestataire|seller|supplier|vendor|sold by|issued by|service provider|verkaufer|lieferant|rechnungssteller"
                    + "|rechnungsersteller|leistungserbringer|fornitore|cedente(?:/prestatore)?|prestatore|proveedor|vendedor|emisor)\\b");
    /** The holder of the account to pay into, named after its label: the seller, or whom it has paid to be paid. */
    private static final Pattern ACCOUNT_HOLDER = Pattern.compile(
            "(titulaire du compte|kontoinhaber|account holder|account name|beneficiary|beneficiaire|intestatario(?: del)? conto|titular de la cuenta)\\s*:\\s*$");
    /** The label words of a buyer's block; the cell must start with one. */
    private static final Pattern BUYER_LABEL = Pattern.compile(
            "^(client|acheteur|factur[ée]e? a|adresse de facturation|destinataire|bill(?:ed)? to|invoice to|sold to|customer|buyer"
                    + "|kaufer|rechnungsempfanger|leistungsempfanger|kunde|auftraggeber|cliente|committente|cessionario|acquirente"
                    + "|spett\\.le|destinatario|comprador|facturar a)\\b");
    /** A role label followed by these words is a reference of that party, not its block: "N° client", "Customer VAT". */
    private static final Pattern NOT_A_BLOCK = Pattern.compile(
            "(\\bn[°o](?![a-z])|\\bnr\\b|nummer|number|\\bno\\b|\\bid\\b|\\bref|code|\\bvat\\b|\\btva\\b|\\bust\\b|siren|siret|gln|mail|\\btel|phone"
                    + "|contact|order|commande|iban|konto)");
    /** A row label in a party block that announces the name itself. */
    private static final Pattern NAME_ROW = Pattern.compile(
            "^(name|nom|raison sociale|denomination|firma|company|societe|ragione sociale|denominazione|razon social|nombre)\\b");
    /** Cells of an address block that are not the party's name: a contact, a department, identifiers, references. */
    private static final Pattern NOT_A_PARTY_NAME = Pattern.compile(
            "(^(attn|z\\.?\\s?hd|nummer|gln|kunden-?n(?:umme)?r|n[°o]|ref|siren|siret|tva|vat|ust|tel|email|e-mail|@)|\\bcontact\\b|\\bdep\\b|department"
                    + "|^service\\b|ansprechpartner|www\\.|http|@"
                    // a heading addressed to a party ("Vos identifiants", "Our references") is not its name
                    + "|^(vos|nos|votre|notre|your|our|ihre|unsere)\\b)");
    /** A postcode followed by a town: "75018 PARIS", "DE 40235 Düsseldorf", "D-80333 München". */
    private static final Pattern POSTCODE_TOWN = Pattern.compile("(^|\\s)(?:[A-Z]{1,2}[- ]?)?\\d{4,5}\\s+\\p{L}{2,}");
    /** What separates the parts of a one-line return address. */
    private static final Pattern ADDRESS_SEPARATOR = Pattern.compile("\\s*(?:[|●•·]|\\s-\\s)\\s*");
    private static final double SAME_COLUMN = 0.03;
    /** A block ends at a vertical gap larger than this (share of the page height). */
    private static final double BLOCK_GAP = 0.06;

    static final double SELLER_BLOCK = 0.9;
    static final double BUYER_BLOCK = 0.85;
    static final double RETURN_ADDRESS = 0.85;
    static final double UNDER_RETURN_ADDRESS = 0.8;
    static final double ADDRESS_BLOCK = 0.6;
    static final double ACCOUNT_HOLDER_SCORE = 0.7;
    /** A seller candidate this sure names the seller's own address block. */
    private static final double SURE_SELLER = 0.7;

    private Parties() {
    }

    enum Role {
        SELLER(Field.SELLER_NAME, SELLER_BLOCK), BUYER(Field.BUYER_NAME, BUYER_BLOCK);

        final Field field;
        final double score;

        Role(Field field, double score) {
            this.field = field;
            this.score = score;
        }
    }

    /** Adds the names found in labelled blocks and under return-address lines to the seller's and buyer's candidates. */
    static void find(List<Line> lines, Map<Field, List<Candidate>> out) {
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            for (int[] cell : line.cells()) {
                String folded = line.folded.substring(cell[0], cell[1]);
                Role role = roleOf(folded);
                if (role != null) {
                    block(lines, i, cell, role).ifPresent(c -> out.get(role.field).add(c));
                }
            }
            returnAddress(lines, i, out);
            accountHolder(line, out);
        }
        addressBlock(lines, out);
    }

    /**
     * An address block without a label (a name, then up to five lines down to a postcode and town, in one column, in
     * the upper half of page 1) is the buyer's when it is not the seller's: the window envelope's address. Blocks under
     * any label (a role, a delivery address) are left to those labels. With several such blocks, the leftmost is taken,
     * less surely.
     */
    private static void addressBlock(List<Line> lines, Map<Field, List<Candidate>> out) {
        List<Candidate> sellers = out.get(Field.SELLER_NAME).stream().filter(c -> c.score() >= SURE_SELLER).toList();
        List<Candidate> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (line.line.page() != 1 || line.line.box().y() > 0.5) {
                continue;
            }
            for (int[] cell : line.cells()) {
                Box box = line.boxOf(cell[0], cell[1]);
                String name = line.text.substring(cell[0], cell[1]).strip();
                if (!isName(line, cell) || roleOf(line.folded.substring(cell[0], cell[1])) != null || above(lines, i, box)
                        || !endsWithTown(lines, i, box) || sellers.stream().anyMatch(c -> FieldExtractor.sameName(c.value(), name))) {
                    continue;
                }
                blocks.add(line.candidate(Field.BUYER_NAME, name, cell[0], cell[1], ADDRESS_BLOCK));
            }
        }
        blocks.stream().min(Comparator.comparingDouble(c -> c.box().x()))
                .ifPresent(c -> out.get(Field.BUYER_NAME).add(blocks.size() == 1 ? c : c.plus(-0.1)));
    }

    /** Whether a cell of the lines just above starts in this box's column: the box is not the top of its block. */
    private static boolean above(List<Line> lines, int i, Box box) {
        for (int j = i - 1; j >= Math.max(0, i - 3); j--) {
            Line up = lines.get(j);
            if (up.line.page() != box.page() || box.y() - up.line.box().bottom() > BLOCK_GAP / 2) {
                return false;
            }
            if (cellAt(up, box.x()) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a line below in this box's column, without a wide gap and within a block's height (the lines of another
     * column may come in between), is a postcode and town.
     */
    private static boolean endsWithTown(List<Line> lines, int i, Box box) {
        double previousBottom = box.bottom();
        for (int j = i + 1; j < Math.min(lines.size(), i + 12); j++) {
            Line below = lines.get(j);
            if (below.line.page() != box.page() || below.line.box().y() - previousBottom > BLOCK_GAP / 2
                    || below.line.box().y() - box.y() > 0.1) {
                return false;
            }
            int[] cell = cellAt(below, box.x());
            if (cell == null) {
                continue;
            }
            if (POSTCODE_TOWN.matcher(below.text.substring(cell[0], cell[1])).find()) {
                return true;
            }
            previousBottom = below.boxOf(cell[0], cell[1]).bottom();
        }
        return false;
    }

    /** The role a cell labels, or null: it starts with a role word, is short, and is not one of the party's references. */
    static Role roleOf(String foldedCell) {
        // OCR noise before a label ("(CLIENT :", "|Client") is not part of it
        String cell = foldedCell.strip().replaceFirst("^[^\\p{L}]+", "");
        String head = cell.contains(":") ? cell.substring(0, cell.indexOf(':')) : cell;
        if (head.length() > 32 || head.chars().anyMatch(Character::isDigit)) {
            return null;
        }
        Matcher seller = SELLER_LABEL.matcher(head);
        Matcher buyer = BUYER_LABEL.matcher(head);
        Matcher m = seller.find() ? seller : buyer.find() ? buyer : null;
        if (m == null || NOT_A_BLOCK.matcher(head.substring(m.end())).find() || FieldExtractor.hasLegalForm(head)) {
            return null;
        }
        return m == seller ? Role.SELLER : Role.BUYER;
    }

    private static Optional<Candidate> block(List<Line> lines, int i, int[] labelCell, Role role) {
        Line line = lines.get(i);
        String cell = line.text.substring(labelCell[0], labelCell[1]);
        int colon = cell.indexOf(':');
        if (colon >= 0) {
            int from = labelCell[0] + colon + 1;
            int[] value = trimmed(line, from, labelCell[1]);
            if (isName(line, value)) {
                return Optional.of(line.candidate(role.field, line.text.substring(value[0], value[1]), value[0], value[1], role.score));
            }
        }
        Box label = line.boxOf(labelCell[0], labelCell[1]);
        double previousBottom = label.bottom();
        for (int j = i + 1; j < Math.min(lines.size(), i + 10); j++) {
            Line below = lines.get(j);
            Box box = below.line.box();
            if (box.page() != label.page() || box.y() - previousBottom > BLOCK_GAP) {
                break;
            }
            int[] cell2 = cellAt(below, label.x());
            if (cell2 == null) {
                continue;
            }
            previousBottom = below.boxOf(cell2[0], cell2[1]).bottom();
            String folded = below.folded.substring(cell2[0], cell2[1]).strip();
            if (roleOf(folded) != null) {
                break;
            }
            if (NAME_ROW.matcher(folded).find()) {
                // "Name: MUSTER GmbH", or "Name:" with the value in the next cell
                String text = below.text.substring(cell2[0], cell2[1]);
                int c = text.indexOf(':');
                int[] value = c >= 0 && c + 1 < text.strip().length() ? trimmed(below, cell2[0] + c + 1, cell2[1]) : nextCell(below, cell2);
                if (value != null && isName(below, value)) {
                    return Optional.of(below.candidate(role.field, below.text.substring(value[0], value[1]), value[0], value[1], role.score));
                }
                // the block's name row holds no name: nothing further down is the name
                return Optional.empty();
            }
            if (folded.endsWith(":") || folded.matches("^[\\p{L} .\\-/]{1,40}:.*")) {
                // another row of the block ("Nummer: 549910", "Anschrift: …"): not the name
                continue;
            }
            if (isName(below, cell2)) {
                return Optional.of(below.candidate(role.field, below.text.substring(cell2[0], cell2[1]).strip(), cell2[0], cell2[1],
                        role.score - 0.05));
            }
        }
        return Optional.empty();
    }

    /** "Titulaire du compte : NETPRESSE": the cell after an account-holder label names the seller, less surely than a block. */
    private static void accountHolder(Line line, Map<Field, List<Candidate>> out) {
        for (int[] cell : line.cells()) {
            String folded = line.folded.substring(cell[0], cell[1]);
            int colon = folded.indexOf(':');
            while (colon >= 0) {
                if (ACCOUNT_HOLDER.matcher(folded.substring(0, colon + 1)).find()) {
                    int end = folded.indexOf(" - ", colon);
                    int[] value = trimmed(line, cell[0] + colon + 1, end < 0 ? cell[1] : cell[0] + end);
                    if (isName(line, value)) {
                        out.get(Field.SELLER_NAME).add(line.candidate(Field.SELLER_NAME, line.text.substring(value[0], value[1]), value[0], value[1],
                                ACCOUNT_HOLDER_SCORE));
                    }
                    return;
                }
                colon = folded.indexOf(':', colon + 1);
            }
        }
    }

    /**
     * "Acme GmbH | Street 1 | 12345 City": the sender's one-line address above a window envelope's recipient. Its first
     * part is the seller's name; the first name-like cell just below it, in its column, is the buyer's.
     */
    private static void returnAddress(List<Line> lines, int i, Map<Field, List<Candidate>> out) {
        Line line = lines.get(i);
        if (line.line.page() != 1 || line.line.box().y() > 0.5) {
            return;
        }
        for (int[] cell : joinedBySeparators(line)) {
            String text = line.text.substring(cell[0], cell[1]);
            String[] parts = ADDRESS_SEPARATOR.split(text.strip());
            if (parts.length < 3 || parts[0].contains(":") || Arrays.stream(parts).skip(1).noneMatch(p -> POSTCODE_TOWN.matcher(p).find())) {
                continue;
            }
            int start = cell[0] + text.indexOf(parts[0]);
            int[] name = {start, start + parts[0].length()};
            if (!isName(line, name) || roleOf(line.folded.substring(name[0], name[1])) != null) {
                continue;
            }
            out.get(Field.SELLER_NAME).add(line.candidate(Field.SELLER_NAME, parts[0], name[0], name[1], RETURN_ADDRESS));
            Box sender = line.boxOf(cell[0], cell[1]);
            double previousBottom = sender.bottom();
            for (int j = i + 1; j < Math.min(lines.size(), i + 3); j++) {
                Line below = lines.get(j);
                if (below.line.box().y() - previousBottom > BLOCK_GAP / 2) {
                    break;
                }
                int[] recipient = cellNear(below, sender.x(), 0.06);
                if (recipient != null && isName(below, recipient)) {
                    out.get(Field.BUYER_NAME).add(below.candidate(Field.BUYER_NAME, below.text.substring(recipient[0], recipient[1]).strip(),
                            recipient[0], recipient[1], UNDER_RETURN_ADDRESS));
                    break;
                }
            }
        }
    }

    /**
     * The line's cells, a cell ending or starting with a separator joined to its neighbour: OCR may drop a word of a
     * return address ("Au bon moulin SARL -   chemin de l'olive - 84340 …") and leave a column-sized gap.
     */
    private static List<int[]> joinedBySeparators(Line line) {
        List<int[]> out = new ArrayList<>();
        for (int[] cell : line.cells()) {
            if (!out.isEmpty()) {
                int[] last = out.get(out.size() - 1);
                String before = line.text.substring(last[0], last[1]).strip();
                String next = line.text.substring(cell[0], cell[1]).strip();
                if (before.matches(".*[-|●•·]$") || next.matches("^[-|●•·].*")) {
                    last[1] = cell[1];
                    continue;
                }
            }
            out.add(new int[] {cell[0], cell[1]});
        }
        return out;
    }

    /** A party name: three letters or more, no digits, not a contact, an identifier or a document word. */
    private static boolean isName(Line line, int[] cell) {
        if (cell == null || cell[1] <= cell[0]) {
            return false;
        }
        String text = line.text.substring(cell[0], cell[1]).strip();
        String folded = line.folded.substring(cell[0], cell[1]).strip();
        return text.length() >= 3 && text.length() <= 80 && text.chars().filter(Character::isLetter).count() >= 3
                && Character.isLetterOrDigit(text.codePointAt(0)) && text.chars().noneMatch(Character::isDigit)
                && !NOT_A_PARTY_NAME.matcher(folded).find() && !FieldExtractor.isDocumentWord(folded);
    }

    /** The cell of a line that starts in the column at x (within {@link #SAME_COLUMN}), or null. */
    private static int[] cellAt(Line line, double x) {
        return cellNear(line, x, SAME_COLUMN);
    }

    private static int[] cellNear(Line line, double x, double tolerance) {
        for (int[] cell : line.cells()) {
            Box b = line.boxOf(cell[0], cell[1]);
            if (Math.abs(b.x() - x) < tolerance) {
                return cell;
            }
        }
        return null;
    }

    private static int[] nextCell(Line line, int[] cell) {
        List<int[]> cells = line.cells();
        for (int k = 0; k < cells.size() - 1; k++) {
            if (cells.get(k)[0] == cell[0]) {
                return cells.get(k + 1);
            }
        }
        return null;
    }

    private static int[] trimmed(Line line, int from, int to) {
        int s = from;
        int e = to;
        while (s < e && (Character.isWhitespace(line.text.charAt(s)) || line.text.charAt(s) == ':')) {
            s++;
        }
        while (e > s && Character.isWhitespace(line.text.charAt(e - 1))) {
            e--;
        }
        return new int[] {s, e};
    }

    /** Lower case letters and digits only: "MUSTER-KUNDE GMBH" and "Muster Kunde GmbH" compare equal. */
    static String loose(String s) {
        return Dates.fold(s).replaceAll("[^a-z0-9]", "");
    }
}
