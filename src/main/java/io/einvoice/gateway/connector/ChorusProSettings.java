package io.einvoice.gateway.connector;

/**
 * Chorus Pro reception, for a dossier that is a public buyer: the invoices its structure receives, read through the
 * Chorus Pro API the gateway is configured for ({@code GATEWAY_CHORUS_API_URL}, {@code GATEWAY_CHORUS_TOKEN_URL}).
 * {@code recipientSiret} is the dossier's structure on Chorus Pro (14 digits); {@code clientId} the PISTE application
 * and {@code technicalLogin} the Chorus Pro technical account attached to that structure. The connector's secret is
 * the PISTE client secret, a colon, then the technical password ({@code secret:password}; the password may hold
 * colons, a PISTE secret does not).
 */
public record ChorusProSettings(String recipientSiret, String clientId, String technicalLogin) implements SourceSettings {
}
