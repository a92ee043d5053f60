package io.einvoice.gateway.system;

import io.einvoice.gateway.dispatch.chorus.ChorusCredentials;
import io.einvoice.gateway.dispatch.chorus.ChorusSettings;
import io.einvoice.gateway.dispatch.chorus.simulator.ChorusSimulator;
import io.einvoice.gateway.dispatch.chorus.simulator.DemoChorus;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The Chorus Pro the demo talks to: the built-in simulator, unless {@code GATEWAY_CHORUS_API_URL} or
 * {@code GATEWAY_CHORUS_TOKEN_URL} names another implementation of the published API; then the simulator is not
 * started and the demo seller's account is read from {@code GATEWAY_CHORUS_CLIENT_ID}, {@code _CLIENT_SECRET},
 * {@code _TECHNICAL_LOGIN}, {@code _TECHNICAL_PASSWORD} (each one not given keeps the demo value).
 */
public final class DemoChorusEndpoint implements AutoCloseable {

    static final String API_URL = "GATEWAY_CHORUS_API_URL";
    static final String TOKEN_URL = "GATEWAY_CHORUS_TOKEN_URL";
    /** Flux reports read often during a demo send, so a deposit shows its outcome within seconds. */
    static final Duration DEMO_POLL_INTERVAL = Duration.ofSeconds(2);

    private final ChorusSettings settings;
    private final ChorusCredentials credentials;
    private final ChorusSimulator simulator;
    private final Set<String> given;

    private DemoChorusEndpoint(ChorusSettings settings, ChorusCredentials credentials, ChorusSimulator simulator,
                               Set<String> given) {
        this.settings = settings.withTimeouts(settings.requestTimeout(), settings.retryInitial(), DEMO_POLL_INTERVAL);
        this.credentials = credentials;
        this.simulator = simulator;
        this.given = given;
    }

    /** Starts the simulator only when the environment names no other Chorus Pro. */
    public static DemoChorusEndpoint choose(Map<String, String> env) throws IOException {
        if (isSet(env, API_URL) || isSet(env, TOKEN_URL)) {
            ChorusCredentials demo = DemoChorus.CREDENTIALS;
            Set<String> given = new LinkedHashSet<>();
            ChorusCredentials credentials = new ChorusCredentials(
                    value(env, "GATEWAY_CHORUS_CLIENT_ID", demo.pisteClientId(), given),
                    value(env, "GATEWAY_CHORUS_CLIENT_SECRET", demo.pisteClientSecret(), given),
                    value(env, "GATEWAY_CHORUS_TECHNICAL_LOGIN", demo.technicalLogin(), given),
                    value(env, "GATEWAY_CHORUS_TECHNICAL_PASSWORD", demo.technicalPassword(), given));
            return new DemoChorusEndpoint(ChorusSettings.fromEnvironment(env), credentials, null, given);
        }
        ChorusSimulator simulator = DemoChorus.start(0);
        return new DemoChorusEndpoint(ChorusSettings.defaults(simulator.baseUrl(), simulator.tokenUrl()),
                DemoChorus.CREDENTIALS, simulator, Set.of());
    }

    public ChorusSettings settings() {
        return settings;
    }

    /** The demo seller's Chorus Pro account. */
    public ChorusCredentials credentials() {
        return credentials;
    }

    public boolean simulated() {
        return simulator != null;
    }

    /**
     * The {@code "chorus"} entry of demo-credentials.json. Secrets the user gave through the environment are named,
     * not copied: the file is for the demo's own values.
     */
    public Map<String, Object> describe() {
        if (simulator != null) {
            Map<String, Object> chorus = new LinkedHashMap<>(DemoChorus.describe(simulator));
            chorus.put("simulator", true);
            return chorus;
        }
        Map<String, Object> chorus = new LinkedHashMap<>();
        chorus.put("simulator", false);
        chorus.put("baseUrl", settings.apiUrl());
        chorus.put("tokenUrl", settings.tokenUrl());
        chorus.put("clientId", credentials.pisteClientId());
        chorus.put("clientSecret", secret("GATEWAY_CHORUS_CLIENT_SECRET", credentials.pisteClientSecret()));
        chorus.put("technicalLogin", credentials.technicalLogin());
        chorus.put("technicalPassword", secret("GATEWAY_CHORUS_TECHNICAL_PASSWORD", credentials.technicalPassword()));
        chorus.put("accountFrom", given.isEmpty() ? "the demo values" : "environment: " + String.join(", ", given));
        return chorus;
    }

    private String secret(String name, String value) {
        return given.contains(name) ? "(from " + name + ")" : value;
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
    }

    private static String value(Map<String, String> env, String name, String fallback, Set<String> given) {
        if (!isSet(env, name)) {
            return fallback;
        }
        given.add(name);
        return env.get(name).strip();
    }

    @Override
    public void close() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
