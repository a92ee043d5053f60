package io.einvoice.gateway.dispatch.pa;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.einvoice.gateway.dossier.DossierRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;

/**
 * Subscribes the gateway's webhook at a dossier's PA (XP Z12-013 {@code POST /v1/webhooks}) once the account has a
 * webhook secret: one subscription per flow the gateway follows (WebhookMetadata takes one direction and one type),
 * calling back {@code <GATEWAY_PUBLIC_URL>/api/pa/webhook/<siren>}, signed HS256 with the webhook secret as key (the
 * spec's {@code signature.key}, base64). Done by the follow-up round rather than when the account is saved, so a PA
 * that is down delays the subscription, not the settings; the previous subscriptions at the same PA are deleted first.
 */
public class PaWebhookSubscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(PaWebhookSubscriptions.class);
    /** [flowDirection, flowType]: purchase invoices and statuses waiting for us, acknowledgements of our invoices. */
    static final List<String[]> FOLLOWED = List.of(new String[] {"In", "SupplierInvoice"},
            new String[] {"In", "CustomerInvoiceLC"}, new String[] {"Out", "CustomerInvoice"});

    private final PaApi api;
    private final PaAccounts accounts;
    private final DossierRepository dossiers;
    private final String publicUrl;

    /** @param publicUrl where the PA reaches the gateway (GATEWAY_PUBLIC_URL), without a trailing slash */
    public PaWebhookSubscriptions(PaApi api, PaAccounts accounts, DossierRepository dossiers, String publicUrl) {
        this.api = api;
        this.accounts = accounts;
        this.dossiers = dossiers;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** @return whether subscriptions were made in this call */
    public boolean ensure(String dossierId, PaApi.Credentials c) throws PaException {
        PaAccount account = accounts.find(dossierId).orElseThrow();
        if (!"TO_REGISTER".equals(account.webhookState())) {
            return false;
        }
        OffsetDateTime started = OffsetDateTime.now();
        String secret = accounts.webhookSecret(dossierId).orElseThrow();
        String siren = dossiers.findById(dossierId).orElseThrow().siren();
        String callback = publicUrl + "/api/pa/webhook/" + siren;
        for (PaAccounts.Webhook old : accounts.webhooks(dossierId)) {
            if (old.baseUrl().equals(c.baseUrl())) {
                api.deleteWebhook(c, old.webhookId());
            }
            accounts.forgetWebhook(dossierId, old.webhookId());
        }
        String key = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        for (String[] followed : FOLLOWED) {
            ObjectNode params = PaApi.JSON.createObjectNode();
            params.putObject("callback").put("url", callback).putObject("signature").put("algo", "HS256").put("key", key);
            params.putObject("metadata").put("flowDirection", followed[0]).put("flowType", followed[1]);
            String id = api.createWebhook(c, params);
            accounts.addWebhook(dossierId, new PaAccounts.Webhook(id, c.baseUrl(), followed[0], followed[1], callback));
        }
        accounts.webhooksRegistered(dossierId, started);
        LOG.info("pa dossier={}: webhooks subscribed at {} calling back {}", siren, c.baseUrl(), callback);
        return true;
    }
}
