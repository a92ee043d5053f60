package io.einvoice.gateway.lifecycle;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * One lifecycle status of one document, as recorded.
 *
 * @param origin     GATEWAY when this gateway emitted it (for its dossier), PLATFORM when a platform sent it
 * @param cdarSha256 the CDAR message in the blob store
 */
public record LifecycleStatus(String documentId, LifecycleCode code, ReasonCode reasonCode, String reason,
                              BigDecimal amount, Origin origin, String actor, OffsetDateTime at, String cdarSha256) {

    public enum Origin {
        GATEWAY, PLATFORM
    }
}
