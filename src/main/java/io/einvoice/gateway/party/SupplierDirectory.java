package io.einvoice.gateway.party;

import io.einvoice.gateway.dossier.Siren;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the supplier an incoming invoice comes from, and creates it when the dossier does not know it yet.
 * <p>
 * An invoice that gives a legal identifier (a valid SIREN, or the SIREN of its SIRET, or a VAT number) is matched by
 * it only: SIREN first, then VAT number. Name and IBAN are what a fraudster copies, so they only identify the supplier
 * of an invoice that gives no legal identifier at all, and such a match is never enough for approval without a person.
 * A supplier whose name the invoice copies but whose identifiers differ is named as a look-alike of the new supplier.
 */
public class SupplierDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(SupplierDirectory.class);

    private final PartyRepository parties;
    private final PartyService service;

    public SupplierDirectory(PartyRepository parties, PartyService service) {
        this.parties = parties;
        this.service = service;
    }

    /** What an invoice says about its seller; any of it may be missing. */
    public record Seller(String name, String siren, String siret, String vat, String iban) {
    }

    /**
     * The supplier of an invoice and what a person must check about that match (empty when nothing).
     *
     * @param created true when the supplier was made from this invoice
     */
    public record Found(Party party, boolean created, List<String> checkReasons) {
        public Found {
            checkReasons = List.copyOf(checkReasons);
        }
    }

    /** The known supplier, or a new one marked "created from an invoice"; empty when the invoice names no seller at all. */
    public Optional<Found> matchOrCreate(String dossierId, Seller seller) {
        String siren = siren(seller);
        String vat = vat(seller.vat());
        String iban = IbanRules.compact(seller.iban());
        String name = seller.name() == null ? "" : SearchText.normalize(seller.name());
        if (siren != null || vat != null) {
            Optional<Party> known = byLegalIdentifier(dossierId, siren, vat);
            List<String> reasons = lookAlikes(dossierId, name, siren, vat, known.map(Party::id).orElse(null));
            if (known.isPresent()) {
                return Optional.of(new Found(known.get(), false, reasons));
            }
            return create(dossierId, seller, siren, vat, iban).map(p -> new Found(p, true, reasons));
        }
        if (iban != null) {
            Optional<Party> byIban = parties.findBy(dossierId, PartyRole.SUPPLIER, "iban", iban);
            if (byIban.isPresent()) {
                return Optional.of(new Found(byIban.get(), false, List.of(weakMatch(byIban.get(), "IBAN"))));
            }
        }
        if (!name.isEmpty()) {
            Optional<Party> byName = sameName(dossierId, name).stream().findFirst();
            if (byName.isPresent()) {
                return Optional.of(new Found(byName.get(), false, List.of(weakMatch(byName.get(), "name"))));
            }
        }
        return create(dossierId, seller, null, null, iban).map(p -> new Found(p, true, List.of()));
    }

    private Optional<Party> byLegalIdentifier(String dossierId, String siren, String vat) {
        Optional<Party> found = parties.findBy(dossierId, PartyRole.SUPPLIER, "siren", siren);
        if (found.isEmpty() && vat != null) {
            // a VAT number shared with a supplier of another SIREN identifies neither: that is a look-alike
            found = parties.findBy(dossierId, PartyRole.SUPPLIER, "vat_number", vat)
                    .filter(p -> siren == null || p.siren() == null || p.siren().equals(siren));
        }
        return found;
    }

    /** Suppliers with the invoice's name or VAT number whose legal identifiers are not the invoice's. */
    private List<String> lookAlikes(String dossierId, String name, String siren, String vat, String matchedId) {
        List<String> reasons = new ArrayList<>();
        List<Party> candidates = new ArrayList<>(name.isEmpty() ? List.of() : sameName(dossierId, name));
        if (vat != null) {
            parties.findBy(dossierId, PartyRole.SUPPLIER, "vat_number", vat)
                    .filter(p -> candidates.stream().noneMatch(c -> c.id().equals(p.id())))
                    .ifPresent(candidates::add);
        }
        for (Party p : candidates) {
            if (p.id().equals(matchedId)) {
                continue;
            }
            boolean sameVat = vat != null && vat.equals(p.vatNumber());
            String copied = sameVat && name.equals(SearchText.normalize(p.displayName())) ? "name and VAT number"
                    : sameVat ? "VAT number" : "name";
            if (p.siren() == null && p.vatNumber() == null) {
                reasons.add("the seller has the " + copied + " of supplier " + p.label() + ", which has no SIREN or VAT"
                        + " number on file: recorded as another supplier, not trusted; if it is the same company, give "
                        + p.number() + " its SIREN and merge the two");
            } else {
                reasons.add("the seller has the " + copied + " of supplier " + p.label() + " (" + identity(p)
                        + ") but gives another " + (siren != null ? "SIREN" : "VAT number")
                        + ": recorded as another supplier, not trusted; check who really sent this invoice");
            }
        }
        return reasons;
    }

    private List<Party> sameName(String dossierId, String normalizedName) {
        return parties.withNameLike(dossierId, PartyRole.SUPPLIER, normalizedName).stream()
                .filter(p -> normalizedName.equals(SearchText.normalize(p.displayName()))).toList();
    }

    private static String weakMatch(Party p, String key) {
        return "supplier " + p.label() + " recognised by its " + key + " only: the invoice gives no SIREN or VAT number";
    }

    private static String identity(Party p) {
        return p.siren() != null ? "SIREN " + p.siren() : "VAT number " + p.vatNumber();
    }

    private Optional<Party> create(String dossierId, Seller seller, String siren, String vat, String iban) {
        String name = seller.name() == null || seller.name().isBlank() ? siren : seller.name().strip();
        if (name == null) {
            return Optional.empty();
        }
        Party created = service.createFromInvoice(dossierId, name, siren,
                Siren.isValidSiret(seller.siret()) ? seller.siret() : null, vat, IbanRules.isValid(iban) ? iban : null);
        LOG.info("party dossier={} supplier {} created from an invoice", dossierId, created.number());
        return Optional.of(created);
    }

    /** The invoice's SIREN, else its SIRET's; only one with valid check digits identifies anybody. */
    static String siren(Seller seller) {
        String given = seller.siren() == null ? null : seller.siren().replaceAll("\\s", "");
        if (Siren.isValid(given)) {
            return given;
        }
        String siret = seller.siret() == null ? null : seller.siret().replaceAll("\\s", "");
        return Siren.isValidSiret(siret) ? siret.substring(0, 9) : null;
    }

    /** The invoice's VAT number in the form the directory keeps; only a plausible one identifies anybody. */
    static String vat(String value) {
        String compact = IbanRules.compact(value);
        return compact != null && compact.matches(PartyFields.VAT_PATTERN) ? compact : null;
    }
}
