package io.einvoice.gateway.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subject and body of invoice mails: plain text with placeholders such as {@code {number}}, filled from the
 * invoice. Only the names in {@link #PLACEHOLDERS} exist, so a typo is refused when the settings are saved rather than
 * mailed to a customer.
 */
public final class MessageTemplate {

    public static final Set<String> PLACEHOLDERS = Set.of("number", "seller", "buyer", "total", "currency", "issueDate",
            "dueDate");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private MessageTemplate() {
    }

    /** Fills every known placeholder; a value that is unknown for this invoice becomes an empty string. */
    public static String render(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = PLACEHOLDERS.contains(name) ? values.getOrDefault(name, "") : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The placeholders of {@code template} that do not exist, in order of appearance. */
    public static List<String> unknownPlaceholders(String template) {
        List<String> unknown = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                unknown.add(m.group());
            }
        }
        return unknown;
    }
}
