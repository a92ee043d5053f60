package io.einvoice.gateway.party;

import io.einvoice.gateway.dossier.Siren;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Optional;

/**
 * Finds the supplier an incoming invoice comes from — by SIREN, then VAT number, then IBAN, then exact (normalised)
 * name — and creates it from the invoice's identifiers when the dossier does not know it yet.
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

    public Optional<Party> match(String dossierId, Seller seller) {
        String siren = seller.siren() != null ? seller.siren()
                : seller.siret() != null && seller.siret().length() == 14 ? seller.siret().substring(0, 9) : null;
        Optional<Party> found = parties.findBy(dossierId, PartyRole.SUPPLIER, "siren", siren);
        if (found.isEmpty()) {
            found = parties.findBy(dossierId, PartyRole.SUPPLIER, "vat_number", compact(seller.vat()));
        }
        if (found.isEmpty()) {
            found = parties.findBy(dossierId, PartyRole.SUPPLIER, "iban", compact(seller.iban()));
        }
        if (found.isEmpty() && seller.name() != null && !SearchText.normalize(seller.name()).isEmpty()) {
            String name = SearchText.normalize(seller.name());
            found = parties.withNameLike(dossierId, PartyRole.SUPPLIER, name).stream()
                    .filter(p -> name.equals(SearchText.normalize(p.displayName()))).findFirst();
        }
        return found;
    }

    /** The known supplier, or a new one marked "created from an invoice"; empty when the invoice names no seller at all. */
    public Optional<Party> matchOrCreate(String dossierId, Seller seller) {
        Optional<Party> known = match(dossierId, seller);
        if (known.isPresent()) {
            return known;
        }
        String siren = Siren.isValid(seller.siren()) ? seller.siren() : null;
        String name = seller.name() == null || seller.name().isBlank() ? siren : seller.name().strip();
        if (name == null) {
            return Optional.empty();
        }
        Party created = service.createFromInvoice(dossierId, name, siren,
                Siren.isValidSiret(seller.siret()) ? seller.siret() : null, compact(seller.vat()), compact(seller.iban()));
        LOG.info("party dossier={} supplier {} created from an invoice", dossierId, created.label());
        return Optional.of(created);
    }

    private static String compact(String identifier) {
        return identifier == null || identifier.isBlank() ? null
                : identifier.replaceAll("[\\s.\\-]", "").toUpperCase(Locale.ROOT);
    }
}
