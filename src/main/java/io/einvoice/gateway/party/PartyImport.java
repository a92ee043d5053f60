package io.einvoice.gateway.party;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.einvoice.gateway.api.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Imports suppliers or customers from a CSV or XLSX file. Columns are mapped to fields by the mapping the request
 * gives, else the one saved for the dossier at its last import, else guessed from the headers (French or English).
 * All or nothing: when any line has a problem nothing is imported and every problem is listed with its line; a dry run
 * stops there in any case.
 */
public class PartyImport {

    private static final Logger LOG = LoggerFactory.getLogger(PartyImport.class);
    private static final ObjectMapper JSON = Json.DATA;
    private static final int BATCH = 500;
    private static final int PROGRESS_EVERY = 1000;

    /** IBANs one cell of "IBAN confirmés" may list. */
    static final int MAX_IBANS_PER_SUPPLIER = 20;

    private final PartyRepository parties;
    private final SupplierIbans ibans;
    private final TransactionTemplate transactions;

    public PartyImport(PartyRepository parties, SupplierIbans ibans, TransactionTemplate transactions) {
        this.parties = parties;
        this.ibans = ibans;
        this.transactions = transactions;
    }

    public record LineError(int line, String message) {
    }

    /** What the import did or would do: the mapping used (header -> field), headers left out, errors by line. */
    public record Report(boolean dryRun, String format, Map<String, String> mapping, List<String> ignoredHeaders,
                         int rows, int imported, List<LineError> errors) {
    }

    /** An import by no person: suppliers' IBANs stay unconfirmed. */
    public Report run(String dossierId, PartyRole role, byte[] file, Map<String, String> requestedMapping, boolean dryRun) {
        return run(dossierId, role, file, requestedMapping, dryRun, null);
    }

