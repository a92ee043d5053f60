package io.einvoice.gateway.system;

import io.einvoice.gateway.dossier.DossierStatus;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.einvoice.gateway.dispatch.chorus.ChorusCredentials;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.Firm;
import io.einvoice.gateway.dossier.Role;
import io.einvoice.gateway.facturx.SampleInvoices;
import io.einvoice.gateway.party.Party;
import io.einvoice.gateway.party.PartyInput;
import io.einvoice.gateway.party.PartyRole;
import io.einvoice.gateway.sales.DemoCatalogue;
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
    /** Cabinet Démo as the issuer of its demo sales invoices: a dossier sends only invoices in its own name. */
    public static final SampleInvoices.Seller FIRM_AS_SELLER = new SampleInvoices.Seller("Cabinet Démo", FIRM_SIREN,
            "44332211000018", "factures@cabinet-demo.localhost");
    public static final String DEMO_DOSSIER_SIREN = "123456782";
    public static final String PUBLIC_BUYER_SIREN = "987654324";
    public static final String ADMIN_EMAIL = "admin@demo.localhost";
    /** The demo's private customer: not on the platform, not public, reached by mail on the demo mail server. */
    public static final String PRIVATE_CUSTOMER_SIREN = "404833048";
    public static final String PRIVATE_CUSTOMER_EMAIL = "compta.boulangerie@demo.localhost";

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
        dossiers.findBySiren(FIRM_SIREN).ifPresent(new DemoCatalogue(services.catalogue(), services.salesSettings())::seed);
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

    /**
     * The customers of the demo seller (Cabinet Démo), one per way out: Commune de Démo (public entity: Chorus Pro),
     * DEMONSTRATION (a dossier of the platform) and a private customer with an e-mail address on the demo mail
     * domain; and the seller's Chorus Pro account on the simulator. Idempotent.
     */
    public void seedSales(ChorusCredentials chorus) {
        Dossier seller = services.dossiers().findBySiren(FIRM_SIREN).orElseThrow();
        var parties = services.partyService();
        if (services.parties().findBy(seller.id(), PartyRole.CUSTOMER, "siren", PUBLIC_BUYER_SIREN).isEmpty()) {
            parties.create(seller.id(), PartyRole.CUSTOMER, customer("Commune de Démo", PUBLIC_BUYER_SIREN,
                    "98765432400019", true));
        }
        if (services.parties().findBy(seller.id(), PartyRole.CUSTOMER, "siren", DEMO_DOSSIER_SIREN).isEmpty()) {
            parties.create(seller.id(), PartyRole.CUSTOMER, customer("DEMONSTRATION", DEMO_DOSSIER_SIREN, null, false));
        }
        if (services.parties().findBy(seller.id(), PartyRole.CUSTOMER, "siren", PRIVATE_CUSTOMER_SIREN).isEmpty()) {
            Party created = parties.create(seller.id(), PartyRole.CUSTOMER, customer("Boulangerie Martin",
                    PRIVATE_CUSTOMER_SIREN, null, false));
            // the party form refuses local mail domains (rightly, for real customers); the demo's is one
            services.parties().update(withEmail(created, PRIVATE_CUSTOMER_EMAIL));
        }
        services.chorusAccounts().save(seller.id(), chorus);
    }

    private static PartyInput customer(String name, String siren, String siret, boolean publicEntity) {
        return new PartyInput("COMPANY", null, name, siren, siret, null, null, null, null, null, null, null, "FR", null,
                null, null, null, null, null, null, publicEntity);
    }

    private static Party withEmail(Party p, String email) {
        return new Party(p.id(), p.dossierId(), p.role(), p.number(), p.kind(), p.companyName(), p.siren(), p.siret(),
                p.vatNumber(), p.civility(), p.firstName(), p.lastName(), p.address(), p.postcode(), p.city(), p.country(),
                email, p.iban(), p.trusted(), p.blacklisted(), p.active(), p.createdFromInvoice(), p.parentId(),
                p.billWithParent(), p.publicEntity());
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
                        DossierStatus.ACTIVATED.name(), true),
                new Dossier(UUID.randomUUID().toString(), firmId, DEMO_DOSSIER_SIREN, null, "DEMONSTRATION",
                        "FR11123456782", 12, DossierStatus.ACTIVATED.name(), false),
                new Dossier(UUID.randomUUID().toString(), firmId, PUBLIC_BUYER_SIREN, "98765432400019", "Commune de Démo",
                        null, 12, DossierStatus.ACTIVATED.name(), false));
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
