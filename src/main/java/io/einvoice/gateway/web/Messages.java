package io.einvoice.gateway.web;

import gg.jte.support.LocalizationSupport;
import io.einvoice.gateway.refusal.Refusal;

import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The interface's words, from the one bundle {@code web/messages} (French, the base) or its English version. A key
 * missing from the English file falls back to the French text, never to the key itself.
 */
public final class Messages implements LocalizationSupport {

    static final Messages FRENCH = new Messages(Locale.FRENCH);
    static final Messages ENGLISH = new Messages(Locale.ENGLISH);

    private final Locale locale;
    private final ResourceBundle bundle;

    private Messages(Locale locale) {
        this.locale = locale;
        // no fallback to the JVM's own locale: a server set to German still answers in French
        this.bundle = ResourceBundle.getBundle("web.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** French unless the browser's first language is English. */
    static Messages forAcceptLanguage(String header) {
        if (header != null) {
            List<Locale.LanguageRange> ranges;
            try {
                ranges = Locale.LanguageRange.parse(header.length() > 200 ? header.substring(0, 200) : header);
            } catch (IllegalArgumentException e) {
                return FRENCH;
            }
            if (!ranges.isEmpty() && ranges.get(0).getRange().startsWith("en")) {
                return ENGLISH;
            }
        }
        return FRENCH;
    }

    public String language() {
        return locale.getLanguage();
    }

    @Override
    public String lookup(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException("no interface text for key " + key, e);
        }
    }

    /** The text of a key with its {0}, {1}... replaced by the parameters, as plain text (the template escapes it). */
    public String text(String key, Object... params) {
        String text = lookup(key);
        for (int i = 0; i < params.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(params[i]));
        }
        return text;
    }

    /**
     * A service's refusal in the page's language: the services speak English, so a French page shows the sentence
     * written for the refusal's reason, or for its kind when the reason has none (the English detail then follows).
     */
    public String refusal(Refusal refused) {
        if (locale.getLanguage().equals(Locale.ENGLISH.getLanguage())) {
            return refused.getMessage();
        }
        String reason = "refusal." + refused.reason();
        if (bundle.containsKey(reason)) {
            return bundle.getString(reason);
        }
        for (Class<?> kind = refused.getClass(); kind != Refusal.class; kind = kind.getSuperclass()) {
            String key = "refusal." + kind.getSimpleName();
            if (bundle.containsKey(key)) {
                return text(key, refused.getMessage());
            }
        }
        return refused.getMessage();
    }

    /** The text of a key made of a prefix and a value (a status, a layer), or the value itself when none is written. */
    public String labelOf(String prefix, String value) {
        if (value == null) {
            return "";
        }
        String key = prefix + "." + value;
        return bundle.containsKey(key) ? bundle.getString(key) : value;
    }
}
