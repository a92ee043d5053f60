package io.einvoice.gateway.users;

import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierLifecycle;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.Role;

import java.util.List;

/**
 * Invites a dossier's contact as the CLIENT of that dossier, by the invitation mail of {@link UserAdministration}, when
 * the dossier is activated. The activation stands whatever happens to the mail: the outcome is said to the person who
 * activated it, who can invite the contact by hand later.
 */
public class ContactInvitations implements DossierLifecycle.ContactInviter {

    private final UserAdministration users;

    public ContactInvitations(UserAdministration users) {
        this.users = users;
    }

    @Override
    public String invite(Dossier dossier, DossierRepository.Contact contact, String actor, String clientAddress) {
        String name = contact.name() != null ? contact.name() : dossier.name();
        try {
            users.invite(dossier.firmId(), users.firmName(dossier.firmId()),
                    new UserAdministration.NewPerson(contact.email(), name, Role.CLIENT, List.of(dossier.siren())),
                    actor, clientAddress);
            return "invitation sent to " + contact.email();
        } catch (IllegalArgumentException | IllegalStateException | java.util.NoSuchElementException
                 | UserAdministration.MailNotSentException e) {
            return "the contact " + contact.email() + " was not invited: " + e.getMessage();
        }
    }
}
