package io.einvoice.gateway.party;

/** A party as read back, with what is derived at read time: whether its SIREN is a dossier of this platform. */
public record StoredParty(Party party, boolean onPlatform) {
}
