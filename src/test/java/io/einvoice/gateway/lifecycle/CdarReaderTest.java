package io.einvoice.gateway.lifecycle;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CDAR messages from outside: bad, hostile and oversized input is refused with our own sentence, never quoted. */
class CdarReaderTest {

    private final CdarReader reader = new CdarReader();

    private static String valid(LifecycleCode status) {
        return new String(CdarWriter.write(CdarWriterTest.message(status)), StandardCharsets.UTF_8);
    }

    @Test
    void anExternalEntityIsRefusedWithoutReadingTheFile() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + valid(LifecycleCode.APPROUVEE).replaceFirst("<\\?xml[^>]*>", "").replace("FA-2026-0042</ram:IssuerAssignedID>", "&x;</ram:IssuerAssignedID>");

        assertThatThrownBy(() -> reader.read(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableCdarException.class).hasMessageContaining("DOCTYPE").hasMessageNotContaining("passwd");
    }

    @Test
    void anEntityBombIsRefusedBeforeAnyExpansion() {
        StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            bomb.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        bomb.append("]><r>&lol9;</r>");

        assertThatThrownBy(() -> reader.read(bomb.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableCdarException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void aMessageOverTheSizeLimitIsRefusedBeforeParsing() {
        byte[] big = new byte[CdarReader.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');

        assertThatThrownBy(() -> reader.read(big)).isInstanceOf(UnreadableCdarException.class).hasMessageContaining("larger than");
    }

    @Test
    void brokenXmlIsRefusedInOurWordsWithoutQuotingIt() {
        assertThatThrownBy(() -> reader.read("<rsm:Cross secret-token-123".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableCdarException.class).hasMessage("the CDAR message is not well-formed XML");
        assertThatThrownBy(() -> reader.read(new byte[0])).isInstanceOf(UnreadableCdarException.class).hasMessageContaining("empty");
    }

    @Test
    void anInvoiceInsteadOfACdarMessageIsRefused() {
        String invoice = "<rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\"/>";

        assertThatThrownBy(() -> reader.read(invoice.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableCdarException.class).hasMessageContaining("not a CDAR message");
    }

    @Test
    void anUnknownStatusAMissingReasonAndAnUnknownReasonAreEachRefused() {
        String unknownStatus = valid(LifecycleCode.APPROUVEE).replace(">205<", ">299<");
        String noReason = valid(LifecycleCode.REFUSEE).replaceAll("<ram:SpecifiedDocumentStatus>.*</ram:SpecifiedDocumentStatus>", "");
        String badReason = valid(LifecycleCode.REFUSEE).replaceAll("<ram:ReasonCode>[A-Z_]+</ram:ReasonCode>",
                "<ram:ReasonCode>PAS_ENVIE</ram:ReasonCode>");

        assertThatThrownBy(() -> reader.read(bytes(unknownStatus))).hasMessageContaining("299 is not a lifecycle status");
        assertThatThrownBy(() -> reader.read(bytes(noReason))).hasMessageContaining("without its reason code");
        assertThatThrownBy(() -> reader.read(bytes(badReason))).hasMessageContaining("not in the published list")
                .hasMessageNotContaining("PAS_ENVIE");
    }

    @Test
    void fieldsOverTheirLimitsOrOutOfShapeAreRefused() {
        String longNumber = valid(LifecycleCode.APPROUVEE).replace(">FA-2026-0042<", ">" + "9".repeat(201) + "<");
        String hugeAmount = valid(LifecycleCode.ENCAISSEE).replace(">1200.50<", ">1e999999999<");
        String badSiren = valid(LifecycleCode.APPROUVEE).replace(">732829320<", ">73282932X<");

        assertThatThrownBy(() -> reader.read(bytes(longNumber))).hasMessageContaining("longer than 200");
        assertThatThrownBy(() -> reader.read(bytes(hugeAmount))).hasMessageContaining("amount received");
        assertThatThrownBy(() -> reader.read(bytes(badSiren))).hasMessageContaining("not 9 digits");
    }

    @Test
    void theAmountReceivedOf212IsRead() throws Exception {
        CdarMessage m = reader.read(bytes(valid(LifecycleCode.ENCAISSEE)));

        assertThat(m.status()).isEqualTo(LifecycleCode.ENCAISSEE);
        assertThat(m.amount()).isEqualByComparingTo("1200.50");
        assertThat(m.currency()).isEqualTo("EUR");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
