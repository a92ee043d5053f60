package io.einvoice.gateway.party;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parties of the dossiers. Every read a caller can trigger is scoped by dossier (and role) or checked by the service. */
public class PartyRepository {

    private static final String COLUMNS = "id, dossier_id, role, number, kind, company_name, siren, siret, vat_number,"
            + " civility, first_name, last_name, address, postcode, city, country, email, iban, trusted, blacklisted,"
            + " active, created_from_invoice, parent_id, bill_with_parent, public_entity";
    private static final String SELECT = "SELECT " + COLUMNS
            + ", EXISTS (SELECT 1 FROM dossier d WHERE d.siren = party.siren) AS on_platform FROM party";

    private static final RowMapper<StoredParty> STORED = (rs, n) -> new StoredParty(party(rs), rs.getBoolean("on_platform"));

    private final JdbcTemplate jdbc;

    public PartyRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Party p) {
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.update("INSERT INTO party (" + COLUMNS + ", search_text, created_at, updated_at) VALUES ("
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p.id(), p.dossierId(), p.role().name(), p.number(), p.kind().name(), p.companyName(), p.siren(), p.siret(),
                p.vatNumber(), p.civility(), p.firstName(), p.lastName(), p.address(), p.postcode(), p.city(), p.country(),
                p.email(), p.iban(), p.trusted(), p.blacklisted(), p.active(), p.createdFromInvoice(), p.parentId(),
                p.billWithParent(), p.publicEntity(), SearchText.of(p), now, now);
    }

    public void batchInsert(List<Party> parties) {
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.batchUpdate("INSERT INTO party (" + COLUMNS + ", search_text, created_at, updated_at) VALUES ("
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                parties.stream().map(p -> new Object[] {
                        p.id(), p.dossierId(), p.role().name(), p.number(), p.kind().name(), p.companyName(), p.siren(),
                        p.siret(), p.vatNumber(), p.civility(), p.firstName(), p.lastName(), p.address(), p.postcode(),
                        p.city(), p.country(), p.email(), p.iban(), p.trusted(), p.blacklisted(), p.active(),
                        p.createdFromInvoice(), p.parentId(), p.billWithParent(), p.publicEntity(), SearchText.of(p), now, now}).toList());
    }

    public void update(Party p) {
        jdbc.update("UPDATE party SET number = ?, kind = ?, company_name = ?, siren = ?, siret = ?, vat_number = ?,"
                        + " civility = ?, first_name = ?, last_name = ?, address = ?, postcode = ?, city = ?, country = ?,"
                        + " email = ?, iban = ?, trusted = ?, blacklisted = ?, active = ?, parent_id = ?,"
                        + " bill_with_parent = ?, public_entity = ?, search_text = ?, updated_at = ? WHERE id = ?",
                p.number(), p.kind().name(), p.companyName(), p.siren(), p.siret(), p.vatNumber(), p.civility(),
                p.firstName(), p.lastName(), p.address(), p.postcode(), p.city(), p.country(), p.email(), p.iban(),
                p.trusted(), p.blacklisted(), p.active(), p.parentId(), p.billWithParent(), p.publicEntity(), SearchText.of(p),
                OffsetDateTime.now(), p.id());
    }

    public Optional<StoredParty> findById(String id) {
        return jdbc.query(SELECT + " WHERE id = ?", STORED, id).stream().findFirst();
    }

    /** A page of a dossier's suppliers or customers whose normalised text contains {@code query} (all when null). */
    public List<StoredParty> search(String dossierId, PartyRole role, String query, Boolean active, int limit, int offset) {
        List<Object> args = new ArrayList<>();
        String where = where(dossierId, role, query, active, args);
        args.add(limit);
        args.add(offset);
        return jdbc.query(SELECT + where + " ORDER BY number, id LIMIT ? OFFSET ?", STORED, args.toArray());
    }

    public long count(String dossierId, PartyRole role, String query, Boolean active) {
        List<Object> args = new ArrayList<>();
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM party" + where(dossierId, role, query, active, args), Long.class,
                args.toArray());
        return n == null ? 0 : n;
    }

    private static String where(String dossierId, PartyRole role, String query, Boolean active, List<Object> args) {
        StringBuilder where = new StringBuilder(" WHERE dossier_id = ? AND role = ?");
        args.add(dossierId);
        args.add(role.name());
        String normalized = SearchText.normalize(query);
        if (!normalized.isEmpty()) {
            where.append(" AND search_text LIKE ? ESCAPE '!'");
            args.add("%" + normalized.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (active != null) {
            where.append(" AND active = ?");
            args.add(active);
        }
        return where.toString();
    }

    public List<String> numbers(String dossierId, PartyRole role) {
        return jdbc.queryForList("SELECT number FROM party WHERE dossier_id = ? AND role = ?", String.class,
                dossierId, role.name());
    }

    public Optional<Party> findBy(String dossierId, PartyRole role, String column, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        // column is one of a fixed set named by the caller in this package, never user input
        return jdbc.query(SELECT + " WHERE dossier_id = ? AND role = ? AND " + column + " = ? ORDER BY active DESC, number",
                STORED, dossierId, role.name(), value).stream().map(StoredParty::party).findFirst();
    }

    /** Candidates whose search text contains the normalised name; the caller compares names exactly. */
    public List<Party> withNameLike(String dossierId, PartyRole role, String normalizedName) {
        return jdbc.query(SELECT + " WHERE dossier_id = ? AND role = ? AND search_text LIKE ? ORDER BY active DESC, number",
                STORED, dossierId, role.name(), "%" + normalizedName + "%").stream().map(StoredParty::party).toList();
    }

    public long documentCount(String partyId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM document WHERE supplier_id = ?", Long.class, partyId);
        return n == null ? 0 : n;
    }

    public List<Party> children(String partyId) {
        return jdbc.query(SELECT + " WHERE parent_id = ? ORDER BY number", STORED, partyId).stream()
                .map(StoredParty::party).toList();
    }

    public void setActive(String partyId, boolean active) {
        jdbc.update("UPDATE party SET active = ?, updated_at = ? WHERE id = ?", active, OffsetDateTime.now(), partyId);
    }

    public void delete(String partyId) {
        jdbc.update("DELETE FROM party WHERE id = ?", partyId);
    }

    public Optional<String> importMapping(String dossierId, PartyRole role) {
        return jdbc.queryForList("SELECT mapping FROM party_import_mapping WHERE dossier_id = ? AND role = ?", String.class,
                dossierId, role.name()).stream().findFirst();
    }

    public void saveImportMapping(String dossierId, PartyRole role, String mappingJson) {
        OffsetDateTime now = OffsetDateTime.now();
        if (jdbc.update("UPDATE party_import_mapping SET mapping = ?, updated_at = ? WHERE dossier_id = ? AND role = ?",
                mappingJson, now, dossierId, role.name()) == 0) {
            jdbc.update("INSERT INTO party_import_mapping (dossier_id, role, mapping, updated_at) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT DO NOTHING", dossierId, role.name(), mappingJson, now);
        }
    }

    /** The supplier a document is linked to, in one query. */
    public Optional<StoredParty> supplierOfDocument(String documentId) {
        return jdbc.query(SELECT + " WHERE id = (SELECT supplier_id FROM document WHERE id = ?)", STORED, documentId)
                .stream().findFirst();
    }

    private static Party party(ResultSet rs) throws SQLException {
        return new Party(rs.getString("id"), rs.getString("dossier_id"), PartyRole.valueOf(rs.getString("role")),
                rs.getString("number"), PartyKind.valueOf(rs.getString("kind")), rs.getString("company_name"),
                rs.getString("siren"), rs.getString("siret"), rs.getString("vat_number"), rs.getString("civility"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("address"), rs.getString("postcode"),
                rs.getString("city"), rs.getString("country"), rs.getString("email"), rs.getString("iban"),
                rs.getBoolean("trusted"), rs.getBoolean("blacklisted"), rs.getBoolean("active"),
                rs.getBoolean("created_from_invoice"), rs.getString("parent_id"), rs.getBoolean("bill_with_parent"),
                rs.getBoolean("public_entity"));
    }
}
