package io.einvoice.gateway.party;

/** A company (named, with SIREN/SIRET/VAT) or an individual (civility, first and last name). */
public enum PartyKind {
    COMPANY,
    INDIVIDUAL
}
