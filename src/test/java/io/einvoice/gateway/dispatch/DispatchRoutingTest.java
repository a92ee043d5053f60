package io.einvoice.gateway.dispatch;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order in which a buyer is looked for: flagged public entity, platform dossier, Chorus Pro directory, the dossier's
 * PA, e-mail.
 */
class DispatchRoutingTest {

    private final List<String> asked = new ArrayList<>();

    private DispatchRouting.ChorusDirectory chorusKnows(boolean known) {
        return siret -> {
            asked.add(siret);
            return known;
        };
    }

    private static DispatchRouting.Buyer buyer(boolean flaggedPublic, String email, boolean onPlatform) {
        return new DispatchRouting.Buyer("Acheteur", "123456782", "12345678200051", flaggedPublic, email, onPlatform);
    }

    @Test
    void aCustomerFlaggedPublicGoesToChorusWithoutAskingChorus() throws Exception {
        DispatchRouting.Route route = DispatchRouting.decide(buyer(true, "a@b.fr", true), chorusKnows(false));
        assertThat(route.channel()).isEqualTo(DispatchChannel.CHORUS);
        assertThat(route.address()).isEqualTo("12345678200051");
        assertThat(asked).isEmpty();
    }

    @Test
    void aPlatformDossierWinsOverTheChorusDirectoryThatSharesItsSiren() throws Exception {
        DispatchRouting.Route route = DispatchRouting.decide(buyer(false, "a@b.fr", true), chorusKnows(true));
        assertThat(route.channel()).isEqualTo(DispatchChannel.PLATFORM);
        assertThat(route.address()).isEqualTo("123456782");
        assertThat(asked).isEmpty();
    }

    @Test
    void aStructureKnownToChorusGoesThereBeforeEmail() throws Exception {
        assertThat(DispatchRouting.decide(buyer(false, "a@b.fr", false), chorusKnows(true)).channel())
                .isEqualTo(DispatchChannel.CHORUS);
        DispatchRouting.Route mail = DispatchRouting.decide(buyer(false, "a@b.fr", false), chorusKnows(false));
        assertThat(mail.channel()).isEqualTo(DispatchChannel.EMAIL);
        assertThat(mail.address()).isEqualTo("a@b.fr");
    }

    @Test
    void aBuyerReachedThroughThePaGoesThereAfterChorusAndBeforeEmail() throws Exception {
        DispatchRouting.Buyer viaPa = new DispatchRouting.Buyer("Acheteur", "123456782", "12345678200051", false, "a@b.fr",
                false, true);
        DispatchRouting.Route pa = DispatchRouting.decide(viaPa, chorusKnows(false));
        assertThat(pa.channel()).isEqualTo(DispatchChannel.PA);
        assertThat(pa.address()).isEqualTo("123456782");
        assertThat(DispatchRouting.decide(viaPa, chorusKnows(true)).channel()).isEqualTo(DispatchChannel.CHORUS);
        DispatchRouting.Buyer publicViaPa = new DispatchRouting.Buyer("Commune", "123456782", "12345678200051", true, null,
                false, true);
        assertThat(DispatchRouting.decide(publicViaPa, chorusKnows(false)).channel()).isEqualTo(DispatchChannel.CHORUS);
    }

    @Test
    void theDirectoryDecidesChorusProEvenForADossierHereAndThePaBeforeEmail() throws Exception {
        DispatchRouting.Buyer state = directoryBuyer("DFH", true, false);
        DispatchRouting.Route chorus = DispatchRouting.decide(state, chorusKnows(false));
        assertThat(chorus.channel()).isEqualTo(DispatchChannel.CHORUS);
        assertThat(chorus.why()).contains("directory").contains("Chorus Pro");

        DispatchRouting.Route pa = DispatchRouting.decide(directoryBuyer("WK", false, true), chorusKnows(false));
        assertThat(pa.channel()).isEqualTo(DispatchChannel.PA);
        assertThat(pa.why()).contains("directory");
        assertThat(DispatchRouting.decide(directoryBuyer("WK", true, true), chorusKnows(false)).channel())
                .as("a dossier of this platform is delivered here").isEqualTo(DispatchChannel.PLATFORM);
    }

    @Test
    void aBuyerInTheReformIsNeverMailedWhenTheDossierHasNoPa() throws Exception {
        DispatchRouting.Route none = DispatchRouting.decide(directoryBuyer("WK", false, false), chorusKnows(false));
        assertThat(none.found()).isFalse();
        assertThat(none.why()).contains("forbids sending it by e-mail").contains("PA account");
        assertThat(DispatchRouting.decide(directoryBuyer(null, false, false), chorusKnows(false)).channel())
                .as("no directory line: outside the reform").isEqualTo(DispatchChannel.EMAIL);
    }

    private static DispatchRouting.Buyer directoryBuyer(String platform, boolean onPlatform, boolean dossierHasPa) {
        return new DispatchRouting.Buyer("Acheteur", "123456782", "12345678200051", false, "a@b.fr", onPlatform, false,
                platform, dossierHasPa);
    }

    @Test
    void withoutAnyChannelTheReasonSaysWhatToAdd() throws Exception {
        DispatchRouting.Route none = DispatchRouting.decide(buyer(false, null, false), chorusKnows(false));
        assertThat(none.found()).isFalse();
        assertThat(none.why()).contains("Acheteur").contains("123456782").contains("add the e-mail address");
    }

    @Test
    void aBuyerWithoutSiretIsNotLookedUpOnChorus() throws Exception {
        DispatchRouting.Buyer noSiret = new DispatchRouting.Buyer("X", "552100554", null, false, "x@y.fr", false);
        assertThat(DispatchRouting.decide(noSiret, chorusKnows(true)).channel()).isEqualTo(DispatchChannel.EMAIL);
        assertThat(asked).isEmpty();
    }
}
