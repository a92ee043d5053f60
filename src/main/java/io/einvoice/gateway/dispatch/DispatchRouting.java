package io.einvoice.gateway.dispatch;

/**
 * Which channel reaches the buyer of a sales invoice (issue 8 §3, issue 17 §3), in this order:
 * <ol>
 *   <li>the customer is flagged a public entity, or the reform's directory routes the buyer to the State's platform
 *   ({@code DFH}): Chorus Pro, even when the buyer is also a dossier here;</li>
 *   <li>the buyer's SIREN is another dossier of this platform: that dossier's purchase flow. Before the Chorus Pro
 *   search because SIRENs of the Chorus qualification recipients are also demo dossiers (123456782);</li>
 *   <li>Chorus Pro knows the buyer's SIRET as a public structure: Chorus Pro;</li>
 *   <li>the dossier has a PA account and marked the buyer as reached through it, or the directory routes the buyer to
 *   a certified platform ({@code WK}) and the dossier has a PA account: the PA (issue 17);</li>
 *   <li>a buyer the directory routes to a certified platform is not sent by e-mail (the reform forbids it): the
 *   reason says to set up the PA account;</li>
 *   <li>the customer has an e-mail address (a buyer outside the reform: foreign, individual): e-mail;</li>
 * </ol>
 * otherwise there is no way to reach the buyer, and the reason says what to add.
 */
public final class DispatchRouting {

    /** What is known about the buyer of one invoice. */
    /**
     * @param directoryPlatform the platform type of the buyer's directory line in effect: {@code WK} (a PA), {@code DFH}
     *                          (the State's), or null (no line: outside the reform)
     * @param dossierHasPa      the selling dossier has a PA account
     */
    public record Buyer(String name, String siren, String siret, boolean customerPublicEntity, String customerEmail,
                        boolean dossierOnPlatform, boolean reachableThroughPa, String directoryPlatform,
                        boolean dossierHasPa) {

        public Buyer(String name, String siren, String siret, boolean customerPublicEntity, String customerEmail,
                     boolean dossierOnPlatform) {
            this(name, siren, siret, customerPublicEntity, customerEmail, dossierOnPlatform, false);
        }

        public Buyer(String name, String siren, String siret, boolean customerPublicEntity, String customerEmail,
                     boolean dossierOnPlatform, boolean reachableThroughPa) {
            this(name, siren, siret, customerPublicEntity, customerEmail, dossierOnPlatform, reachableThroughPa, null, false);
        }
    }

    /** Whether Chorus Pro knows a SIRET as a public structure; may call Chorus Pro, so it is asked last. */
    public interface ChorusDirectory {
        boolean isPublicStructure(String siret) throws Exception;
    }

    /** A channel with the address to use there (e-mail address, buyer SIREN, buyer SIRET), or why there is none. */
    public record Route(DispatchChannel channel, String address, String why) {
        public boolean found() {
            return channel != null;
        }
    }

    private DispatchRouting() {
    }

    public static Route decide(Buyer buyer, ChorusDirectory chorus) throws Exception {
        if (buyer.customerPublicEntity()) {
            return new Route(DispatchChannel.CHORUS, buyer.siret(), "the customer is a public entity");
        }
        if ("DFH".equals(buyer.directoryPlatform())) {
            return new Route(DispatchChannel.CHORUS, buyer.siret(), "the directory routes the buyer " + buyer.siren()
                    + " to the State's platform (Chorus Pro)");
        }
        if (buyer.dossierOnPlatform()) {
            return new Route(DispatchChannel.PLATFORM, buyer.siren(), "the buyer " + buyer.siren() + " is a dossier of this platform");
        }
        if (buyer.siret() != null && chorus.isPublicStructure(buyer.siret())) {
            return new Route(DispatchChannel.CHORUS, buyer.siret(), "Chorus Pro knows " + buyer.siret() + " as a public structure");
        }
        if (buyer.reachableThroughPa()) {
            return new Route(DispatchChannel.PA, buyer.siren(), "the buyer " + buyer.siren() + " is reached through the dossier's PA");
        }
        if ("WK".equals(buyer.directoryPlatform())) {
            if (buyer.dossierHasPa()) {
                return new Route(DispatchChannel.PA, buyer.siren(), "the directory routes the buyer " + buyer.siren()
                        + " to a certified platform, reached through the dossier's PA");
            }
            return new Route(null, null, "the directory routes the buyer " + buyer.siren() + " to a certified platform:"
                    + " the reform forbids sending it by e-mail; set up the dossier's PA account"
                    + " (PUT /api/dossiers/{siren}/pa), then replay");
        }
        if (buyer.customerEmail() != null) {
            return new Route(DispatchChannel.EMAIL, buyer.customerEmail(), "the customer's e-mail address");
        }
        String who = buyer.name() == null ? "the buyer" : "the buyer " + buyer.name();
        return new Route(null, null, "no way to reach " + who + (buyer.siren() == null ? "" : " (SIREN " + buyer.siren() + ")")
                + ": not a dossier of this platform, not a public entity on Chorus Pro, and no customer with an e-mail"
                + " address; add the e-mail address to the customer (or mark it a public entity), then replay");
    }
}
