package io.einvoice.gateway.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.Firm;
import io.einvoice.gateway.dossier.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The demo firm of docs/contract.md: "Cabinet Démo", its own dossier and two client dossiers, an admin user and one
 * API key per dossier, all written to {@code GATEWAY_HOME/demo-credentials.json}. Idempotent: a second start keeps
 * the data and the credentials file; if the file was deleted, the password and keys are issued anew.
 */
public final class DemoSeeder {

    public static final String FIRM_SIREN = "443322110";
    public static final String DEMO_DOSSIER_SIREN = "123456782";
    public static final String PUBLIC_BUYER_SIREN = "987654324";
    public static final String ADMIN_EMAIL = "admin@demo.localhost";

    private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);

    private final Gateway.Services services;
    private final Path credentialsFile;

    public DemoSeeder(Gateway.Services services, Path home) {
        this.services = services;
        this.credentialsFile = home.resolve("demo-credentials.json");
    }

    public Path seed() throws IOException {
        var dossiers = services.dossiers();
        Firm firm = dossiers.findFirmBySiren(FIRM_SIREN).orElse(null);
        boolean fresh = firm == null;
        if (fresh) {
            firm = new Firm(UUID.randomUUID().toString(), "Cabinet Démo", FIRM_SIREN);
            dossiers.insertFirm(firm);
            for (Dossier d : demoDossiers(firm.id())) {
                dossiers.insert(d);
            }
        }
        // the firm's own dossier is the demo seller: a catalogue and what finalising its invoices needs
        dossiers.findBySiren(FIRM_SIREN).ifPresent(services.demoCatalogue()::seed);
        if (!fresh && Files.exists(credentialsFile)) {
            LOG.info("demo firm already seeded, credentials in {}", credentialsFile);
            createFolders();
            return credentialsFile;
        }
        String password = randomPassword();
        if (fresh) {
            services.users().create(firm.id(), ADMIN_EMAIL, "Administrateur démo", password, Role.ADMIN);
        } else {
            services.users().setPassword(ADMIN_EMAIL, password);
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (Dossier d : dossiers.findByFirm(firm.id())) {
            keys.put(d.siren(), services.apiKeys().issue(d, "demo").key());
        }
        createFolders();
        writeCredentials(password, keys);
        LOG.info("demo firm seeded: admin {} and API keys written to {}", ADMIN_EMAIL, credentialsFile);
        return credentialsFile;
    }

    /** Adds or replaces one top-level entry of demo-credentials.json (e.g. "chorus", whose port changes per start). */
    public void addToCredentials(String key, Object value) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        @SuppressWarnings("unchecked")
        Map<String, Object> content = Files.exists(credentialsFile)
                ? json.readValue(credentialsFile.toFile(), LinkedHashMap.class) : new LinkedHashMap<>();
        content.put(key, value);
        Path temp = credentialsFile.resolveSibling(credentialsFile.getFileName() + ".tmp");
        json.writeValue(temp.toFile(), content);
        Files.move(temp, credentialsFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private void createFolders() throws IOException {
        for (String siren : List.of(FIRM_SIREN, DEMO_DOSSIER_SIREN, PUBLIC_BUYER_SIREN)) {
            services.folders().createFolders(siren);
        }
    }

    private static List<Dossier> demoDossiers(String firmId) {
        return List.of(
                new Dossier(UUID.randomUUID().toString(), firmId, FIRM_SIREN, null, "Cabinet Démo", "FR21443322110", 12,
                        "ACTIVE", true),
                new Dossier(UUID.randomUUID().toString(), firmId, DEMO_DOSSIER_SIREN, null, "DEMONSTRATION",
                        "FR11123456782", 12, "ACTIVE", false),
                new Dossier(UUID.randomUUID().toString(), firmId, PUBLIC_BUYER_SIREN, "98765432400019", "Commune de Démo",
                        null, 12, "ACTIVE", false));
    }

    private void writeCredentials(String password, Map<String, String> keys) throws IOException {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("adminEmail", ADMIN_EMAIL);
        content.put("adminPassword", password);
        content.put("apiKeys", keys);
        Path temp = credentialsFile.resolveSibling(credentialsFile.getFileName() + ".tmp");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(temp.toFile(), content);
        Files.move(temp, credentialsFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
