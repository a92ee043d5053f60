package io.einvoice.gateway.facturx;

import java.util.Map;

/**
 * How many bytes one compressed stream of a received file may unpack to (GATEWAY_MAX_INFLATED_BYTES, default 128 MiB:
 * a 600 dpi A4 page in RGB fits). A few hundred kB of Flate data can claim a gigabyte; past this limit the file is
 * quarantined instead of being unpacked.
 */
public record InflationLimit(long maxBytes) {

    public static final String VARIABLE = "GATEWAY_MAX_INFLATED_BYTES";
    public static final InflationLimit DEFAULT = new InflationLimit(128L * 1024 * 1024);
    private static final InflationLimit CONFIGURED = fromEnvironment(System.getenv());

    public InflationLimit {
        if (maxBytes < 1) {
            throw new IllegalArgumentException(VARIABLE + " must be at least 1 byte, got " + maxBytes);
        }
    }

    public static InflationLimit fromEnvironment(Map<String, String> env) {
        String value = env.get(VARIABLE);
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        try {
            return new InflationLimit(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(VARIABLE + " must be a whole number of bytes", e);
        }
    }

    /** The limit this process was started with. */
    public static InflationLimit configured() {
        return CONFIGURED;
    }
}
