package io.einvoice.gateway.recognition;

import io.einvoice.gateway.invoice.Note;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The mentions French law requires on an invoice between businesses (BR-FR-05: the 40 € recovery indemnity, the
 * late-payment penalties, the early-payment discount), taken as the page words them, for the notes PMT, PMD and AAB of
 * the Factur-X written from a recognised invoice. A mention the page does not show is left out, never made up: its
 * absence stays a warning of the French rules.
 */
public final class LegalMentions {

    private static final Map<String, Pattern> MENTIONS = new LinkedHashMap<>();

    static {
        MENTIONS.put(Note.RECOVERY_INDEMNITY, Pattern.compile(
                "(?iu)indemnit[eé]s?\\s+forfaitaires?|frais\\s+de\\s+recouvrement"));
        MENTIONS.put(Note.LATE_PAYMENT_PENALTIES, Pattern.compile(
                "(?iu)p[eé]nalit[eé]s?|int[eé]r[eê]ts?\\s+(de\\s+retard|moratoires)|taux\\s+d.int[eé]r[eê]t\\s+l[eé]gal"));
        MENTIONS.put(Note.EARLY_PAYMENT_DISCOUNT, Pattern.compile("(?iu)escompte"));
    }

    /** A sentence ends at a full stop, semicolon or exclamation mark; columns beside it often share its line. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.;!])\\s+");
    private static final Pattern ENDS_A_SENTENCE = Pattern.compile("[.;!]$");
    /** A sentence wrapped over the next lines continues with a lower-case word. */
    private static final Pattern CONTINUATION = Pattern.compile("^\\p{Ll}.*");
    private static final int MAX_CONTINUATIONS = 2;
    private static final int MAX_LENGTH = 500;

    private LegalMentions() {
    }

    /** @param lines the page text in reading order */
    public static List<Note> of(List<TextLine> lines) {
        Map<String, String> found = new LinkedHashMap<>();
        for (int i = 0; i < lines.size() && found.size() < MENTIONS.size(); i++) {
            String[] sentences = SENTENCE_END.split(lines.get(i).text().strip());
            for (int s = 0; s < sentences.length; s++) {
                String sentence = sentences[s];
                // a column heading ("Escompte") is not a mention
                if (sentence.split("\\s+").length < 2) {
                    continue;
                }
                for (Map.Entry<String, Pattern> mention : MENTIONS.entrySet()) {
                    if (!found.containsKey(mention.getKey()) && mention.getValue().matcher(sentence).find()) {
                        found.put(mention.getKey(), clip(s == sentences.length - 1 ? continued(sentence, lines, i) : sentence));
                    }
                }
            }
        }
        return found.entrySet().stream().map(e -> new Note(e.getKey(), e.getValue())).toList();
    }

    private static String continued(String sentence, List<TextLine> lines, int index) {
        StringBuilder text = new StringBuilder(sentence);
        for (int next = index + 1; next <= index + MAX_CONTINUATIONS && next < lines.size(); next++) {
            if (ENDS_A_SENTENCE.matcher(text).find() || lines.get(next).page() != lines.get(index).page()) {
                break;
            }
            String following = lines.get(next).text().strip();
            if (!CONTINUATION.matcher(following).matches()) {
                break;
            }
            text.append(' ').append(SENTENCE_END.split(following)[0]);
        }
        return text.toString();
    }

    private static String clip(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
    }
}
