-- Supplier-portal connectors (README "Connectors"): where a dossier's suppliers publish their invoices, fetched on a
-- schedule. Written once for H2 (MODE=PostgreSQL) and PostgreSQL. Nothing is fetched twice: each invoice is a document
-- with channel CONNECTOR and transport id connector:<connector id>:<remote id> (unique per dossier, V1).
CREATE TABLE connector (
    id             VARCHAR(36)   PRIMARY KEY,
    dossier_id     VARCHAR(36)   NOT NULL REFERENCES dossier (id),
    name           VARCHAR(200)  NOT NULL,
    kind           VARCHAR(20)   NOT NULL,
    -- the kind's settings as JSON (URLs, JSON pointers, auth kind...), never a secret
    settings       VARCHAR(8000) NOT NULL,
    -- token, password or client secret: AES-GCM with the key from GATEWAY_SECRET_KEY, bound to the connector's id
    secret         VARCHAR(2000),
    poll_minutes   INTEGER       NOT NULL,
    paused         BOOLEAN       NOT NULL,
    -- how far the last run got at the source (the newest invoice date seen), sent back to sources that can filter
    cursor_value   VARCHAR(100),
    last_run_at    TIMESTAMP WITH TIME ZONE,
    last_outcome   VARCHAR(20),
    -- our own sentence, never the source's words
    last_problem   VARCHAR(500),
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX connector_by_dossier ON connector (dossier_id);

-- one row per run (scheduled, run now or dry run): what it found and fetched, and how it ended
CREATE TABLE connector_run (
    id             VARCHAR(36)   PRIMARY KEY,
    connector_id   VARCHAR(36)   NOT NULL REFERENCES connector (id) ON DELETE CASCADE,
    trigger_kind   VARCHAR(20)   NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome        VARCHAR(20)   NOT NULL,
    listed         INTEGER       NOT NULL,
    fetched        INTEGER       NOT NULL,
    quarantined    INTEGER       NOT NULL,
    problem        VARCHAR(500)
);
CREATE INDEX connector_run_by_connector ON connector_run (connector_id, started_at);
