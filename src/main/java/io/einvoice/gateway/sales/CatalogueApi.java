package io.einvoice.gateway.sales;

import io.einvoice.gateway.api.Json;
import io.einvoice.gateway.dossier.AccessService;
import io.einvoice.gateway.dossier.Caller;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotVisibleException;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** /api/dossiers/{siren}/catalogue: the products and services a dossier sells. Another dossier's item answers 404. */
public class CatalogueApi {

    /** The JSON a client sends; prices and rates as JSON numbers or decimal strings. */
    public record Input(String kind, String label, String unit, BigDecimal unitPrice, BigDecimal vatRate, String vatCategory,
                        String exemptionReason, String exemptionCode, Boolean active) {
    }

    public record View(String id, String kind, String label, String unit, String unitPrice, String vatRate, String vatCategory,
                       String exemptionReason, String exemptionCode, boolean active) {
        static View of(CatalogueItem item) {
            return new View(item.id(), item.kind().name(), item.label(), item.unitCode(), item.unitPrice().toPlainString(),
                    item.vat().rate().toPlainString(), item.vat().category(), item.vat().exemptionReason(),
                    item.vat().exemptionCode(), item.active());
        }
    }

    private final AccessService access;
    private final CatalogueRepository catalogue;

    public CatalogueApi(AccessService access, CatalogueRepository catalogue) {
        this.access = access;
        this.catalogue = catalogue;
    }

    public List<View> list(Caller caller, String siren, String active) {
        Boolean filter = active == null || active.isBlank() ? null : Boolean.parseBoolean(active.strip());
        return catalogue.list(dossier(caller, siren).id(), filter).stream().map(View::of).toList();
    }

    public View get(Caller caller, String siren, String id) {
        return View.of(item(dossier(caller, siren), id));
    }

    public View create(Caller caller, String siren, String body) {
        Dossier dossier = dossier(caller, siren);
        CatalogueItem item = item(UUID.randomUUID().toString(), dossier.id(), Json.read(body, Input.class));
        catalogue.insert(item);
        return View.of(item);
    }

    public View update(Caller caller, String siren, String id, String body) {
        Dossier dossier = dossier(caller, siren);
        item(dossier, id);
        CatalogueItem item = item(id, dossier.id(), Json.read(body, Input.class));
        catalogue.update(item);
        return View.of(item);
    }

    public Map<String, Object> delete(Caller caller, String siren, String id) {
        Dossier dossier = dossier(caller, siren);
        if (!catalogue.delete(dossier.id(), id)) {
            throw new NotVisibleException("catalogue item " + id);
        }
        return Map.of("id", id, "deleted", true);
    }

    static CatalogueItem item(String id, String dossierId, Input in) {
        try {
            return new CatalogueItem(id, dossierId, FieldRules.enumeration(LineKind.class, "kind", in.kind(), LineKind.SERVICE),
                    FieldRules.text("label", in.label(), 300, true), FieldRules.unitCode(in.unit()),
                    FieldRules.amount("unitPrice", in.unitPrice(), false),
                    VatChoice.of(in.vatRate(), in.vatCategory(), in.exemptionReason(), in.exemptionCode()),
                    in.active() == null || in.active());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    private CatalogueItem item(Dossier dossier, String id) {
        return catalogue.find(dossier.id(), id).orElseThrow(() -> new NotVisibleException("catalogue item " + id));
    }

    private Dossier dossier(Caller caller, String siren) {
        return access.visibleDossier(caller, siren).orElseThrow(() -> new NotVisibleException("dossier " + siren));
    }
}
