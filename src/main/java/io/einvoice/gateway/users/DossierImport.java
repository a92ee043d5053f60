package io.einvoice.gateway.users;

import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.DossierStatus;
import io.einvoice.gateway.dossier.SecurityEvents;
import io.einvoice.gateway.dossier.Siren;
import io.einvoice.gateway.party.ImportTable;
import io.einvoice.gateway.party.PartyExport;
import io.einvoice.gateway.party.SearchText;
import io.einvoice.gateway.party.SheetReader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A firm's client dossiers from a CSV or XLSX file (the template's French headers, or English ones): SIREN, name,
 * closing month, the client contact, whether to invite the contact on activation, the user of the firm who keeps it.
 * All or nothing: any line with a problem imports nothing and every problem is listed with its line; a dry run stops
 * there in any case. Imported dossiers are CREATED: they receive nothing until someone activates them.
 */
public class DossierImport {

    /** A file of a few thousand dossiers is a few hundred KB; anything much larger is not a list of dossiers. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    public static final int MAX_ROWS = 5000;
    static final int MAX_ERRORS = 200;
    private static final int BATCH = 500;

    enum Column {
        SIREN("SIREN", "siren", "n siren", "numero siren"),
        NAME("Raison sociale", "raison sociale", "nom", "name", "company", "company name", "denomination", "societe",
                "dossier", "nom du dossier"),
        SIRET("SIRET", "siret", "n siret"),
        CLOSING_MONTH("Mois de clôture", "mois de cloture", "cloture", "mois cloture", "closing month", "closing"),
        CONTACT_EMAIL("E-mail du contact", "e mail du contact", "email du contact", "email contact", "contact email",
                "contact", "e mail", "email", "courriel"),
        CONTACT_NAME("Nom du contact", "nom du contact", "contact name"),
        INVITE("Inviter le contact", "inviter le contact", "inviter", "invite", "invite contact"),
        ASSIGNED_USER("Utilisateur assigné", "utilisateur assigne", "utilisateur", "collaborateur", "assigned user",
                "user", "assigned to");

        final String header;
        final List<String> synonyms;

        Column(String header, String... synonyms) {
            this.header = header;
            this.synonyms = List.of(synonyms);
        }

        static Optional<Column> guess(String header) {
            String key = key(header);
            return Arrays.stream(values()).filter(c -> c.synonyms.contains(key) || key(c.header).equals(key)).findFirst();
        }

        static List<String> headers() {
            return Arrays.stream(values()).map(c -> c.header).toList();
        }
    }

    public record LineError(int line, String message) {
    }

    public record Report(boolean dryRun, String format, Map<String, String> columns, List<String> ignoredHeaders,
                         int rows, int imported, List<LineError> errors) {
    }

    private record Line(Dossier dossier, DossierRepository.Contact contact, String userId) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final DossierRepository dossiers;
    private final SecurityEvents events;

    public DossierImport(JdbcTemplate jdbc, TransactionTemplate transactions, DossierRepository dossiers,
                         SecurityEvents events) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.dossiers = dossiers;
        this.events = events;
    }

    /** The template's headers and one example line, or the firm's dossiers, as CSV or XLSX (formula-safe). */
    public static byte[] template(PartyExport.Format format) {
        return PartyExport.writeTable("dossiers", Column.headers(), List.of(
                List.of("732829320", "Exemple SARL", "", "12", "contact@exemple.fr", "Camille Exemple", "oui", "")), format);
    }

    public byte[] export(String firmId, PartyExport.Format format) {
        List<List<String>> rows = jdbc.query("SELECT d.siren, d.name, d.siret, d.closing_month, d.contact_email,"
                        + " d.contact_name, d.invite_contact, (SELECT MIN(u.email) FROM user_dossier ud JOIN app_user u"
                        + " ON u.id = ud.user_id WHERE ud.dossier_id = d.id AND u.role = 'USER')"
                        + " FROM dossier d WHERE d.firm_id = ? AND d.firm_own = FALSE ORDER BY d.name, d.siren",
                (rs, n) -> Arrays.asList(rs.getString(1), rs.getString(2), rs.getString(3), String.valueOf(rs.getInt(4)),
                        rs.getString(5), rs.getString(6), rs.getBoolean(7) ? "oui" : "non", rs.getString(8)), firmId);
        return PartyExport.writeTable("dossiers", Column.headers(), rows, format);
    }

