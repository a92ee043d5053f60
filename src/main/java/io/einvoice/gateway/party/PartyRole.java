package io.einvoice.gateway.party;

/** Suppliers and customers are numbered apart: FOUR-001..., CLI-001... */
public enum PartyRole {
    SUPPLIER("FOUR"),
    CUSTOMER("CLI");

    private final String numberPrefix;

    PartyRole(String numberPrefix) {
        this.numberPrefix = numberPrefix;
    }

    public String numberPrefix() {
        return numberPrefix;
    }

    public String label() {
        return this == SUPPLIER ? "supplier" : "customer";
    }
}
