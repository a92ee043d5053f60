package io.einvoice.gateway.dossier;

import java.util.UUID;

/** Creating dossiers: who may, and what a valid one looks like. */
public class DossierService {

    private final DossierRepository dossiers;

    public DossierService(DossierRepository dossiers) {
        this.dossiers = dossiers;
    }

    /**
     * @throws IllegalArgumentException with a sentence for the person when the request is not acceptable
     * @throws SecurityException when the caller may not create dossiers (API keys, plain users, clients)
     */
    public Dossier create(Caller caller, NewDossier request) {
        if (!(caller instanceof Caller.Person person)
                || (person.user().role() != Role.ADMIN && person.user().role() != Role.ADMIN_EXCEPT_FIRM)) {
            throw new SecurityException("only a firm administrator can create dossiers");
        }
        String problem = Siren.problemWith(request.siren());
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (request.siret() != null && !(Siren.isValidSiret(request.siret()) && request.siret().startsWith(request.siren()))) {
            throw new IllegalArgumentException("siret must be 14 digits starting with the SIREN and pass its check digit");
        }
        if (request.name() == null || request.name().isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        int closingMonth = request.closingMonth() == null ? 12 : request.closingMonth();
        if (closingMonth < 1 || closingMonth > 12) {
            throw new IllegalArgumentException("closingMonth must be between 1 and 12");
        }
        if (dossiers.findBySiren(request.siren()).isPresent()) {
            throw new IllegalStateException("a dossier with SIREN " + request.siren() + " already exists");
        }
        DossierStatus status;
        try {
            // created ACTIVATED unless asked otherwise: what POST /api/dossiers always did, scripts rely on it
            status = request.status() == null ? DossierStatus.ACTIVATED : DossierStatus.valueOf(request.status().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status must be one of DRAFT, CREATED, ACTIVATED (default ACTIVATED)");
        }
        if (status == DossierStatus.DEACTIVATED) {
            throw new IllegalArgumentException("a dossier is not created DEACTIVATED: status must be DRAFT, CREATED or ACTIVATED");
        }
        Dossier dossier = new Dossier(UUID.randomUUID().toString(), person.user().firmId(), request.siren(), request.siret(),
                request.name().trim(), request.vatNumber(), closingMonth, status.name(), false);
        dossiers.insert(dossier);
        return dossier;
    }

    /** {@code status}: DRAFT, CREATED or ACTIVATED (null: ACTIVATED). */
    public record NewDossier(String siren, String siret, String name, String vatNumber, Integer closingMonth, String status) {
    }
}
