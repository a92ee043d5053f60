package io.einvoice.gateway.dispatch.pa;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.ingest.IngestResult;
import io.einvoice.gateway.refusal.InvalidInputException;
import io.einvoice.gateway.refusal.NotSignedException;
import io.einvoice.gateway.refusal.UnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * POST /api/pa/webhook/{siren}: the PA tells that a flow of the dossier changed (the body is a Flow, XP Z12-013
 * WebhookCallback). The call is authenticated by {@code Signature} (the spec's header) or {@code X-Signature}:
 * HMAC-SHA256 of the raw body with the account's webhook secret, hex or base64, optionally prefixed {@code sha256=}. A missing or wrong signature, an unknown dossier
 * or one without a webhook secret all get the same 401, and nothing is read or stored. The flow is then read again
 * from the PA and handled as the timer would ({@link PaFollower#announced}); a purchase it commits is handed on by
 * the route (routes/pa.camel.yaml) before the PA gets its answer.
 */
public class PaWebhook {

    private static final Logger LOG = LoggerFactory.getLogger(PaWebhook.class);
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final DossierRepository dossiers;
    private final PaAccounts accounts;
    private final PaFollower follower;

    public PaWebhook(DossierRepository dossiers, PaAccounts accounts, PaFollower follower) {
        this.dossiers = dossiers;
        this.accounts = accounts;
        this.follower = follower;
    }

    /**
     * What the call did: the PA's answer ({@link #answer}), and the purchase the flow was, committed, for the route to
     * hand on.
     */
    public record Received(String flowId, boolean handled, List<IngestResult> committed) {

        public Map<String, Object> answer() {
            return Map.of("flowId", flowId, "handled", handled);
        }
    }

    /**
     * @param signature  the spec's {@code Signature} header (WebhookCallback): base64 of the HMAC-SHA256
     * @param xSignature the same in {@code X-Signature}, hex or base64, for PAs that name it so; either one may sign
     */
    public Received receive(String siren, String signature, String xSignature, byte[] body) {
        if (body == null || body.length > MAX_BODY_BYTES) {
            throw new InvalidInputException("a webhook call carries one flow, at most " + MAX_BODY_BYTES / 1024 + " KB of JSON");
        }
        Optional<Dossier> dossier = siren == null ? Optional.empty() : dossiers.findBySiren(siren);
        Optional<String> secret = dossier.flatMap(d -> accounts.webhookSecret(d.id()));
        if (secret.isEmpty() || !(signed(secret.get(), body, signature) || signed(secret.get(), body, xSignature))) {
            LOG.warn("pa webhook for {}: refused, signature missing or wrong", siren != null && siren.matches("\\d{9}") ? siren : "?");
            throw new NotSignedException("the webhook call must be signed: Signature (or X-Signature) is the"
                    + " HMAC-SHA256 of the body with the PA account's webhook secret");
        }
        String flowId;
        try {
            JsonNode flow = PaApi.JSON.readTree(body);
            flowId = flow == null ? null : flow.path("flowId").asText(null);
        } catch (IOException e) {
            flowId = null;
        }
        if (flowId == null) {
            throw new InvalidInputException("the webhook body must be a Flow with its flowId");
        }
        try {
            PaFollower.Round round = follower.announced(dossier.get().id(), flowId);
            return new Received(flowId, round.handled() > 0, round.committed());
        } catch (PaException e) {
            // the flow stays at the PA: the timer's next round reads it
            throw new UnavailableException("pa_unavailable", "the flow could not be read from the PA now; it will be followed"
                    + " by the next round: " + e.getMessage());
        }
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static boolean signed(String secret, byte[] body, String signature) {
        if (signature == null || signature.length() > 200) {
            return false;
        }
        String given = signature.strip();
        if (given.startsWith("sha256=")) {
            given = given.substring("sha256=".length());
        }
        byte[] expected = HexFormat.of().parseHex(sign(secret, body));
        byte[] provided;
        try {
            provided = given.matches("[0-9a-fA-F]{64}") ? HexFormat.of().parseHex(given) : Base64.getDecoder().decode(given);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, provided);
    }
}
