-- E-reporting (issue 17 §4, README "E-reporting"): the flows 10.1-10.4 a dossier sent to its PA, one row per report.
-- A period of one kind is sent once (version 1); a correction is a new row, version + 1, naming the one it corrects.
-- Written once for H2 (MODE=PostgreSQL) and PostgreSQL.
CREATE TABLE ereport (
    id            VARCHAR(36)   PRIMARY KEY,
    dossier_id    VARCHAR(36)   NOT NULL REFERENCES dossier (id),
    -- 10.1, 10.2, 10.3 or 10.4
    flow          VARCHAR(4)    NOT NULL,
    period_start  DATE          NOT NULL,
    period_end    DATE          NOT NULL,
    version       INTEGER       NOT NULL,
    corrects      VARCHAR(36)   REFERENCES ereport (id),
    -- the XML in the blob store; posted again byte for byte (same trackingId, same sha256) until the PA took it
    xml_sha256    CHAR(64)      NOT NULL,
    items         INTEGER       NOT NULL,
    -- the PA's flow id once posted (its acknowledgement is followed in pa_flow like any flow we posted)
    flow_id       VARCHAR(100),
    last_problem  VARCHAR(1000),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ereport_once UNIQUE (dossier_id, flow, period_start, version)
);

-- the sales documents a report carries (shown on the document; a document is reported once per flow kind and version)
CREATE TABLE ereport_document (
    report_id    VARCHAR(36) NOT NULL REFERENCES ereport (id),
    document_id  VARCHAR(36) NOT NULL REFERENCES document (id),
    PRIMARY KEY (report_id, document_id)
);
CREATE INDEX ereport_document_by_document ON ereport_document (document_id);

-- the dossier's VAT regime, which sets the periods: NORMAL_MONTHLY (transactions by decade, payments by month),
-- NORMAL_QUARTERLY and SIMPLIFIED (both by month); a dossier without a row is NORMAL_MONTHLY
CREATE TABLE ereport_setting (
    dossier_id  VARCHAR(36) PRIMARY KEY REFERENCES dossier (id),
    regime      VARCHAR(20) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
