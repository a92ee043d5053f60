-- Mail ingestion: each dossier's inbound addresses, its mailboxes, and the ledger of mails already stored.
-- Written once for H2 (MODE=PostgreSQL) and PostgreSQL.

-- the part before @ of the dossier's inbound addresses (default SIREN<siren>); the domain is the catch-all's
ALTER TABLE dossier ADD COLUMN inbound_local_part VARCHAR(64);
ALTER TABLE dossier ADD COLUMN sales_local_part VARCHAR(64);
CREATE UNIQUE INDEX dossier_inbound_local_part ON dossier (inbound_local_part);
CREATE UNIQUE INDEX dossier_sales_local_part ON dossier (sales_local_part);

-- a mailbox polled by the gateway: a dossier's own (dossier_id set) or the firm's catch-all for its inbound domain
CREATE TABLE mailbox (
    id                VARCHAR(36)   PRIMARY KEY,
    firm_id           VARCHAR(36)   NOT NULL REFERENCES firm (id),
    dossier_id        VARCHAR(36)   REFERENCES dossier (id),
    direction         VARCHAR(10)   NOT NULL,
    protocol          VARCHAR(10)   NOT NULL,
    host              VARCHAR(255)  NOT NULL,
    port              INTEGER       NOT NULL,
    username          VARCHAR(255)  NOT NULL,
    -- AES-GCM with the key from GATEWAY_SECRET_KEY, never the clear password
    password_secret   VARCHAR(2000) NOT NULL,
    folder            VARCHAR(255)  NOT NULL,
    processed_folder  VARCHAR(255),
    domain            VARCHAR(255),
    poll_millis       BIGINT        NOT NULL,
    batch_size        INTEGER       NOT NULL,
    enabled           BOOLEAN       NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX mailbox_by_dossier ON mailbox (dossier_id);

-- every mail the gateway has stored, keyed as its mailbox sees it: a UID is only meaningful with its UIDVALIDITY
-- (for POP3, uid_validity is 'pop3' and uid the UIDL). Inserted in the same transaction as the mail's documents.
CREATE TABLE mail_message (
    mailbox_id    VARCHAR(36)   NOT NULL REFERENCES mailbox (id) ON DELETE CASCADE,
    uid_validity  VARCHAR(40)   NOT NULL,
    uid           VARCHAR(200)  NOT NULL,
    message_id    VARCHAR(1000),
    eml_sha256    CHAR(64)      NOT NULL REFERENCES blob (sha256),
    documents     INTEGER       NOT NULL,
    stored_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (mailbox_id, uid_validity, uid)
);