    /**
     * @param person the "user:..." label of the person importing: the suppliers' IBANs (columns IBAN and IBAN
     *               confirmés) count as confirmed by them; null (an API key) leaves them unconfirmed
     */
    public Report run(String dossierId, PartyRole role, byte[] file, Map<String, String> requestedMapping, boolean dryRun,
                      String person) {
        ImportTable table;
        try {
            table = SheetReader.read(file);
        } catch (IllegalArgumentException e) {
            return new Report(dryRun, null, Map.of(), List.of(), 0, 0, List.of(new LineError(1, e.getMessage())));
        }
        List<LineError> errors = new ArrayList<>();
        Map<String, String> saved = savedMapping(dossierId, role);
        Map<PartyColumn, Integer> columns = new EnumMap<>(PartyColumn.class);
        Map<String, String> used = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < table.headers().size(); i++) {
            String header = table.headers().get(i);
            Optional<PartyColumn> column = column(header, requestedMapping, saved, errors);
            if (column.isEmpty()) {
                ignored.add(header);
            } else if (columns.containsKey(column.get())) {
                errors.add(new LineError(1, "columns '" + table.headers().get(columns.get(column.get())) + "' and '" + header
                        + "' both map to " + column.get().field() + ": map one of them to another field or to \"\""));
            } else {
                columns.put(column.get(), i);
                used.put(header, column.get().field());
            }
        }
        if (!columns.containsKey(PartyColumn.COMPANY_NAME) && !columns.containsKey(PartyColumn.LAST_NAME)) {
            errors.add(new LineError(1, "missing required column: the company name (\"Raison sociale\", \"company name\")"
                    + " or, for individuals, the last name (\"Nom de famille\", \"last name\"); headers found: "
                    + table.headers()));
        }
        NumberSequence numbers = new NumberSequence(role, parties.numbers(dossierId, role));
        Map<String, Integer> numbersInFile = new HashMap<>();
        List<Party> valid = new ArrayList<>();
        Map<Party, List<String>> confirmedIbans = new HashMap<>();
        if (errors.isEmpty()) {
            for (ImportTable.Row row : table.rows()) {
                try {
                    PartyInput input = input(row, columns);
                    String number = input.number();
                    if (number != null) {
                        Integer earlier = numbersInFile.putIfAbsent(number.strip().toUpperCase(Locale.ROOT), row.line());
                        if (earlier != null) {
                            errors.add(new LineError(row.line(), "number " + number + " is also on line " + earlier));
                        } else if (numbers.inUse(number.strip())) {
                            errors.add(new LineError(row.line(), "number " + number + " is already used by an existing "
                                    + role.label()));
                        }
                    }
                    Party party = PartyFields.apply(PartyFields.blank(UUID.randomUUID().toString(), dossierId, role, null), input);
                    List<String> listed = confirmedIbans(columns.containsKey(PartyColumn.CONFIRMED_IBANS)
                            ? row.cell(columns.get(PartyColumn.CONFIRMED_IBANS)) : null);
                    valid.add(party);
                    if (!listed.isEmpty()) {
                        confirmedIbans.put(party, listed);
                    }
                } catch (PartyFields.InvalidPartyException e) {
                    e.problems().forEach(problem -> errors.add(new LineError(row.line(), problem)));
                }
            }
        }
        if (!errors.isEmpty() || dryRun) {
            return new Report(dryRun, table.detectedFormat(), used, ignored, table.rows().size(), 0, errors);
        }
        valid.forEach(p -> {
            if (p.number() != null) {
                numbers.take(p.number());
            }
        });
        List<Party> numbered = new ArrayList<>();
        List<Party> bankDetails = new ArrayList<>();
        for (Party p : valid) {
            Party n = p.number() != null ? p : withNumber(p, numbers.next());
            numbered.add(n);
            if (role == PartyRole.SUPPLIER) {
                java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
                if (n.iban() != null) {
                    all.add(n.iban());
                }
                all.addAll(confirmedIbans.getOrDefault(p, List.of()));
                all.forEach(iban -> bankDetails.add(withIban(n, iban)));
            }
        }
        insert(dossierId, role, numbered, bankDetails, person);
        saveMapping(dossierId, role, used);
        return new Report(false, table.detectedFormat(), used, ignored, table.rows().size(), numbered.size(), List.of());
    }

    private void insert(String dossierId, PartyRole role, List<Party> all, List<Party> bankDetails, String person) {
        long started = System.nanoTime();
        transactions.executeWithoutResult(tx -> {
            for (int from = 0; from < all.size(); from += BATCH) {
                int to = Math.min(all.size(), from + BATCH);
                parties.batchInsert(all.subList(from, to));
                if (to / PROGRESS_EVERY != from / PROGRESS_EVERY || to == all.size()) {
                    LOG.info("party import dossier={} {}s: {}/{} rows stored", dossierId, role.label(), to, all.size());
                }
            }
            for (int from = 0; from < bankDetails.size(); from += BATCH) {
                ibans.batchImported(bankDetails.subList(from, Math.min(bankDetails.size(), from + BATCH)), person);
            }
        });
        LOG.info("party import dossier={} {}s: {} imported in {} ms", dossierId, role.label(), all.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static Optional<PartyColumn> column(String header, Map<String, String> requested, Map<String, String> saved,
                                                List<LineError> errors) {
        Map<String, String> explicit = requested != null && requested.containsKey(header) ? requested
                : saved.containsKey(header) ? saved : null;
        if (explicit == null) {
            return PartyColumn.guess(header);
        }
        String field = explicit.get(header);
        if (field == null || field.isBlank()) {
            return Optional.empty();
        }
        Optional<PartyColumn> column = PartyColumn.byField(field);
        if (column.isEmpty()) {
            errors.add(new LineError(1, "column '" + header + "' is mapped to '" + field + "', which is not a field; fields: "
                    + java.util.Arrays.stream(PartyColumn.values()).map(PartyColumn::field).toList()));
        }
        return column;
    }

    private static PartyInput input(ImportTable.Row row, Map<PartyColumn, Integer> columns) {
        Map<PartyColumn, String> v = new EnumMap<>(PartyColumn.class);
        columns.forEach((column, index) -> v.put(column, unquote(row.cell(index))));
        String companyName = blankToNull(v.get(PartyColumn.COMPANY_NAME));
        String lastName = blankToNull(v.get(PartyColumn.LAST_NAME));
        String kind = kind(v.get(PartyColumn.KIND), companyName, lastName);
        return new PartyInput(kind, blankToNull(v.get(PartyColumn.NUMBER)), companyName, blankToNull(v.get(PartyColumn.SIREN)),
                blankToNull(v.get(PartyColumn.SIRET)), blankToNull(v.get(PartyColumn.VAT_NUMBER)),
                blankToNull(v.get(PartyColumn.CIVILITY)), blankToNull(v.get(PartyColumn.FIRST_NAME)), lastName,
                blankToNull(v.get(PartyColumn.ADDRESS)), blankToNull(v.get(PartyColumn.POSTCODE)),
                blankToNull(v.get(PartyColumn.CITY)), blankToNull(v.get(PartyColumn.COUNTRY)),
                blankToNull(v.get(PartyColumn.EMAIL)), blankToNull(v.get(PartyColumn.IBAN)),
                bool(v.get(PartyColumn.TRUSTED)), bool(v.get(PartyColumn.BLACKLISTED)), bool(v.get(PartyColumn.ACTIVE)),
                null, null, null);
    }

    private static String kind(String value, String companyName, String lastName) {
        String key = value == null ? "" : PartyColumn.headerKey(value);
        if (List.of("particulier", "individual", "individu", "personne physique", "person").contains(key)) {
            return "INDIVIDUAL";
        }
        if (List.of("societe", "entreprise", "company", "professionnel", "pro", "personne morale", "business").contains(key)) {
            return "COMPANY";
        }
        if (!key.isEmpty()) {
            return value; // PartyFields names the problem
        }
        return companyName == null && lastName != null ? "INDIVIDUAL" : "COMPANY";
    }

    /** "oui", "yes", "x", "1", "vrai", "true" -> true; "non", "no", "0", "faux", "false" -> false; empty -> unchanged. */
    private static Boolean bool(String value) {
        String key = value == null ? "" : PartyColumn.headerKey(value);
        if (key.isEmpty()) {
            return null;
        }
        if (List.of("oui", "yes", "x", "1", "vrai", "true", "o", "y").contains(key)) {
            return true;
        }
        if (List.of("non", "no", "0", "faux", "false", "n").contains(key)) {
            return false;
        }
        throw new PartyFields.InvalidPartyException(List.of("'" + value + "' is not yes or no (oui/non)"));
    }

    /** The apostrophe our export puts before a formula-like value is not part of the value. */
    private static String unquote(String value) {
        return value != null && value.length() > 1 && value.charAt(0) == '\'' && "=+-@\t\r".indexOf(value.charAt(1)) >= 0
                ? value.substring(1) : value;
    }

    /** The IBANs of a "IBAN confirmés" cell, separated by commas, semicolons or line breaks; each one checked. */
    static List<String> confirmedIbans(String cell) {
        if (cell == null || cell.isBlank()) {
            return List.of();
        }
        String[] parts = unquote(cell).split("[,;|\\n]+", MAX_IBANS_PER_SUPPLIER + 2);
        if (parts.length > MAX_IBANS_PER_SUPPLIER) {
            throw new PartyFields.InvalidPartyException(List.of("confirmedIbans lists more than " + MAX_IBANS_PER_SUPPLIER
                    + " IBANs"));
        }
        List<String> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String iban = IbanRules.compact(parts[i]);
            if (iban == null) {
                continue;
            }
            int position = i + 1;
            IbanRules.problem(iban).ifPresentOrElse(
                    problem -> problems.add("confirmedIbans: IBAN " + position + " is not a valid IBAN: " + problem),
                    () -> out.add(iban));
        }
        if (!problems.isEmpty()) {
            throw new PartyFields.InvalidPartyException(problems);
        }
        return out;
    }

    private static Party withIban(Party p, String iban) {
        return new Party(p.id(), p.dossierId(), p.role(), p.number(), p.kind(), p.companyName(), p.siren(), p.siret(),
                p.vatNumber(), p.civility(), p.firstName(), p.lastName(), p.address(), p.postcode(), p.city(), p.country(),
                p.email(), iban, p.trusted(), p.blacklisted(), p.active(), p.createdFromInvoice(), p.parentId(),
                p.billWithParent(), p.publicEntity());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Party withNumber(Party p, String number) {
        return new Party(p.id(), p.dossierId(), p.role(), number, p.kind(), p.companyName(), p.siren(), p.siret(),
                p.vatNumber(), p.civility(), p.firstName(), p.lastName(), p.address(), p.postcode(), p.city(), p.country(),
                p.email(), p.iban(), p.trusted(), p.blacklisted(), p.active(), p.createdFromInvoice(), p.parentId(),
                p.billWithParent(), p.publicEntity());
    }

    private Map<String, String> savedMapping(String dossierId, PartyRole role) {
        return parties.importMapping(dossierId, role).map(json -> {
            try {
                return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
            } catch (JsonProcessingException e) {
                return Map.<String, String>of();
            }
        }).orElse(Map.of());
    }

    private void saveMapping(String dossierId, PartyRole role, Map<String, String> mapping) {
        try {
            parties.saveImportMapping(dossierId, role, JSON.writeValueAsString(mapping));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
