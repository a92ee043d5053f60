-- Chorus Pro: each dossier's credentials (PISTE OAuth2 client + technical account), sealed with GATEWAY_SECRET_KEY,
-- and one row per deposit attempt, written BEFORE the deposit call so a crash between the deposit and its
-- acknowledgement is reconciled at start (search by invoice number) instead of depositing twice.
CREATE TABLE chorus_account (
    dossier_id   VARCHAR(36)   PRIMARY KEY REFERENCES dossier (id),
    sealed       VARCHAR(4000) NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE chorus_attempt (
    id                 VARCHAR(36)  PRIMARY KEY,
    dossier_id         VARCHAR(36)  NOT NULL REFERENCES dossier (id),
    document_id        VARCHAR(36),
    invoice_number     VARCHAR(100) NOT NULL,
    facturx_sha256     CHAR(64)     NOT NULL,
    -- PENDING (recorded, deposit not acknowledged) / DEPOSITED / INTEGRATED / PAID / REJECTED / FAILED (never deposited)
    state              VARCHAR(20)  NOT NULL,
    flux_number        VARCHAR(40),
    flux_state         VARCHAR(60),
    chorus_invoice_id  BIGINT,
    chorus_status      VARCHAR(60),
    -- one reason per line (pre-check failures, Chorus rejection texts)
    reasons            VARCHAR(4000),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX chorus_attempt_by_number ON chorus_attempt (dossier_id, invoice_number);
CREATE INDEX chorus_attempt_by_state ON chorus_attempt (state);
