package io.einvoice.gateway.party;

import io.einvoice.gateway.document.DocumentRepository;
import io.einvoice.gateway.refusal.StateConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * Creating, changing, deleting and merging the suppliers and customers of a dossier, with the rules that span several
 * rows: numbers unique per dossier, sub-customers at most {@value #MAX_SUB_LEVELS} levels below a main customer, a
 * deactivated parent deactivates its children, a party with documents is deactivated rather than deleted.
 */
public class PartyService {

    public static final int MAX_SUB_LEVELS = 4;
    private static final Logger LOG = LoggerFactory.getLogger(PartyService.class);

    private final PartyRepository parties;
    private final SupplierIbans ibans;
    private final DocumentRepository documents;
    private final TransactionTemplate transactions;

    public PartyService(PartyRepository parties, SupplierIbans ibans, DocumentRepository documents,
                        TransactionTemplate transactions) {
        this.parties = parties;
        this.ibans = ibans;
        this.documents = documents;
        this.transactions = transactions;
    }

    /** A party entered by no person (the demo's customers): a supplier's IBAN stays unconfirmed. */
    public Party create(String dossierId, PartyRole role, PartyInput input) {
        return create(dossierId, role, input, null);
    }

    /**
     * A party a caller entered. A supplier's IBAN is kept among its bank details, confirmed by {@code person} (the
     * "user:..." label of the person who typed it), unconfirmed when no person did (an API key).
     */
    public Party create(String dossierId, PartyRole role, PartyInput input, String person) {
        String chosen = input.number() == null || input.number().isBlank() ? null : input.number().strip();
        Party created = insertNumbered(dossierId, role, chosen, number -> {
            Party party = PartyFields.apply(PartyFields.blank(UUID.randomUUID().toString(), dossierId, role, number), input);
            checkParent(party);
            return party;
        });
        recordIban(created, person);
        return created;
    }

    private void recordIban(Party party, String person) {
        if (party.role() == PartyRole.SUPPLIER && party.iban() != null) {
            ibans.entered(party.id(), party.iban(), SupplierIban.Source.ENTERED, person);
        }
    }

    /**
     * A supplier made from what an invoice states, marked "created from an invoice". Identifiers are kept as the invoice
     * gives them, even those the form would refuse: they are evidence, a person can correct them.
     */
    public Party createFromInvoice(String dossierId, String name, String siren, String siret, String vat, String iban) {
        return insertNumbered(dossierId, PartyRole.SUPPLIER, null, number -> new Party(UUID.randomUUID().toString(),
                dossierId, PartyRole.SUPPLIER, number, PartyKind.COMPANY, name, siren, siret, vat, null, null, null, null,
                null, null, null, null, iban, false, false, true, true, null, false, false));
    }

    private Party insertNumbered(String dossierId, PartyRole role, String chosenNumber, Function<String, Party> build) {
        for (int attempt = 1; ; attempt++) {
            NumberSequence numbers = new NumberSequence(role, parties.numbers(dossierId, role));
            if (chosenNumber != null && numbers.inUse(chosenNumber)) {
                throw new PartyConflictException("number " + chosenNumber + " is already used by another " + role.label());
            }
            Party party = build.apply(chosenNumber != null ? chosenNumber : numbers.next());
            try {
                parties.insert(party);
                return party;
            } catch (DuplicateKeyException e) {
                // another creation took the same number between our read and our insert: take the next one
                if (attempt == 3 || chosenNumber != null) {
                    throw new PartyConflictException("number " + party.number() + " is already used by another " + role.label());
                }
            }
        }
    }

    /** Changes by no person: see {@link #update(Party, PartyInput, String)}. */
    public Party update(Party existing, PartyInput input) {
        return update(existing, input, null);
    }

    /**
     * Changes the fields present in {@code input}; deactivating a customer deactivates its sub-customers. A supplier's
     * IBAN typed by a person counts as confirmed by that person (see {@link #create(String, PartyRole, PartyInput, String)}).
     */
    public Party update(Party existing, PartyInput input, String person) {
        Party changed = PartyFields.apply(existing, input);
        if (!Objects.equals(changed.number(), existing.number())
                && new NumberSequence(existing.role(), parties.numbers(existing.dossierId(), existing.role())).inUse(changed.number())) {
            throw new PartyConflictException("number " + changed.number() + " is already used by another " + existing.role().label());
        }
        checkParent(changed);
        transactions.executeWithoutResult(tx -> {
            parties.update(changed);
            if (existing.active() && !changed.active()) {
                descendants(changed.id()).forEach(child -> parties.setActive(child.id(), false));
            }
            if (input.iban() != null) {
                recordIban(changed, person);
            }
        });
        return changed;
    }

    public enum Deletion { DELETED, DEACTIVATED }

    /** Deletes a party nothing refers to; one with documents is deactivated instead (and can be reactivated). */
    public Deletion delete(Party party) {
        if (!parties.children(party.id()).isEmpty()) {
            throw new PartyConflictException(party.label() + " has sub-customers: move or delete them first");
        }
        long documents = parties.documentCount(party.id());
        if (documents > 0) {
            parties.setActive(party.id(), false);
            LOG.info("party dossier={} party={} has {} documents: deactivated instead of deleted", party.dossierId(),
                    party.number(), documents);
            return Deletion.DEACTIVATED;
        }
        parties.delete(party.id());
        return Deletion.DELETED;
    }

    /** Moves the documents of {@code removed} to {@code kept}, then deletes {@code removed}. */
    public int merge(Party kept, Party removed) {
        if (kept.id().equals(removed.id())) {
            throw new IllegalArgumentException("a party cannot be merged into itself");
        }
        if (!kept.dossierId().equals(removed.dossierId()) || kept.role() != removed.role()) {
            throw new IllegalArgumentException("only two " + kept.role().label() + "s of the same dossier can be merged");
        }
        for (Party p : List.of(kept, removed)) {
            if (!parties.children(p.id()).isEmpty()) {
                throw new PartyConflictException(p.label() + " has sub-customers: parties with sub-customers cannot be merged");
            }
        }
        Integer moved = transactions.execute(tx -> {
            int n = documents.moveToSupplier(removed.id(), kept.id());
            ibans.moveAll(removed.id(), kept.id());
            parties.delete(removed.id());
            return n;
        });
        LOG.info("party dossier={} merged {} into {}: {} documents moved", kept.dossierId(), removed.number(),
                kept.number(), moved);
        return moved == null ? 0 : moved;
    }

    private void checkParent(Party party) {
        if (party.parentId() == null) {
            if (party.billWithParent()) {
                throw new IllegalArgumentException("billWithParent needs a parentId");
            }
            return;
        }
        if (party.role() != PartyRole.CUSTOMER) {
            throw new IllegalArgumentException("only customers have sub-customers");
        }
        Party parent = parties.findById(party.parentId()).map(StoredParty::party)
                .filter(p -> p.dossierId().equals(party.dossierId()) && p.role() == PartyRole.CUSTOMER)
                .orElseThrow(() -> new IllegalArgumentException("parentId " + party.parentId()
                        + " is not a customer of this dossier"));
        // the party's level is its parent's plus one; walking up also catches a parent that is below the party itself
        int level = 1;
        for (Party p = parent; ; level++) {
            if (p.id().equals(party.id())) {
                throw new IllegalArgumentException("a customer cannot be below itself");
            }
            if (p.parentId() == null) {
                break;
            }
            p = parties.findById(p.parentId()).map(StoredParty::party).orElseThrow();
        }
        int below = depthBelow(party.id());
        if (level + below > MAX_SUB_LEVELS) {
            throw new IllegalArgumentException("sub-customers go at most " + MAX_SUB_LEVELS
                    + " levels below a main customer; this would make " + (level + below));
        }
    }

    /** How many levels of sub-customers hang below this party (0 when none). */
    private int depthBelow(String partyId) {
        int deepest = 0;
        for (Party child : parties.children(partyId)) {
            deepest = Math.max(deepest, 1 + depthBelow(child.id()));
        }
        return deepest;
    }

    private List<Party> descendants(String partyId) {
        List<Party> all = new ArrayList<>();
        for (Party child : parties.children(partyId)) {
            all.add(child);
            all.addAll(descendants(child.id()));
        }
        return all;
    }

    /** A rule that spans rows refuses the change. */
    public static class PartyConflictException extends StateConflictException {
        public PartyConflictException(String message) {
            super("conflict", message);
        }
    }
}
