-- Webhooks the gateway subscribed at each dossier's PA (XP Z12-013 /v1/webhooks), so the PA calls
-- /api/pa/webhook/{siren} when a flow changes. webhook_state on the account: TO_REGISTER after the account (or its
-- webhook secret) changed, REGISTERED once the follow-up round has subscribed; NULL without a webhook secret.
ALTER TABLE pa_account ADD COLUMN webhook_state VARCHAR(20);

CREATE TABLE pa_webhook (
    dossier_id      VARCHAR(36)   NOT NULL REFERENCES pa_account (dossier_id) ON DELETE CASCADE,
    webhook_id      VARCHAR(100)  NOT NULL,
    -- the PA it was made at: one whose base URL changed since cannot be reached with the account to unsubscribe
    base_url        VARCHAR(500)  NOT NULL,
    flow_direction  VARCHAR(3)    NOT NULL,
    flow_type       VARCHAR(40)   NOT NULL,
    callback_url    VARCHAR(600)  NOT NULL,
    registered_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (dossier_id, webhook_id)
);

-- When a flow was first recorded (its updated_at moves with the acknowledgement): statuses naming an invoice number
-- that several of our sales invoices carry go to them in the order their flows were posted (see PaFlows).
ALTER TABLE pa_flow ADD COLUMN created_at TIMESTAMP WITH TIME ZONE;
