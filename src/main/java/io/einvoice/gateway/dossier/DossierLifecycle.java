package io.einvoice.gateway.dossier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Moves a dossier through its life ({@link DossierStatus}): only the transitions it allows, by a firm administrator,
 * each one a security event. Activating it processes what was held while it was not active, then invites its contact
 * as a CLIENT when the dossier asks for it.
 *
 * @param <D> a released document as the ingest reports it, which the caller hands on to the pipeline
 */
public class DossierLifecycle<D> {

    private static final Logger LOG = LoggerFactory.getLogger(DossierLifecycle.class);

    /** Processes the documents held for a dossier that has just been activated; returns them, committed. */
    public interface HeldDocuments<D> {
        List<D> release(Dossier dossier);
    }

    /** Invites the dossier's contact; returns what happened, in a sentence for the person who activated it. */
    public interface ContactInviter {
        String invite(Dossier dossier, DossierRepository.Contact contact, String actor, String clientAddress);
    }

    /** What a transition did: the dossier as it is now, documents released, the contact invitation's outcome (or null). */
    public record Outcome<D>(Dossier dossier, DossierStatus from, List<D> released, String invitation) {
    }

    private final DossierRepository dossiers;
    private final SecurityEvents events;
    private final TransactionTemplate transactions;
    private final HeldDocuments<D> held;
    private final ContactInviter inviter;

    public DossierLifecycle(DossierRepository dossiers, SecurityEvents events, TransactionTemplate transactions,
                            HeldDocuments<D> held, ContactInviter inviter) {
        this.dossiers = dossiers;
        this.events = events;
        this.transactions = transactions;
        this.held = held;
        this.inviter = inviter;
    }

    /**
     * @param inviteContact null: as the dossier's setting says; true/false: this time, whatever it says
     * @throws SecurityException when the caller is not a firm administrator
     * @throws DossierStatus.TransitionRefusedException when the dossier's life does not allow it (or it moved meanwhile)
     */
    public Outcome<D> change(Caller caller, Dossier dossier, DossierStatus to, Boolean inviteContact, String clientAddress) {
        if (!(caller instanceof Caller.Person person)
                || (person.user().role() != Role.ADMIN && person.user().role() != Role.ADMIN_EXCEPT_FIRM)) {
            throw new SecurityException("only a firm administrator can change a dossier's status");
        }
        DossierStatus from = DossierStatus.of(dossier.status());
        if (dossier.firmOwn() && to == DossierStatus.DEACTIVATED) {
            // unknown mail is kept there: the firm's own dossier always receives
            throw new IllegalArgumentException("the firm's own dossier cannot be deactivated");
        }
        if (!from.next().contains(to)) {
            throw new DossierStatus.TransitionRefusedException(dossier.siren(), from, to);
        }
        transactions.executeWithoutResult(tx -> {
            if (!dossiers.changeStatus(dossier.id(), from, to)) {
                throw new DossierStatus.TransitionRefusedException(dossier.siren(),
                        dossiers.findById(dossier.id()).map(d -> DossierStatus.of(d.status())).orElse(from), to);
            }
            events.record(SecurityEvents.Type.DOSSIER_STATUS_CHANGED, caller.label(), clientAddress, dossier.firmId(),
                    dossier.id(), dossier.siren() + ": " + from + " -> " + to);
        });
        Dossier now = dossiers.findById(dossier.id()).orElseThrow();
        LOG.info("dossier {} {} -> {} by {}", dossier.siren(), from, to, caller.label());
        if (to != DossierStatus.ACTIVATED) {
            return new Outcome<>(now, from, List.of(), null);
        }
        List<D> released = held.release(now);
        DossierRepository.Contact contact = dossiers.contact(dossier.id());
        boolean invite = inviteContact != null ? inviteContact : contact.inviteOnActivation();
        String invitation = null;
        if (invite && contact.email() == null) {
            invitation = "the dossier has no contact e-mail: nobody was invited";
        } else if (invite) {
            invitation = inviter.invite(now, contact, caller.label(), clientAddress);
        }
        return new Outcome<>(now, from, released, invitation);
    }
}
