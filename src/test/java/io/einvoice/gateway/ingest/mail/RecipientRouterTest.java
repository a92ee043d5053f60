package io.einvoice.gateway.ingest.mail;

import io.einvoice.gateway.document.Direction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecipientRouterTest {

    private final List<InboundAddress> book = List.of(
            new InboundAddress("d1", "f", "123456782", null, null),
            new InboundAddress("d2", "f", "552100554", "compta-b", "ventes-b"));

    @Test
    void eachDossierWhoseAddressIsARecipientGetsTheMailOnceAndOtherDomainsAreIgnored() {
        RecipientRouter.Routing r = RecipientRouter.route(List.of("catchall@in.test", "siren123456782@in.test",
                "someone@elsewhere.test", "COMPTA-B@IN.TEST", "siren123456782@in.test"), "in.test", book);

        assertThat(r.targets()).extracting(RecipientRouter.Target::siren).containsExactly("123456782", "552100554");
        assertThat(r.targets()).extracting(RecipientRouter.Target::direction).containsOnly(Direction.PURCHASE);
        assertThat(r.unknown()).containsExactly("catchall@in.test");
    }

    @Test
    void aSalesAddressMakesASalesTargetAndAReplacedDefaultIsNoLongerAnAddress() {
        RecipientRouter.Routing r = RecipientRouter.route(List.of("ventes-b@in.test", "siren552100554@in.test",
                "SIREN123456782-sales@in.test"), "in.test", book);

        assertThat(r.targets()).containsExactly(
                new RecipientRouter.Target("552100554", Direction.SALES, "ventes-b@in.test"),
                new RecipientRouter.Target("123456782", Direction.SALES, "siren123456782-sales@in.test"));
        assertThat(r.unknown()).containsExactly("siren552100554@in.test");
    }
}
