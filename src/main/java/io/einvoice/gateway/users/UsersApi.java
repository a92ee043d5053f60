package io.einvoice.gateway.users;

import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.dossier.Role;
import io.einvoice.gateway.dossier.User;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotAllowedException;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.einvoice.gateway.refusal.StateConflictException;
import io.einvoice.gateway.refusal.UpstreamFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * /api/users (the firm's ADMINs only) and POST /api/invitations/accept (the invited person, with the link's token):
 * request bodies in, {@link UserAdministration} called, its refusals turned into 400/403/404/409/502 with our sentences.
 */
public class UsersApi {

    private static final Logger LOG = LoggerFactory.getLogger(UsersApi.class);
    static final int MAX_LIMIT = 1000;
    static final int MAX_BODY = 64 * 1024;
    private static final String ROLES = "role must be one of " + String.join(", ", Arrays.stream(Role.values())
            .map(Role::name).toList());

    private final UserAdministration users;

    public UsersApi(UserAdministration users) {
        this.users = users;
    }

    record CreateBody(String email, String displayName, String role, String password, List<String> dossiers) {
    }

    record InviteBody(String email, String displayName, String role, List<String> dossiers) {
    }

    record RoleBody(String role) {
    }

    record DossiersBody(List<String> dossiers) {
    }

    record AcceptBody(String token, String password) {
    }

    public record UserView(String id, String email, String displayName, String role, String status, List<String> dossiers) {
        static UserView of(UserAdministration.Person p) {
            return new UserView(p.user().id(), p.user().email(), p.user().displayName(), p.user().role().name(),
                    p.status().name(), p.dossiers());
        }
    }

    public record EventView(String at, String type, String actor, String clientAddress, String details) {
    }

    public List<UserView> list(Caller caller, String limit, String offset) {
        User admin = admin(caller);
        return users.list(admin.firmId(), number("limit", limit, 200, 1, MAX_LIMIT),
                number("offset", offset, 0, 0, Integer.MAX_VALUE)).stream().map(UserView::of).toList();
    }

    public UserView create(Caller caller, String body, String clientAddress) {
        User admin = admin(caller);
        CreateBody request = read(body, CreateBody.class);
        if (request.password() == null) {
            throw new InvalidInputException("password is required (or invite the person: POST /api/users/invitations)");
        }
        return call(() -> UserView.of(users.create(admin.firmId(), new UserAdministration.NewPerson(request.email(),
                request.displayName(), role(request.role()), request.dossiers()), request.password(), caller.label(),
                clientAddress)));
    }

    public UserView invite(Caller caller, String body, String clientAddress) {
        User admin = admin(caller);
        InviteBody request = read(body, InviteBody.class);
        return call(() -> UserView.of(users.invite(admin.firmId(), users.firmName(admin.firmId()),
                new UserAdministration.NewPerson(request.email(), request.displayName(), role(request.role()),
                        request.dossiers()), caller.label(), clientAddress)));
    }

    public Map<String, Object> accept(String body, String clientAddress) {
        AcceptBody request = read(body, AcceptBody.class);
        if (request.token() == null || request.password() == null) {
            throw new InvalidInputException("token and password are required");
        }
        User user = call(() -> users.accept(request.token(), request.password(), clientAddress));
        return Map.of("email", user.email(), "role", user.role().name(), "active", true);
    }

    public UserView changeRole(Caller caller, String id, String body, String clientAddress) {
        User admin = admin(caller);
        RoleBody request = read(body, RoleBody.class);
        return call(() -> UserView.of(users.changeRole(admin.firmId(), id, role(request.role()), caller.label(),
                clientAddress)));
    }

    public UserView assignDossiers(Caller caller, String id, String body, String clientAddress) {
        User admin = admin(caller);
        DossiersBody request = read(body, DossiersBody.class);
        if (request.dossiers() == null) {
            throw new InvalidInputException("dossiers is required: a list of SIRENs, [] for none");
        }
        return call(() -> UserView.of(users.assignDossiers(admin.firmId(), id, request.dossiers(), caller.label(),
                clientAddress)));
    }

    public UserView deactivate(Caller caller, String id, String clientAddress) {
        User admin = admin(caller);
        return call(() -> UserView.of(users.deactivate(admin.firmId(), id, caller.label(), clientAddress)));
    }

    public UserView reactivate(Caller caller, String id, String clientAddress) {
        User admin = admin(caller);
        return call(() -> UserView.of(users.reactivate(admin.firmId(), id, caller.label(), clientAddress)));
    }

    public List<EventView> events(Caller caller, String limit) {
        User admin = admin(caller);
        return users.events(admin.firmId(), number("limit", limit, 100, 1, MAX_LIMIT)).stream()
                .map(e -> new EventView(e.at().toString(), e.type(), e.actor(), e.clientAddress(), e.details())).toList();
    }

    private static User admin(Caller caller) {
        if (caller instanceof Caller.Person person && person.user().role() == Role.ADMIN) {
            return person.user();
        }
        throw new NotAllowedException("only an ADMIN of the firm, logged in, manages its users");
    }

    private static Role role(String role) {
        if (role == null) {
            throw new InvalidInputException("role is required: " + ROLES.substring("role must be ".length()));
        }
        try {
            return Role.valueOf(role.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(ROLES);
        }
    }

    private static <T> T read(String body, Class<T> type) {
        if (body != null && body.length() > MAX_BODY) {
            throw new InvalidInputException("a users request is at most " + MAX_BODY + " characters");
        }
        return Json.read(body, type);
    }

    private static int number(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidInputException(name + " must be a whole number from " + min + " to " + max);
    }

    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        } catch (NoSuchElementException e) {
            throw new NotVisibleException(e.getMessage());
        } catch (UserAdministration.MailNotSentException e) {
            LOG.warn("invitation not sent: {}", e.getCause().toString());
            throw new UpstreamFailedException("mail_not_sent", e.getMessage() + "; nobody was invited. Check GATEWAY_SMTP_HOST,"
                    + " GATEWAY_SMTP_PORT and the mail server, then try again");
        } catch (IllegalStateException e) {
            throw new StateConflictException("conflict", e.getMessage());
        }
    }
}
