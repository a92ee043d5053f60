package io.einvoice.gateway.system;

import io.einvoice.gateway.dispatch.pa.PaAccount;
import io.einvoice.gateway.dispatch.pa.simulator.PaSimulator;
import io.einvoice.gateway.dispatch.pa.simulator.SimulatedPa;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.lifecycle.LifecycleCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo's plateforme agréée (issue 17): the PA simulator on a free port, with an API client for Cabinet Démo (the
 * demo seller) and one for DEMONSTRATION, both dossiers' PA accounts pointed at it (again at each start: the port
 * changes, and a fresh webhook secret makes the gateway subscribe its webhooks there); the directory the PA serves has
 * the line that routes the buyer Fournitures Lumière (732829320) to a certified platform. On the first start of a home it also
 * plays the other platforms: two sales invoices of Cabinet Démo to that buyer with the same number (the second is
 * refused 213 {@code DOUBLON}), and a purchase invoice waiting at the PA for DEMONSTRATION. The simulated buyer
 * approves (205) and pays (212) the invoice it accepted, a few seconds apart.
 */
public final class DemoPa implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoPa.class);
    /** Fournitures Lumière, a company of the samples, here a customer reached through the PA. */
    public static final String PA_BUYER_SIREN = SampleInvoices.SELLER_SIREN;
    public static final String PA_BUYER_SIRET = "73282932000017";
    public static final String SALES_NUMBER = "DEMO-PA-0001";
    public static final String PURCHASE_NUMBER = "DEMO-PA-ACHAT-0001";
    static final String SELLER_CLIENT = "cabinet-demo";
    static final String BUYER_CLIENT = "demonstration";
    /** Follow-up of the demo's flows: often, so that what the PA does shows within seconds even without webhooks. */
    static final Duration FOLLOW = Duration.ofSeconds(5);
    private static final String MARKER = ".demo-pa-seeded";

    /**
     * A real PA's sandbox for the demo seller (Cabinet Démo) instead of the simulator: GATEWAY_PA_API_URL (the flow
     * API), GATEWAY_PA_TOKEN_URL (default {@code <api>/oauth/token}), GATEWAY_PA_CLIENT_ID, GATEWAY_PA_CLIENT_SECRET and
     * GATEWAY_PA_ORGANIZATION_ID (default the seller's SIREN). DEMONSTRATION's side stays on the simulator.
     */
    record Sandbox(String apiUrl, String tokenUrl, String clientId, String clientSecret, String organizationId) {

        /** @return null when GATEWAY_PA_API_URL is not set */
        static Sandbox fromEnvironment(Map<String, String> env) {
            String api = env.get("GATEWAY_PA_API_URL");
            if (api == null || api.isBlank()) {
                return null;
            }
            String url = api.strip().replaceAll("/+$", "");
            if (!url.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
                throw new IllegalArgumentException("GATEWAY_PA_API_URL must be an http(s) URL without query");
            }
            String clientId = env.getOrDefault("GATEWAY_PA_CLIENT_ID", "").strip();
            String secret = env.getOrDefault("GATEWAY_PA_CLIENT_SECRET", "").strip();
            if (clientId.isEmpty() || secret.isEmpty()) {
                throw new IllegalArgumentException("GATEWAY_PA_API_URL is set: GATEWAY_PA_CLIENT_ID and"
                        + " GATEWAY_PA_CLIENT_SECRET must be set too (the sandbox's OAuth2 client)");
            }
            String token = env.getOrDefault("GATEWAY_PA_TOKEN_URL", "").strip();
            String organization = env.getOrDefault("GATEWAY_PA_ORGANIZATION_ID", "").strip();
            return new Sandbox(url, token.isEmpty() ? url + "/oauth/token" : token, clientId, secret,
                    organization.isEmpty() ? DemoSeeder.FIRM_SIREN : organization);
        }

        @Override
        public String toString() {
            return "Sandbox[" + apiUrl + ", " + clientId + "]";
        }
    }

    private final PaSimulator simulator;
    private final String sellerSecret;
    private final String buyerSecret;
    private final Sandbox sandbox;

    private DemoPa(PaSimulator simulator, String sellerSecret, String buyerSecret, Sandbox sandbox) {
        this.simulator = simulator;
        this.sellerSecret = sellerSecret;
        this.buyerSecret = buyerSecret;
        this.sandbox = sandbox;
    }

    /** Starts the simulator; the accounts are set by {@link #seed} once the gateway's storage is open. */
    public static DemoPa start() throws IOException {
        return start(Map.of());
    }

    /** The same, the demo seller pointed at a real PA's sandbox when GATEWAY_PA_API_URL is set ({@link Sandbox}). */
    public static DemoPa start(Map<String, String> env) throws IOException {
        Sandbox sandbox = Sandbox.fromEnvironment(env);
        SimulatedPa pa = new SimulatedPa(Clock.systemUTC());
        pa.setBuyerScript(List.of(LifecycleCode.APPROUVEE, LifecycleCode.ENCAISSEE));
        String sellerSecret = random();
        String buyerSecret = random();
        // the buyer's line is in the directory the PA serves: the gateway asks for it when it first sends to that buyer
        pa.directoryLine(PA_BUYER_SIREN, PA_BUYER_SIREN, null, "WK", "Enabled");
        PaSimulator simulator = PaSimulator.start(0, pa)
                .addClient(SELLER_CLIENT, sellerSecret, Set.of(DemoSeeder.FIRM_SIREN))
                .addClient(BUYER_CLIENT, buyerSecret, Set.of(DemoSeeder.DEMO_DOSSIER_SIREN));
        return new DemoPa(simulator, sellerSecret, buyerSecret, sandbox);
    }

    public PaSimulator simulator() {
        return simulator;
    }

    /** The accounts and the directory line at each start; the flows of the other platforms on a home's first start. */
    void seed(Gateway gateway, GatewayConfig config) throws Exception {
        var dossiers = gateway.services().dossiers();
        Dossier seller = dossiers.findBySiren(DemoSeeder.FIRM_SIREN).orElseThrow();
        Dossier buyer = dossiers.findBySiren(DemoSeeder.DEMO_DOSSIER_SIREN).orElseThrow();
        gateway.transactions().executeWithoutResult(tx -> {
            gateway.paAccounts().save(account(seller), sandbox != null ? sandbox.clientSecret() : sellerSecret, random());
            gateway.paAccounts().save(account(buyer), buyerSecret, random());
        });
        Path marker = config.home().resolve(MARKER);
        if (Files.exists(marker)) {
            return;
        }
        Path sales = config.inbox().resolve(DemoSeeder.FIRM_SIREN).resolve("sales");
        Files.createDirectories(sales);
        Demo.writeOnce(sales, "vente-pa.pdf", SampleInvoices.chorusFacturXPdf(SALES_NUMBER,
                SampleInvoices.PublicBuyer.plain(PA_BUYER_SIRET), DemoSeeder.FIRM_AS_SELLER));
        // the same number again, other bytes (no IBAN): the PA refuses it as a duplicate, not as the same file
        Demo.writeOnce(sales, "vente-pa-doublon.pdf", SampleInvoices.chorusFacturXPdf(SALES_NUMBER,
                new SampleInvoices.PublicBuyer(PA_BUYER_SIRET, "A1", null, null, false), DemoSeeder.FIRM_AS_SELLER));
        simulator.pa().deliver(DemoSeeder.DEMO_DOSSIER_SIREN, "SupplierInvoice", PURCHASE_NUMBER + ".pdf", "Factur-X",
                SampleInvoices.facturXPdf(PURCHASE_NUMBER));
        Files.writeString(marker, "PA flows of the demo played once\n");
        LOG.info("demo: two sales invoices {} for the buyer {} (reached through the PA) dropped into {}; purchase invoice {}"
                + " waiting at the PA for DEMONSTRATION", SALES_NUMBER, PA_BUYER_SIREN, sales, PURCHASE_NUMBER);
    }

    PaAccount account(Dossier dossier) {
        if (sandbox != null && dossier.siren().equals(DemoSeeder.FIRM_SIREN)) {
            return new PaAccount(dossier.id(), sandbox.apiUrl(), sandbox.tokenUrl(), sandbox.clientId(),
                    sandbox.organizationId(), false, List.of(), null, null, null);
        }
        return new PaAccount(dossier.id(), simulator.baseUrl(), simulator.tokenUrl(),
                dossier.siren().equals(DemoSeeder.FIRM_SIREN) ? SELLER_CLIENT : BUYER_CLIENT, dossier.siren(), false,
                List.of(), null, null, null);
    }

    /** The {@code "pa"} entry of demo-credentials.json. */
    Map<String, Object> describe() {
        Map<String, Object> pa = new LinkedHashMap<>();
        pa.put("simulator", true);
        if (sandbox != null) {
            pa.put("sellerSandbox", sandbox.apiUrl());
        }
        pa.put("baseUrl", simulator.baseUrl());
        pa.put("tokenUrl", simulator.tokenUrl());
        pa.put("clients", Map.of(DemoSeeder.FIRM_SIREN, Map.of("clientId", SELLER_CLIENT, "clientSecret", sellerSecret),
                DemoSeeder.DEMO_DOSSIER_SIREN, Map.of("clientId", BUYER_CLIENT, "clientSecret", buyerSecret)));
        return pa;
    }

    private static String random() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        simulator.close();
    }
}
