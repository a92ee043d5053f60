package io.einvoice.gateway.dossier;

import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.document.SqlLists;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Firms and dossiers. */
public class DossierRepository {

    private static final String DOSSIER_COLUMNS =
            "id, firm_id, siren, siret, name, vat_number, closing_month, status, firm_own";

    private static final RowMapper<Dossier> DOSSIER = (rs, n) -> new Dossier(
            rs.getString("id"), rs.getString("firm_id"), rs.getString("siren"), rs.getString("siret"),
            rs.getString("name"), rs.getString("vat_number"), rs.getInt("closing_month"), rs.getString("status"),
            rs.getBoolean("firm_own"));

    private final JdbcTemplate jdbc;
    /** One entry per dossier of the platform: a dossier is never deleted and its identity never changes. */
    private final Map<String, DossierIdentity> identities = new ConcurrentHashMap<>();

    public DossierRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insertFirm(Firm firm) {
        jdbc.update("INSERT INTO firm (id, name, siren, created_at) VALUES (?, ?, ?, ?)",
                firm.id(), firm.name(), firm.siren(), OffsetDateTime.now());
    }

    public Optional<Firm> findFirmBySiren(String siren) {
        return jdbc.query("SELECT id, name, siren FROM firm WHERE siren = ?",
                (rs, n) -> new Firm(rs.getString("id"), rs.getString("name"), rs.getString("siren")), siren)
                .stream().findFirst();
    }

    public void insert(Dossier dossier) {
        jdbc.update("INSERT INTO dossier (" + DOSSIER_COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                dossier.id(), dossier.firmId(), dossier.siren(), dossier.siret(), dossier.name(), dossier.vatNumber(),
                dossier.closingMonth(), DossierStatus.of(dossier.status()).name(), dossier.firmOwn(), OffsetDateTime.now());
    }

    /** The person of the client company to invite as a CLIENT when the dossier is activated (when asked). */
    public record Contact(String email, String name, boolean inviteOnActivation) {
    }

    public void setContact(String dossierId, Contact contact) {
        jdbc.update("UPDATE dossier SET contact_email = ?, contact_name = ?, invite_contact = ? WHERE id = ?",
                contact.email(), contact.name(), contact.inviteOnActivation(), dossierId);
    }

    public Contact contact(String dossierId) {
        return jdbc.queryForObject("SELECT contact_email, contact_name, invite_contact FROM dossier WHERE id = ?",
                (rs, n) -> new Contact(rs.getString(1), rs.getString(2), rs.getBoolean(3)), dossierId);
    }

    /**
     * Moves the dossier only if it is still in {@code from}, so two people changing it at once cannot both win.
     * @return whether it moved
     */
    public boolean changeStatus(String dossierId, DossierStatus from, DossierStatus to) {
        return jdbc.update("UPDATE dossier SET status = ?, status_changed_at = ? WHERE id = ? AND status = ?",
                to.name(), OffsetDateTime.now(), dossierId, from.name()) == 1;
    }

    /** ACTIVATED dossiers that still have HELD documents: their activation did not finish releasing them. */
    public List<Dossier> withHeldDocuments() {
        return jdbc.query("SELECT " + DOSSIER_COLUMNS + " FROM dossier d WHERE status = ? AND EXISTS"
                + " (SELECT 1 FROM document x WHERE x.dossier_id = d.id AND x.status = ?)", DOSSIER,
                DossierStatus.ACTIVATED.name(), DocumentStatus.HELD.name());
    }

    /** Batched inserts for an import (hundreds of dossiers in one statement round trip per batch). */
    public void batchInsert(List<Dossier> all, List<Contact> contacts) {
        OffsetDateTime now = OffsetDateTime.now();
        List<Object[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Dossier d = all.get(i);
            Contact c = contacts.get(i);
            rows.add(new Object[] {d.id(), d.firmId(), d.siren(), d.siret(), d.name(), d.vatNumber(), d.closingMonth(),
                    DossierStatus.of(d.status()).name(), d.firmOwn(), now, c.email(), c.name(), c.inviteOnActivation()});
        }
        jdbc.batchUpdate("INSERT INTO dossier (" + DOSSIER_COLUMNS + ", created_at, contact_email, contact_name, invite_contact)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    /** The SIRENs among these that are dossiers already (of any firm: a SIREN is one dossier on the platform). */
    public java.util.Set<String> existingSirens(java.util.Collection<String> sirens) {
        java.util.Set<String> found = new java.util.HashSet<>();
        List<String> list = List.copyOf(sirens);
        for (int from = 0; from < list.size(); from += 500) {
            List<String> part = list.subList(from, Math.min(list.size(), from + 500));
                        found.addAll(jdbc.queryForList("SELECT siren FROM dossier WHERE siren IN (" + SqlLists.placeholders(part) + ")", String.class,
                    part.toArray()));
        }
        return found;
    }

    public Optional<Dossier> findBySiren(String siren) {
        return jdbc.query("SELECT " + DOSSIER_COLUMNS + " FROM dossier WHERE siren = ?", DOSSIER, siren).stream().findFirst();
    }

    public Optional<Dossier> findById(String id) {
        return jdbc.query("SELECT " + DOSSIER_COLUMNS + " FROM dossier WHERE id = ?", DOSSIER, id).stream().findFirst();
    }

    /**
     * The dossier's id, firm and SIREN, read from the database the first time only: every step of every invoice asks
     * for them, and they never change.
     */
    public Optional<DossierIdentity> identity(String id) {
        DossierIdentity known = identities.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<DossierIdentity> read = jdbc.query("SELECT id, firm_id, siren FROM dossier WHERE id = ?",
                (rs, n) -> new DossierIdentity(rs.getString(1), rs.getString(2), rs.getString(3)), id).stream().findFirst();
        read.ifPresent(identity -> identities.put(id, identity));
        return read;
    }

    /** How logs name a dossier: by its SIREN, as people know it (its id if it is gone). */
    public String sirenForLogs(String id) {
        return identity(id).map(DossierIdentity::siren).orElse(id);
    }

    /** Whether the persons of the client company may approve or reject the dossier's invoices (off by default). */
    public boolean clientsMayApprove(String dossierId) {
        return jdbc.query("SELECT clients_may_approve FROM dossier WHERE id = ?", (rs, n) -> rs.getBoolean(1), dossierId)
                .stream().findFirst().orElse(false);
    }

    /** @return whether the value changed */
    public boolean setClientsMayApprove(String dossierId, boolean allowed) {
        return jdbc.update("UPDATE dossier SET clients_may_approve = ? WHERE id = ? AND clients_may_approve <> ?",
                allowed, dossierId, allowed) > 0;
    }

    public List<Dossier> findByFirm(String firmId) {
        return jdbc.query("SELECT " + DOSSIER_COLUMNS + " FROM dossier WHERE firm_id = ? ORDER BY name", DOSSIER, firmId);
    }
}
