package io.einvoice.gateway.dispatch;

/**
 * Which channel reaches the buyer of a sales invoice (issue 8 §3), in this order:
 * <ol>
 *   <li>the customer is flagged a public entity: Chorus Pro;</li>
 *   <li>the buyer's SIREN is another dossier of this platform: that dossier's purchase flow. Before the Chorus Pro
 *   search because SIRENs of the Chorus qualification recipients are also demo dossiers (123456782);</li>
 *   <li>Chorus Pro knows the buyer's SIRET as a public structure: Chorus Pro;</li>
 *   <li>the dossier has a PA account and marked the buyer as reached through it: the PA (issue 17);</li>
 *   <li>the customer has an e-mail address: e-mail;</li>
 * </ol>
 * otherwise there is no way to reach the buyer, and the reason says what to add.
 */
public final class DispatchRouting {

    /** What is known about the buyer of one invoice. */
    public record Buyer(String name, String siren, String siret, boolean customerPublicEntity, String customerEmail,
                        boolean dossierOnPlatform, boolean reachableThroughPa) {

        public Buyer(String name, String siren, String siret, boolean customerPublicEntity, String customerEmail,
                     boolean dossierOnPlatform) {
            this(name, siren, siret, customerPublicEntity, customerEmail, dossierOnPlatform, false);
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
        if (buyer.dossierOnPlatform()) {
            return new Route(DispatchChannel.PLATFORM, buyer.siren(), "the buyer " + buyer.siren() + " is a dossier of this platform");
        }
        if (buyer.siret() != null && chorus.isPublicStructure(buyer.siret())) {
            return new Route(DispatchChannel.CHORUS, buyer.siret(), "Chorus Pro knows " + buyer.siret() + " as a public structure");
        }
        if (buyer.reachableThroughPa()) {
            return new Route(DispatchChannel.PA, buyer.siren(), "the buyer " + buyer.siren() + " is reached through the dossier's PA");
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
