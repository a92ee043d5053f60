package io.einvoice.gateway.sales;

import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.invoice.InvoiceType;
import io.einvoice.gateway.party.Party;

import java.util.ArrayList;
import java.util.List;

/**
 * What must hold before a draft is worth numbering, each problem said with what to do: checked before the Factur-X
 * is written, so a draft that cannot become a valid invoice never costs a validation run, let alone a number.
 */
public final class FinalisePreconditions {

    private FinalisePreconditions() {
    }

    public static List<String> problems(Dossier dossier, SalesSettings settings, Party customer, SalesDraft draft) {
        List<String> problems = new ArrayList<>();
        String settingsPath = "PUT /api/dossiers/" + dossier.siren() + "/sales-settings";
        if (draft.lines().isEmpty()) {
            problems.add("the invoice has no line: add at least one");
        }
        if (draft.type() != InvoiceType.CREDIT_NOTE && settings.iban() == null) {
            problems.add("the dossier has no IBAN for customers to pay to (BT-84): set 'iban' with " + settingsPath);
        }
        if (settings.address() == null || settings.postcode() == null || settings.city() == null) {
            problems.add("the dossier's postal address (BG-5) is incomplete: set 'address', 'postcode' and 'city' with " + settingsPath);
        }
        boolean standardRated = draft.lines().stream().anyMatch(l -> "S".equals(l.vat().category()));
        if (standardRated && dossier.vatNumber() == null) {
            problems.add("lines carry VAT but the dossier has no VAT number (BR-S-02): record it on the dossier");
        }
        if (!customer.active()) {
            problems.add("customer " + customer.label() + " is deactivated: reactivate it or choose another customer");
        }
        if (customer.displayName() == null || customer.displayName().isBlank()) {
            problems.add("customer " + customer.number() + " has no name (BT-44)");
        }
        return problems;
    }
}
