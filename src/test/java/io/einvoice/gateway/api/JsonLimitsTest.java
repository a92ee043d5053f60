package io.einvoice.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.approval.ApprovalApi;
import io.einvoice.gateway.party.PartyInput;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.sales.DraftRequest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Request bodies through the one mapper: decimals bounded, texts within their field's limit, our own sentences. */
class JsonLimitsTest {

    @Test
    void anExponentDecimalIsRefusedAsAStringOrAsANumberWithoutEchoingIt() {
        for (String value : new String[] {"\"1e999999999\"", "1e999999999", "1E+999999999"}) {
            assertThatThrownBy(() -> Json.read("{\"approvalMode\":\"ALL\",\"approvalThreshold\":" + value + "}",
                    ApprovalApi.SettingsBody.class))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(ApiErrors.status(e)).isEqualTo(400);
                        assertThat(e.getMessage()).startsWith("approvalThreshold must be a decimal number")
                                .doesNotContain("999");
                    });
        }
    }

    @Test
    void aDecimalInAListNamesItsPlace() {
        assertThatThrownBy(() -> Json.read("{\"lines\":[{\"quantity\":1},{\"label\":\"x\",\"unitPrice\":\"1e9999\"}]}",
                DraftRequest.class))
                .hasMessageStartingWith("lines[1].unitPrice must be a decimal number");
    }

    @Test
    void plainDecimalsKeepTheirDigits() {
        DraftRequest draft = Json.read("{\"lines\":[{\"quantity\":2.50,\"unitPrice\":\"19.990\"}]}", DraftRequest.class);
        assertThat(draft.lines().get(0).quantity()).isEqualTo(new BigDecimal("2.50"));
        assertThat(draft.lines().get(0).unitPrice()).isEqualTo(new BigDecimal("19.990"));
    }

    @Test
    void aNumberLongerThanAnyWeAcceptIsRefusedWhileParsing() {
        assertThatThrownBy(() -> Json.read("{\"approvalThreshold\":" + "9".repeat(100_000) + "}", ApprovalApi.SettingsBody.class))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage())
                        .contains("approvalThreshold").doesNotContain("9999").hasSizeLessThan(300));
    }

    @Test
    void aTooLongTextNamesItsField() {
        String body = "{\"kind\":\"COMPANY\",\"companyName\":\"" + "A".repeat(100_000) + "\"}";
        assertThatThrownBy(() -> Json.read(body, PartyInput.class))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(ApiErrors.status(e)).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("companyName has 100000 characters, at most 300 are accepted");
                });
    }

    @Test
    void jacksonsOwnMessagesWhichQuoteTheInputAreReplaced() {
        assertThatThrownBy(() -> Json.read("{\"email\": SECRETSECRET", PartyInput.class))
                .hasMessageStartingWith("the body is not valid JSON (line 1, column").hasMessageNotContaining("SECRET");
        assertThatThrownBy(() -> Json.read("{\"trusted\": \"SECRETSECRET\"}", PartyInput.class))
                .hasMessage("field trusted must be true or false");
        assertThatThrownBy(() -> Json.read("{\"SECRET SECRET\": 1}", PartyInput.class))
                .hasMessageStartingWith("field ? is not known here; fields: ").hasMessageNotContaining("SECRET");
        assertThatThrownBy(() -> Json.readTree("{\"fields\":" + "[".repeat(10_000)))
                .hasMessageContaining("levels of nesting");
    }

    @Test
    void treesKeepDecimalsAsWritten() {
        JsonNode tree = Json.readTree("{\"fields\":{\"totalInclVat\":120.10}}");
        assertThat(tree.at("/fields/totalInclVat").asText()).isEqualTo("120.10");
    }
}
