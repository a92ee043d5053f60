package io.einvoice.gateway.party;

import io.einvoice.gateway.api.Download;
import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotAllowedException;
import io.einvoice.gateway.refusal.NotVisibleException;
import io.einvoice.gateway.refusal.StateConflictException;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * /api/dossiers/{siren}/suppliers and /customers, /api/parties/{id}: every access goes through the caller's visible
 * dossiers; a party of a dossier the caller may not see answers 404.
 */
public class PartiesApi {

    private static final int MAX_PAGE = 500;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PartiesApi.class);
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPINGS = new com.fasterxml.jackson.databind.ObjectMapper();

    private final AccessService access;
    private final PartyRepository parties;
    private final PartyService service;
    private final PartyImport imports;
    private final SupplierIbans ibans;

    public PartiesApi(AccessService access, PartyRepository parties, PartyService service, PartyImport imports,
                      SupplierIbans ibans) {
        this.access = access;
        this.parties = parties;
        this.service = service;
        this.imports = imports;
        this.ibans = ibans;
    }

    public record Page(List<PartyView> items, long total, int limit, int offset) {
    }

    public record MergeRequest(String from) {
    }

    public Page list(Caller caller, String siren, String role, String q, String active, String limit, String offset) {
        Dossier dossier = dossier(caller, siren);
        PartyRole partyRole = role(role);
        int pageSize = number("limit", limit, 50);
        int skip = number("offset", offset, 0);
        if (pageSize < 1 || pageSize > MAX_PAGE) {
            throw new InvalidInputException("limit must be between 1 and " + MAX_PAGE);
        }
        Boolean activeOnly = active == null || active.isBlank() ? null : Boolean.parseBoolean(active.trim());
        List<PartyView> items = parties.search(dossier.id(), partyRole, q, activeOnly, pageSize, skip).stream()
                .map(PartyView::of).toList();
        return new Page(items, parties.count(dossier.id(), partyRole, q, activeOnly), pageSize, skip);
    }

    public PartyView create(Caller caller, String siren, String role, String body) {
        Dossier dossier = dossier(caller, siren);
        PartyInput input = Json.read(body, PartyInput.class);
        Party created = guarded(() -> service.create(dossier.id(), role(role), input, person(caller)));
        return PartyView.of(parties.findById(created.id()).orElseThrow());
    }

    public PartyView get(Caller caller, String id) {
        return PartyView.of(visible(caller, id));
    }

    public PartyView patch(Caller caller, String id, String body) {
        Party existing = visible(caller, id).party();
        PartyInput input = Json.read(body, PartyInput.class);
        guarded(() -> service.update(existing, input, person(caller)));
        return PartyView.of(parties.findById(id).orElseThrow());
    }

    /** 204 when deleted; 409 "deactivated_instead" when the party has documents (it is then inactive). */
    public Map<String, Object> delete(Caller caller, String id) {
        Party party = visible(caller, id).party();
        PartyService.Deletion outcome = guarded(() -> service.delete(party));
        if (outcome == PartyService.Deletion.DEACTIVATED) {
            throw new StateConflictException("deactivated_instead", party.label() + " has documents, so it cannot be deleted:"
                    + " it was deactivated instead (reactivate it with PATCH {\"active\": true})");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("deleted", true);
        return answer;
    }

    /** Merges the party named in {"from"} into {id}: its documents move to {id}, then it is deleted. */
    public Map<String, Object> merge(Caller caller, String id, String body) {
        Party kept = visible(caller, id).party();
        String from = Json.read(body, MergeRequest.class).from();
        if (from == null || from.isBlank()) {
            throw new InvalidInputException("send {\"from\": \"<id of the party to merge into this one>\"}");
        }
        Party removed = visible(caller, from).party();
        int moved = guarded(() -> service.merge(kept, removed));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("kept", PartyView.of(parties.findById(id).orElseThrow()));
        answer.put("removed", from);
        answer.put("documentsMoved", moved);
        return answer;
    }

    /**
     * The file is the raw request body (CSV or XLSX). {@code mapping}: optional JSON {"header": "field"} ("" ignores a
     * column). Answers the report; nothing is imported when it lists errors or when {@code dryRun} is true.
     */
    public PartyImport.Report importFile(Caller caller, String siren, String role, String dryRun, String mapping, byte[] file) {
        Dossier dossier = dossier(caller, siren);
        Map<String, String> requested = null;
        if (mapping != null && !mapping.isBlank()) {
            try {
                requested = MAPPINGS.readValue(mapping, new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new InvalidInputException("mapping must be a JSON object {\"column header\": \"field\"}: " + e.getOriginalMessage());
            }
        }
        if (file == null || file.length == 0) {
            throw new InvalidInputException("send the CSV or XLSX file as the request body (curl --data-binary @file.csv)");
        }
        return imports.run(dossier.id(), role(role), file, requested, dryRun != null && Boolean.parseBoolean(dryRun.trim()),
                person(caller));
    }

    public record BankDetail(String iban, String firstSeenAt, String firstDocumentId, String source, boolean confirmed,
                             String confirmedBy, String confirmedAt) {
        static BankDetail of(SupplierIban i) {
            return new BankDetail(i.iban(), i.firstSeenAt().toString(), i.firstDocumentId(), i.source().name(),
                    i.confirmed(), i.confirmedBy(), i.confirmedAt() == null ? null : i.confirmedAt().toString());
        }
    }

    public record Event(String at, String actor, String type, String details) {
    }

    public record BankDetails(String partyId, List<BankDetail> ibans, List<Event> events) {
    }

    public record ConfirmRequest(String iban) {
    }

    /** Every IBAN seen for a supplier, with where it came from and who confirmed it, and the confirmation events. */
    public BankDetails bankDetails(Caller caller, String id) {
        Party supplier = supplier(caller, id);
        return new BankDetails(supplier.id(), ibans.of(supplier.id()).stream().map(BankDetail::of).toList(),
                ibans.events(supplier.id()).stream()
                        .map(e -> new Event(e.at().toString(), e.actor(), e.type(), e.details())).toList());
    }

    /**
     * A person confirms an IBAN seen for a supplier, after checking it with the supplier by a known channel. Where
     * money goes is a person's decision: an API key gets 403.
     */
    public BankDetails confirmIban(Caller caller, String id, String body) {
        Party supplier = supplier(caller, id);
        if (!(caller instanceof Caller.Person)) {
            throw new NotAllowedException("confirming bank details is a person's decision: log in as a user of the firm");
        }
        String iban = IbanRules.compact(Json.read(body, ConfirmRequest.class).iban());
        if (iban == null) {
            throw new InvalidInputException("send {\"iban\": \"<one of the supplier's IBANs>\"}");
        }
        if (iban.length() > IbanRules.MAX_LENGTH || ibans.find(supplier.id(), iban).isEmpty()) {
            throw new NotVisibleException("this IBAN among the bank details of " + supplier.number());
        }
        if (ibans.confirm(supplier.id(), iban, caller.label())) {
            LOG.info("party dossier={} supplier {} IBAN confirmed by {}", supplier.dossierId(), supplier.number(),
                    caller.label());
        }
        return bankDetails(caller, id);
    }

    private Party supplier(Caller caller, String id) {
        Party party = visible(caller, id).party();
        if (party.role() != PartyRole.SUPPLIER) {
            throw new InvalidInputException(party.number() + " is a customer: bank details are kept for suppliers");
        }
        return party;
    }

    /** The label of a person, who may confirm bank details; null for an API key, which may not. */
    private static String person(Caller caller) {
        return caller instanceof Caller.Person ? caller.label() : null;
    }

    public Download export(Caller caller, String siren, String role, String format) {
        Dossier dossier = dossier(caller, siren);
        PartyRole partyRole = role(role);
        PartyExport.Format f = format(format);
        List<Party> all = parties.search(dossier.id(), partyRole, null, null, Integer.MAX_VALUE, 0).stream()
                .map(StoredParty::party).toList();
        Map<String, List<String>> confirmed = partyRole == PartyRole.SUPPLIER ? ibans.confirmedByParty(dossier.id()) : Map.of();
        return download(dossier.siren() + "-" + role.toLowerCase(Locale.ROOT), f, PartyExport.write(all, confirmed, f));
    }

    public Download template(Caller caller, String siren, String role, String format) {
        dossier(caller, siren);
        PartyExport.Format f = format(format);
        return download("modele-" + role.toLowerCase(Locale.ROOT), f, PartyExport.write(List.of(), Map.of(), f));
    }

    private static Download download(String baseName, PartyExport.Format format, byte[] bytes) {
        return format == PartyExport.Format.CSV
                ? new Download(baseName + ".csv", "text/csv; charset=UTF-8", new ByteArrayInputStream(bytes))
                : new Download(baseName + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        new ByteArrayInputStream(bytes));
    }

    private static PartyExport.Format format(String format) {
        if (format == null || format.isBlank()) {
            return PartyExport.Format.CSV;
        }
        try {
            return PartyExport.Format.valueOf(format.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("format must be csv or xlsx");
        }
    }

    private static <T> T guarded(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    private StoredParty visible(Caller caller, String id) {
        return parties.findById(id).filter(p -> access.visibleDossierById(caller, p.party().dossierId()).isPresent())
                .orElseThrow(() -> new NotVisibleException("party " + id));
    }

    private Dossier dossier(Caller caller, String siren) {
        return access.visibleDossier(caller, siren).orElseThrow(() -> new NotVisibleException("dossier " + siren));
    }

    static PartyRole role(String role) {
        return switch (role == null ? "" : role.toLowerCase(Locale.ROOT)) {
            case "suppliers", "supplier" -> PartyRole.SUPPLIER;
            case "customers", "customer" -> PartyRole.CUSTOMER;
            default -> throw new InvalidInputException("role must be suppliers or customers");
        };
    }

    private static int number(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 0) {
                throw new InvalidInputException(name + " must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name + " must be a whole number");
        }
    }
}
