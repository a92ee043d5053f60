package io.einvoice.gateway.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A refusal's sentences ("a; b; c") sorted for the form that was sent: each beside the field it names (two on one
 * field joined), the others above the form, so that what was typed stays and every problem shows where it belongs.
 */
record FormProblems(Map<String, String> byField, List<String> general) {

    /** @param fieldOf the field a sentence names, or null when it names none */
    static FormProblems of(String refusal, Function<String, String> fieldOf) {
        Map<String, String> byField = new LinkedHashMap<>();
        List<String> general = new ArrayList<>();
        for (String problem : refusal.split("; ")) {
            String field = fieldOf.apply(problem);
            if (field == null) {
                general.add(problem);
            } else {
                byField.merge(field, problem, (a, b) -> a + " ; " + b);
            }
        }
        return new FormProblems(byField, general);
    }
}
