package io.einvoice.gateway.lifecycle;

import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.document.DocumentStatus;
import io.einvoice.gateway.document.PaymentStatus;
import org.junit.jupiter.api.Test;

import static io.einvoice.gateway.lifecycle.LifecycleCode.*;
import static org.assertj.core.api.Assertions.assertThat;

class LifecycleRulesTest {

    @Test
    void aPurchaseInvoiceOwesStatusesOnlyOnceReadAndInTheOrderTheyHappened() {
        assertThat(LifecycleRules.due(Direction.PURCHASE, DocumentStatus.RECEIVED, PaymentStatus.UNPAID, null)).isEmpty();
        assertThat(LifecycleRules.due(Direction.PURCHASE, DocumentStatus.QUARANTINED, PaymentStatus.UNPAID, null)).isEmpty();
        assertThat(LifecycleRules.due(Direction.PURCHASE, DocumentStatus.RECOGNIZED, PaymentStatus.UNPAID, null)).containsExactly(RECUE);
        assertThat(LifecycleRules.due(Direction.PURCHASE, DocumentStatus.PENDING_APPROVAL, PaymentStatus.UNPAID, null))
                .containsExactly(RECUE, PRISE_EN_CHARGE);
        assertThat(LifecycleRules.due(Direction.PURCHASE, DocumentStatus.ARCHIVED, PaymentStatus.UNPAID, null))
                .containsExactly(RECUE, PRISE_EN_CHARGE, APPROUVEE);
        assertThat(LifecycleRules.due(Direction.PURCHASE, DocumentStatus.APPROVED, PaymentStatus.PAID, null))
                .containsExactly(RECUE, PRISE_EN_CHARGE, APPROUVEE, PAIEMENT_TRANSMIS);
        assertThat(LifecycleRules.due(Direction.PURCHASE, DocumentStatus.REJECTED, PaymentStatus.UNPAID, null))
                .containsExactly(RECUE, PRISE_EN_CHARGE, REFUSEE);
    }

    @Test
    void aSalesInvoiceIsDepositedOnlyThroughChorusProAndCollectedOncePaid() {
        assertThat(LifecycleRules.due(Direction.SALES, DocumentStatus.SENT, PaymentStatus.UNPAID, "CHORUS")).containsExactly(DEPOSEE);
        assertThat(LifecycleRules.due(Direction.SALES, DocumentStatus.SENT, PaymentStatus.UNPAID, "EMAIL")).isEmpty();
        assertThat(LifecycleRules.due(Direction.SALES, DocumentStatus.DRAFT, PaymentStatus.UNPAID, "CHORUS")).isEmpty();
        assertThat(LifecycleRules.due(Direction.SALES, DocumentStatus.ARCHIVED, PaymentStatus.PAID, "CHORUS"))
                .containsExactly(DEPOSEE, ENCAISSEE);
        assertThat(LifecycleRules.due(Direction.SALES, DocumentStatus.SENT, PaymentStatus.PAID, "EMAIL")).containsExactly(ENCAISSEE);
    }

    @Test
    void theStatusesThatNeedAReasonAreExactlyThoseOfBrFrCdv15() {
        assertThat(java.util.Arrays.stream(LifecycleCode.values()).filter(LifecycleCode::needsReason).map(LifecycleCode::code))
                .containsExactlyInAnyOrder(206, 207, 208, 210, 213, 501);
        assertThat(java.util.Arrays.stream(LifecycleCode.values()).filter(LifecycleCode::mandatory).map(LifecycleCode::code))
                .containsExactlyInAnyOrder(200, 210, 212, 213, 501);
        assertThat(REFUSEE.allows(ReasonCode.CMD_ERR)).isTrue();
        assertThat(REFUSEE.allows(ReasonCode.REJ_SEMAN)).isFalse();
    }
}
