-- The PA connector (README "Certified platform (PA)"): each dossier's account at a plateforme agréée (XP Z12-013 flow
-- API) and the flows exchanged with it. Written once for H2 (MODE=PostgreSQL) and PostgreSQL.
CREATE TABLE pa_account (
    dossier_id      VARCHAR(36)   PRIMARY KEY REFERENCES dossier (id),
    base_url        VARCHAR(500)  NOT NULL,
    token_url       VARCHAR(500)  NOT NULL,
    client_id       VARCHAR(200)  NOT NULL,
    -- the OAuth2 client secret and the webhook secret: AES-GCM with the key from GATEWAY_SECRET_KEY, bound to the dossier
    client_secret   VARCHAR(2000) NOT NULL,
    organization_id VARCHAR(100)  NOT NULL,
    webhook_secret  VARCHAR(2000),
    -- how far the follow-up got: the newest updatedAt of the flows read (the next search asks from a little before)
    follow_cursor   TIMESTAMP WITH TIME ZONE,
    last_problem    VARCHAR(500),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- buyers (SIRENs) of a dossier's customers that are reached through its PA
CREATE TABLE pa_buyer (
    dossier_id  VARCHAR(36)  NOT NULL REFERENCES pa_account (dossier_id) ON DELETE CASCADE,
    siren       CHAR(9)      NOT NULL,
    PRIMARY KEY (dossier_id, siren)
);

-- one row per flow: OUT a sales invoice or a CDAR status we posted, IN an invoice or a status we fetched. The flow id
-- is the PA's; unique, so a flow seen by the timer and by a webhook at once is handled once.
CREATE TABLE pa_flow (
    flow_id         VARCHAR(100)  PRIMARY KEY,
    dossier_id      VARCHAR(36)   NOT NULL REFERENCES dossier (id),
    document_id     VARCHAR(36)   REFERENCES document (id),
    direction       VARCHAR(3)    NOT NULL,
    flow_type       VARCHAR(40)   NOT NULL,
    tracking_id     VARCHAR(36),
    -- for a CDAR we posted (only): the lifecycle code it carries, one flow per document and code
    lifecycle_code  INTEGER,
    status          VARCHAR(20)   NOT NULL,
    reason          VARCHAR(1000),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX pa_flow_by_document ON pa_flow (document_id);
CREATE UNIQUE INDEX pa_flow_status_once ON pa_flow (document_id, lifecycle_code);
