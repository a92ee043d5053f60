package io.einvoice.gateway.system;

import io.einvoice.gateway.dispatch.pa.PaAccount;
import io.einvoice.gateway.dossier.Dossier;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo seller pointed at a real PA's sandbox by GATEWAY_PA_API_URL, DEMONSTRATION staying on the simulator. */
class DemoPaSandboxTest {

    private static final Map<String, String> SANDBOX = Map.of("GATEWAY_PA_API_URL", "https://sandbox.pa.example/flow/",
            "GATEWAY_PA_CLIENT_ID", "cabinet", "GATEWAY_PA_CLIENT_SECRET", "s3cret");

    @Test
    void theDemoSellersAccountPointsAtTheSandboxAndTheBuyersAtTheSimulator() throws Exception {
        try (DemoPa pa = DemoPa.start(SANDBOX)) {
            PaAccount seller = pa.account(new Dossier("d1", "f", DemoSeeder.FIRM_SIREN, null, "Cabinet", null, 12, "ACTIVE", true));
            PaAccount buyer = pa.account(new Dossier("d2", "f", DemoSeeder.DEMO_DOSSIER_SIREN, null, "DEMONSTRATION", null, 12,
                    "ACTIVE", false));

            assertThat(seller.baseUrl()).isEqualTo("https://sandbox.pa.example/flow");
            assertThat(seller.tokenUrl()).isEqualTo("https://sandbox.pa.example/flow/oauth/token");
            assertThat(seller.clientId()).isEqualTo("cabinet");
            assertThat(seller.organizationId()).isEqualTo(DemoSeeder.FIRM_SIREN);
            assertThat(buyer.baseUrl()).isEqualTo(pa.simulator().baseUrl());
            assertThat(pa.describe()).containsEntry("sellerSandbox", "https://sandbox.pa.example/flow");
        }
    }

    @Test
    void aSandboxWithoutItsClientIsRefusedAtStart() {
        assertThatThrownBy(() -> DemoPa.start(Map.of("GATEWAY_PA_API_URL", "https://sandbox.pa.example")))
                .hasMessageContaining("GATEWAY_PA_CLIENT_ID and GATEWAY_PA_CLIENT_SECRET must be set too");
        assertThatThrownBy(() -> DemoPa.start(Map.of("GATEWAY_PA_API_URL", "sandbox.pa.example", "GATEWAY_PA_CLIENT_ID", "a",
                "GATEWAY_PA_CLIENT_SECRET", "b"))).hasMessageContaining("http(s) URL");
    }
}
