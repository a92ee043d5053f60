package io.einvoice.gateway.api;

import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.Role;
import io.einvoice.gateway.ingest.mail.MailSettings;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotAllowedException;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.einvoice.gateway.refusal.StateConflictException;

import java.util.Map;

/**
 * /api/dossiers/{siren}/mailboxes (a dossier's inbound addresses, receipt and mailboxes) and /api/mail/catch-all
 * (the firm's catch-all mailbox for its inbound domain). Changing settings needs a user; passwords are never shown.
 */
public class MailApi {

    private final AccessService access;
    private final MailSettings settings;

    public MailApi(AccessService access, MailSettings settings) {
        this.access = access;
        this.settings = settings;
    }

    public MailSettings.DossierView get(Caller caller, String siren) {
        return settings.of(visible(caller, siren));
    }

    public MailSettings.DossierView put(Caller caller, String siren, String body) throws Exception {
        Dossier dossier = visible(caller, siren);
        if (!(caller instanceof Caller.Person)) {
            throw new NotAllowedException("mail settings hold credentials: log in as a user of the firm to change them");
        }
        MailSettings.DossierRequest request = Json.read(body, MailSettings.DossierRequest.class);
        try {
            return settings.update(dossier, request);
        } catch (IllegalStateException e) {
            throw new StateConflictException("conflict", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    public Object getCatchAll(Caller caller) {
        Caller.Person admin = admin(caller);
        return settings.catchAll(admin.user().firmId()).<Object>map(v -> v)
                .orElse(Map.of("configured", false));
    }

    public MailSettings.MailboxView putCatchAll(Caller caller, String body) throws Exception {
        Caller.Person admin = admin(caller);
        MailSettings.MailboxRequest request = Json.read(body, MailSettings.MailboxRequest.class);
        try {
            return settings.updateCatchAll(admin.user().firmId(), request);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    private static Caller.Person admin(Caller caller) {
        if (caller instanceof Caller.Person person && person.user().role() == Role.ADMIN) {
            return person;
        }
        throw new NotAllowedException("the catch-all mailbox receives for every dossier of the firm: only a firm"
                + " administrator (ADMIN) may see or change it");
    }

    private Dossier visible(Caller caller, String siren) {
        return access.visibleDossier(caller, siren).orElseThrow(() -> new NotVisibleException("dossier " + siren));
    }
}
