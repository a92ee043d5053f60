package io.einvoice.gateway.dossier;

import java.util.List;
import java.util.Optional;

/** Turns a bearer token into a caller and answers, for every read, whether that caller may see a dossier. */
public class AccessService {

    private final ApiKeyService apiKeys;
    private final UserService users;
    private final DossierRepository dossiers;

    public AccessService(ApiKeyService apiKeys, UserService users, DossierRepository dossiers) {
        this.apiKeys = apiKeys;
        this.users = users;
        this.dossiers = dossiers;
    }

    public Optional<Caller> authenticate(String authorizationHeader) {
        Optional<String> token = bearerToken(authorizationHeader);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Optional<Caller> key = apiKeys.resolve(token.get()).map(Caller.class::cast);
        return key.isPresent() ? key : users.resolve(token.get()).map(Caller.class::cast);
    }

    /** The token of an {@code Authorization: Bearer <token>} header. */
    public static Optional<String> bearerToken(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(authorizationHeader.substring(7).trim());
    }

    /** The dossier with that SIREN if the caller may see it; a dossier the caller may not see does not exist for them. */
    public Optional<Dossier> visibleDossier(Caller caller, String siren) {
        return dossiers.findBySiren(siren).filter(caller::canSee);
    }

    public Optional<Dossier> visibleDossierById(Caller caller, String dossierId) {
        return dossiers.findById(dossierId).filter(caller::canSee);
    }

    public List<Dossier> visibleDossiers(Caller caller) {
        if (caller instanceof Caller.DossierKey key) {
            return List.of(key.dossier());
        }
        Caller.Person person = (Caller.Person) caller;
        return dossiers.findByFirm(person.user().firmId()).stream().filter(person::canSee).toList();
    }
}
