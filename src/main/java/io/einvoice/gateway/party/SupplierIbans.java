package io.einvoice.gateway.party;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The IBANs of the suppliers ({@code supplier_iban}) and the events of their confirmation ({@code party_event}). */
public class SupplierIbans {

    public static final String EVENT_CONFIRMED = "BANK_DETAILS_CONFIRMED";
    /** How many other suppliers of an IBAN are named; one more is read to know there are more. */
    public static final int MAX_SHARERS = 5;

    private static final String COLUMNS = "party_id, iban, first_seen_at, first_document_id, source, confirmed_by, confirmed_at";
    private static final RowMapper<SupplierIban> ROW = (rs, n) -> new SupplierIban(rs.getString("party_id"),
            rs.getString("iban"), rs.getObject("first_seen_at", OffsetDateTime.class), rs.getString("first_document_id"),
            SupplierIban.Source.valueOf(rs.getString("source")), rs.getString("confirmed_by"),
            rs.getObject("confirmed_at", OffsetDateTime.class));

    private final JdbcTemplate jdbc;
    private final PartyRepository parties;

    public SupplierIbans(JdbcTemplate jdbc, PartyRepository parties) {
        this.jdbc = jdbc;
        this.parties = parties;
    }

    public record PartyEvent(OffsetDateTime at, String actor, String type, String details) {
    }

    /** A supplier that shares an IBAN, with the SIREN of its dossier. */
    public record Sharer(Party party, String dossierSiren) {
    }

    public List<SupplierIban> of(String partyId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM supplier_iban WHERE party_id = ? ORDER BY first_seen_at, iban", ROW,
                partyId);
    }

    public Optional<SupplierIban> find(String partyId, String iban) {
        return jdbc.query("SELECT " + COLUMNS + " FROM supplier_iban WHERE party_id = ? AND iban = ?", ROW, partyId, iban)
                .stream().findFirst();
    }

    /** Records an IBAN read on an invoice, unconfirmed; nothing changes when the supplier already has it. */
    public void seenOnInvoice(String partyId, String iban, String documentId) {
        insertIfAbsent(partyId, iban, documentId, SupplierIban.Source.INVOICE);
    }

    /**
     * Records an IBAN a person or an import entered. {@code confirmedBy} null (an API key) leaves it unconfirmed; a
     * person's entry confirms it, and that is an event.
     */
    public void entered(String partyId, String iban, SupplierIban.Source source, String confirmedBy) {
        insertIfAbsent(partyId, iban, null, source);
        if (confirmedBy != null) {
            confirm(partyId, iban, confirmedBy);
        }
    }

    /** Marks the IBAN confirmed by {@code actor} and records the event; false when already confirmed. */
    public boolean confirm(String partyId, String iban, String actor) {
        OffsetDateTime now = OffsetDateTime.now();
        int changed = jdbc.update("UPDATE supplier_iban SET confirmed_by = ?, confirmed_at = ?"
                + " WHERE party_id = ? AND iban = ? AND confirmed_by IS NULL", actor, now, partyId, iban);
        if (changed == 1) {
            jdbc.update("INSERT INTO party_event (id, party_id, at, actor, type, details) VALUES (?, ?, ?, ?, ?, ?)",
                    UUID.randomUUID().toString(), partyId, now, actor, EVENT_CONFIRMED, "IBAN " + iban + " confirmed");
        }
        return changed == 1;
    }

    /** Imported parties' IBANs, in batches: confirmed by {@code confirmedBy} when a person imports, else unconfirmed. */
    public void batchImported(List<Party> parties, String confirmedBy) {
        OffsetDateTime now = OffsetDateTime.now();
        List<Party> withIban = parties.stream().filter(p -> p.iban() != null).toList();
        jdbc.batchUpdate("INSERT INTO supplier_iban (" + COLUMNS + ") VALUES (?, ?, ?, NULL, ?, ?, ?)",
                withIban.stream().map(p -> new Object[] {p.id(), p.iban(), now, SupplierIban.Source.IMPORTED.name(),
                        confirmedBy, confirmedBy == null ? null : now}).toList());
        if (confirmedBy != null) {
            jdbc.batchUpdate("INSERT INTO party_event (id, party_id, at, actor, type, details) VALUES (?, ?, ?, ?, ?, ?)",
                    withIban.stream().map(p -> new Object[] {UUID.randomUUID().toString(), p.id(), now, confirmedBy,
                            EVENT_CONFIRMED, "IBAN " + p.iban() + " confirmed by import"}).toList());
        }
    }

    public List<PartyEvent> events(String partyId) {
        return jdbc.query("SELECT at, actor, type, details FROM party_event WHERE party_id = ? ORDER BY at, id",
                (rs, n) -> new PartyEvent(rs.getObject("at", OffsetDateTime.class), rs.getString("actor"),
                        rs.getString("type"), rs.getString("details")), partyId);
    }

    /** The confirmed IBANs of the suppliers of a dossier, for its export: party id -> IBANs. */
    public java.util.Map<String, List<String>> confirmedByParty(String dossierId) {
        java.util.Map<String, List<String>> out = new java.util.HashMap<>();
        jdbc.query("SELECT s.party_id, s.iban FROM supplier_iban s JOIN party p ON p.id = s.party_id"
                + " WHERE p.dossier_id = ? AND s.confirmed_by IS NOT NULL ORDER BY s.first_seen_at, s.iban", rs -> {
                    out.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>()).add(rs.getString(2));
                }, dossierId);
        return out;
    }

    /** The other suppliers, in any dossier of the firm, that have this IBAN. */
    public List<Sharer> sharers(String iban, String firmId, String exceptPartyId) {
        return jdbc.query("SELECT p.id, d.siren FROM supplier_iban s JOIN party p ON p.id = s.party_id"
                        + " JOIN dossier d ON d.id = p.dossier_id WHERE s.iban = ? AND d.firm_id = ? AND p.id <> ?"
                        + " ORDER BY d.siren, p.number LIMIT " + (MAX_SHARERS + 1), (rs, n) -> new String[] {rs.getString(1), rs.getString(2)},
                iban, firmId, exceptPartyId).stream()
                .flatMap(row -> parties.findById(row[0]).map(stored -> new Sharer(stored.party(), row[1])).stream())
                .toList();
    }

    /** Moves the IBANs of a supplier merged away to the one kept; those the kept one has already stay as they are. */
    public void moveAll(String fromPartyId, String toPartyId) {
        jdbc.update("UPDATE supplier_iban SET party_id = ? WHERE party_id = ? AND iban NOT IN"
                + " (SELECT iban FROM supplier_iban WHERE party_id = ?)", toPartyId, fromPartyId, toPartyId);
        jdbc.update("UPDATE party_event SET party_id = ? WHERE party_id = ?", toPartyId, fromPartyId);
    }

    private void insertIfAbsent(String partyId, String iban, String documentId, SupplierIban.Source source) {
        // another invoice of the same supplier may record it at the same moment: the first one stays
        jdbc.update("INSERT INTO supplier_iban (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, NULL, NULL) ON CONFLICT DO NOTHING",
                partyId, iban, OffsetDateTime.now(), documentId, source.name());
    }
}
