package io.einvoice.gateway.dispatch;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MessageTemplateTest {

    @Test
    void placeholdersAreFilledAndUnknownValuesLeftEmpty() {
        String text = MessageTemplate.render("Facture {number} de {seller} : {total} {currency}, échéance {dueDate}",
                Map.of("number", "FA-1", "seller", "Lumière $1 \\ SARL", "total", "602.28", "currency", "EUR"));
        assertThat(text).isEqualTo("Facture FA-1 de Lumière $1 \\ SARL : 602.28 EUR, échéance ");
    }

    @Test
    void unknownPlaceholdersAreNamedAndLeftAsWritten() {
        assertThat(MessageTemplate.unknownPlaceholders("{number} {numero} {Total} {total}")).containsExactly("{numero}", "{Total}");
        assertThat(MessageTemplate.render("{numero}", Map.of())).isEqualTo("{numero}");
    }
}
