package io.einvoice.gateway.document;

/** Which way an invoice goes for its dossier. */
public enum Direction {
    PURCHASE, SALES
}
