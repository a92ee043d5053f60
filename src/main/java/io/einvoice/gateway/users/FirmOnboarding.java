package io.einvoice.gateway.users;

import io.einvoice.gateway.dossier.DossierStatus;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.Firm;
import io.einvoice.gateway.dossier.Role;
import io.einvoice.gateway.dossier.SecurityEvents;
import io.einvoice.gateway.dossier.Siren;
import io.einvoice.gateway.dossier.User;
import io.einvoice.gateway.dossier.UserService;
import io.einvoice.gateway.system.Database;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.UUID;

/**
 * A firm's first steps on the gateway: the firm, its own dossier (its own books, same SIREN) and its first ADMIN, in
 * one transaction, with the events that say so. The password is hashed by {@link UserService} and never written
 * anywhere else, logs included.
 */
public class FirmOnboarding {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final DossierRepository dossiers;
    private final UserService users;
    private final SecurityEvents events;

    public FirmOnboarding(JdbcTemplate jdbc, TransactionTemplate transactions, DossierRepository dossiers,
                          UserService users, SecurityEvents events) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.dossiers = dossiers;
        this.users = users;
        this.events = events;
    }

    public static FirmOnboarding of(Database database) {
        return new FirmOnboarding(database.jdbc(), database.transactions(), new DossierRepository(database.jdbc()),
                new UserService(database.jdbc()), new SecurityEvents(database.jdbc(), Clock.systemUTC()));
    }

    public record Onboarded(Firm firm, Dossier ownDossier, User admin) {
    }

    /**
     * @param actor who asks, for the events ("cli:admin create-firm", "env:GATEWAY_ADMIN_EMAIL")
     * @throws IllegalArgumentException with the reason when a field is not acceptable
     * @throws IllegalStateException when the firm, its SIREN as a dossier, or the e-mail already exists
     */
    public Onboarded createFirm(String siren, String name, String email, String password, String actor) {
        String problem = Siren.problemWith(siren);
        problem = problem != null ? problem : PersonFields.nameProblem("name", name);
        problem = problem != null ? problem : PersonFields.emailProblem(email);
        problem = problem != null ? problem : PersonFields.passwordProblem(password);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String address = email.strip().toLowerCase();
        return transactions.execute(tx -> {
            if (dossiers.findFirmBySiren(siren).isPresent() || dossiers.findBySiren(siren).isPresent()) {
                throw new IllegalStateException("a firm or dossier with SIREN " + siren + " already exists");
            }
            if (jdbc.queryForObject("SELECT COUNT(*) FROM app_user WHERE email = ?", Integer.class, address) > 0) {
                throw new IllegalStateException("a user with e-mail " + address + " already exists");
            }
            Firm firm = new Firm(UUID.randomUUID().toString(), name.strip(), siren);
            dossiers.insertFirm(firm);
            Dossier own = new Dossier(UUID.randomUUID().toString(), firm.id(), siren, null, name.strip(), null, 12,
                    DossierStatus.ACTIVATED.name(), true);
            dossiers.insert(own);
            User admin = users.create(firm.id(), address, address, password, Role.ADMIN);
            events.record(SecurityEvents.Type.FIRM_CREATED, actor, null, firm.id(), own.id(),
                    "firm " + siren + " (" + firm.name() + ") with its own dossier");
            events.record(SecurityEvents.Type.USER_CREATED, actor, null, firm.id(), null,
                    admin.email() + " as " + Role.ADMIN);
            return new Onboarded(firm, own, admin);
        });
    }

    public boolean anyUser() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM app_user", Integer.class) > 0;
    }
}
