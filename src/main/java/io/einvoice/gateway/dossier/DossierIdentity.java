package io.einvoice.gateway.dossier;

/**
 * What never changes about a dossier once created: which it is, its firm and its SIREN. The pipeline's steps need only
 * this (log lines, firm walls, CDAR parties), so a node reads it once per dossier ({@link DossierRepository#identity});
 * what does change (the status) is read with {@link DossierRepository#findById}.
 */
public record DossierIdentity(String id, String firmId, String siren) {
}
