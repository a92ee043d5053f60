package io.einvoice.gateway.dispatch;

/** How a sales invoice goes out (docs/contract.md {@code dispatchChannel}). */
public enum DispatchChannel {
    /** into the purchase flow of the buyer's dossier on this platform */
    PLATFORM,
    /** to a public buyer through Chorus Pro */
    CHORUS,
    /** as a flow to the dossier's plateforme agréée (XP Z12-013), for a buyer marked as reached through it */
    PA,
    /** by mail through the seller dossier's SMTP settings, the Factur-X attached */
    EMAIL
}