    /** @param imported told each imported SIREN once they are committed (their drop folders are made then) */
    public Report run(String firmId, byte[] file, boolean dryRun, String actor, String clientAddress,
                      java.util.function.Consumer<String> imported) {
        if (file.length > MAX_BYTES) {
            return refused(dryRun, "the file is " + file.length + " bytes; an import takes at most " + MAX_BYTES
                    + " bytes (" + MAX_ROWS + " dossiers): split it");
        }
        ImportTable table;
        try {
            table = SheetReader.read(file);
        } catch (IllegalArgumentException e) {
            return refused(dryRun, e.getMessage());
        }
        List<LineError> errors = new ArrayList<>();
        Map<Column, Integer> columns = new EnumMap<>(Column.class);
        Map<String, String> used = new java.util.LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < table.headers().size(); i++) {
            String header = table.headers().get(i);
            Optional<Column> column = Column.guess(header);
            if (column.isEmpty() || columns.containsKey(column.get())) {
                ignored.add(header);
            } else {
                columns.put(column.get(), i);
                used.put(header, column.get().header);
            }
        }
        for (Column required : List.of(Column.SIREN, Column.NAME)) {
            if (!columns.containsKey(required)) {
                errors.add(new LineError(1, "missing required column \"" + required.header + "\"; headers found: "
                        + table.headers() + " (download the template: GET /api/firm/dossiers/template)"));
            }
        }
        if (table.rows().size() > MAX_ROWS) {
            errors.add(new LineError(1, "the file has " + table.rows().size() + " lines; an import takes at most "
                    + MAX_ROWS + ": split it"));
        }
        if (!errors.isEmpty()) {
            return new Report(dryRun, table.detectedFormat(), used, ignored, table.rows().size(), 0, errors);
        }
        Map<String, String> users = usersOf(firmId);
        Map<String, Integer> sirensInFile = new HashMap<>();
        List<String> sirens = table.rows().stream().map(r -> cell(r, columns, Column.SIREN)).filter(s -> s != null)
                .map(s -> s.replace(" ", "")).toList();
        Set<String> existing = dossiers.existingSirens(sirens);
        List<Line> lines = new ArrayList<>();
        for (ImportTable.Row row : table.rows()) {
            List<String> problems = new ArrayList<>();
            String siren = cell(row, columns, Column.SIREN);
            siren = siren == null ? null : siren.replace(" ", "");
            String problem = Siren.problemWith(siren);
            if (problem != null) {
                problems.add(problem);
            } else {
                Integer earlier = sirensInFile.putIfAbsent(siren, row.line());
                if (earlier != null) {
                    problems.add("SIREN " + siren + " is also on line " + earlier);
                } else if (existing.contains(siren)) {
                    problems.add("SIREN " + siren + " is already a dossier");
                }
            }
            String name = cell(row, columns, Column.NAME);
            if (name == null) {
                problems.add("the name (\"Raison sociale\") is missing");
            } else if (name.length() > 200) {
                problems.add("the name is longer than 200 characters");
            }
            String siret = cell(row, columns, Column.SIRET);
            if (siret != null && (!Siren.isValidSiret(siret.replace(" ", "")) || !siret.replace(" ", "").startsWith(String.valueOf(siren)))) {
                problems.add("SIRET " + siret + " must be 14 digits starting with the SIREN and pass its check digit");
            }
            Integer closing = closingMonth(cell(row, columns, Column.CLOSING_MONTH), problems);
            String email = cell(row, columns, Column.CONTACT_EMAIL);
            if (email != null && PersonFields.emailProblem(email) != null) {
                problems.add("contact e-mail: " + PersonFields.emailProblem(email));
            }
            String contactName = cell(row, columns, Column.CONTACT_NAME);
            if (contactName != null && contactName.length() > PersonFields.MAX_NAME) {
                problems.add("the contact name is longer than " + PersonFields.MAX_NAME + " characters");
            }
            Boolean invite = yesNo(cell(row, columns, Column.INVITE), problems);
            if (Boolean.TRUE.equals(invite) && email == null) {
                problems.add("\"Inviter le contact\" is oui but the contact e-mail is missing");
            }
            String assigned = cell(row, columns, Column.ASSIGNED_USER);
            String userId = null;
            if (assigned != null) {
                userId = users.get(assigned.toLowerCase(Locale.ROOT));
                if (userId == null) {
                    problems.add("assigned user " + assigned + " is not an active USER of the firm");
                }
            }
            if (problems.isEmpty()) {
                lines.add(new Line(new Dossier(UUID.randomUUID().toString(), firmId, siren,
                        siret == null ? null : siret.replace(" ", ""), name.strip(), null, closing == null ? 12 : closing,
                        DossierStatus.CREATED.name(), false),
                        new DossierRepository.Contact(email == null ? null : email.strip().toLowerCase(Locale.ROOT),
                                contactName, Boolean.TRUE.equals(invite)), userId));
            } else {
                for (String p : problems) {
                    if (errors.size() < MAX_ERRORS) {
                        errors.add(new LineError(row.line(), p));
                    }
                }
            }
        }
        if (!errors.isEmpty() || dryRun) {
            return new Report(dryRun, table.detectedFormat(), used, ignored, table.rows().size(), 0, errors);
        }
        transactions.executeWithoutResult(tx -> {
            for (int from = 0; from < lines.size(); from += BATCH) {
                List<Line> part = lines.subList(from, Math.min(lines.size(), from + BATCH));
                dossiers.batchInsert(part.stream().map(Line::dossier).toList(), part.stream().map(Line::contact).toList());
                jdbc.batchUpdate("INSERT INTO user_dossier (user_id, dossier_id) VALUES (?, ?)", part.stream()
                        .filter(l -> l.userId() != null).map(l -> new Object[] {l.userId(), l.dossier().id()}).toList());
            }
            events.record(SecurityEvents.Type.DOSSIERS_IMPORTED, actor, clientAddress, firmId, null,
                    lines.size() + " dossiers CREATED, " + lines.stream().filter(l -> l.userId() != null).count()
                            + " assigned to users");
        });
        lines.forEach(l -> imported.accept(l.dossier().siren()));
        return new Report(false, table.detectedFormat(), used, ignored, table.rows().size(), lines.size(), List.of());
    }

    private static Report refused(boolean dryRun, String why) {
        return new Report(dryRun, null, Map.of(), List.of(), 0, 0, List.of(new LineError(1, why)));
    }

    /** Active USERs of the firm by e-mail: the people a dossier can be assigned to. */
    private Map<String, String> usersOf(String firmId) {
        Map<String, String> users = new HashMap<>();
        jdbc.query("SELECT email, id FROM app_user WHERE firm_id = ? AND role = 'USER' AND active = TRUE",
                rs -> {
                    users.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
                }, firmId);
        return users;
    }

    private static String cell(ImportTable.Row row, Map<Column, Integer> columns, Column column) {
        Integer index = columns.get(column);
        String value = index == null ? null : row.cell(index);
        if (value == null || value.isBlank()) {
            return null;
        }
        value = value.strip();
        // the apostrophe an export puts before a value a spreadsheet would run as a formula is not part of it
        return value.length() > 1 && value.charAt(0) == '\'' && "=+-@".indexOf(value.charAt(1)) >= 0 ? value.substring(1) : value;
    }

    private static final List<String> MONTHS = List.of("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet",
            "aout", "septembre", "octobre", "novembre", "decembre");

    private static Integer closingMonth(String value, List<String> problems) {
        if (value == null) {
            return null;
        }
        int named = MONTHS.indexOf(SearchText.normalize(value).toLowerCase(Locale.ROOT));
        if (named >= 0) {
            return named + 1;
        }
        try {
            int month = Integer.parseInt(value);
            if (month >= 1 && month <= 12) {
                return month;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        problems.add("closing month must be 1 to 12 (or janvier..décembre), got '" + value + "'");
        return null;
    }

    private static Boolean yesNo(String value, List<String> problems) {
        if (value == null) {
            return null;
        }
        return switch (SearchText.normalize(value).toLowerCase(Locale.ROOT)) {
            case "oui", "o", "yes", "y", "true", "1", "x" -> true;
            case "non", "n", "no", "false", "0" -> false;
            default -> {
                problems.add("\"Inviter le contact\" must be oui or non, got '" + value + "'");
                yield null;
            }
        };
    }

    private static String key(String header) {
        return SearchText.normalize(header == null ? "" : header).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
    }
}
