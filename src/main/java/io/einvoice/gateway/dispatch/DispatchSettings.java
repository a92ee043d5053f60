package io.einvoice.gateway.dispatch;

import java.time.Duration;
import java.util.Map;

/**
 * How patiently sales invoices are sent.
 *
 * @param retryInitial  wait before the second attempt after a transient failure, doubled for each further one
 *                      ({@code GATEWAY_DISPATCH_RETRY_SECONDS}, default 60)
 * @param maxAttempts   attempts in all before a failure is parked for a person ({@code GATEWAY_DISPATCH_ATTEMPTS}, 6)
 * @param chorusFollow  how often Chorus Pro statuses are read ({@code GATEWAY_CHORUS_FOLLOW_SECONDS}, 300)
 * @param mailTimeout   connect and read timeout towards an SMTP server
 */
public record DispatchSettings(Duration retryInitial, int maxAttempts, Duration chorusFollow, Duration mailTimeout) {

    public static DispatchSettings fromEnvironment(Map<String, String> env) {
        return new DispatchSettings(Duration.ofSeconds(number(env, "GATEWAY_DISPATCH_RETRY_SECONDS", 60)),
                (int) number(env, "GATEWAY_DISPATCH_ATTEMPTS", 6),
                Duration.ofSeconds(number(env, "GATEWAY_CHORUS_FOLLOW_SECONDS", 300)), Duration.ofSeconds(30));
    }

    /** When the attempt after {@code attemptsMade} failed ones is due: 1×, 2×, 4×... the initial wait. */
    public Duration backoff(int attemptsMade) {
        return retryInitial.multipliedBy(1L << Math.min(Math.max(attemptsMade - 1, 0), 20));
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed < 1) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number above 0, got '" + value + "'", e);
        }
    }
}
