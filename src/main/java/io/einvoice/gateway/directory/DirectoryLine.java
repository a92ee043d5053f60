package io.einvoice.gateway.directory;

/**
 * One line of the directory (XP Z12-013 {@code directoryLine}): the mesh it addresses (a SIREN, a SIRET of it, a
 * routing code of that SIRET, or a suffix) and the kind of platform that receives for it.
 *
 * @param platformType {@code WK} a certified platform (PA), {@code DFH} the State's (Chorus Pro for public buyers)
 * @param status       {@code Enabled}, {@code Disabled} (no platform) or {@code Upcoming} (not in effect yet)
 */
public record DirectoryLine(String addressingIdentifier, String siren, String siret, String routingIdentifier,
                            String addressingSuffix, String platformType, String status) {

    /** How specific the mesh is: a routing code beats a SIRET, which beats the SIREN's generic line. */
    int specificity() {
        return routingIdentifier != null ? 3 : siret != null ? 2 : addressingSuffix != null ? 1 : 0;
    }

    boolean enabled() {
        return "Enabled".equals(status);
    }

    /** BT-49, the buyer's electronic address: scheme 0225 (French directory) and the line's addressing identifier. */
    public String electronicAddress() {
        return "0225:" + addressingIdentifier;
    }
}
