-- The sealed archive (README.md, "Archive"): one hash chain per dossier.
-- archive_chain is the head of each dossier's chain: appending locks this row (SELECT ... FOR UPDATE), so concurrent
-- archiving in one dossier is serialised and the chain can neither fork nor skip a number; the head also lets
-- `archive verify` notice entries removed from the end.
CREATE TABLE archive_chain (
    dossier_id  VARCHAR(36) PRIMARY KEY REFERENCES dossier (id),
    last_seq    BIGINT      NOT NULL CHECK (last_seq >= 0),
    last_hash   CHAR(64)    NOT NULL
);

-- One archived document. entry_hash = SHA-256 of the fields joined as documented in ArchiveEntry#hashedText; the
-- blobs it names are never removed. Write-once: the triggers of V7_1 (db/vendor/<database>) refuse any UPDATE, and
-- a DELETE before retain_until.
CREATE TABLE archive_entry (
    dossier_id       VARCHAR(36)  NOT NULL REFERENCES dossier (id),
    seq              BIGINT       NOT NULL CHECK (seq >= 1),
    document_id      VARCHAR(36)  NOT NULL UNIQUE REFERENCES document (id),
    original_sha256  CHAR(64)     NOT NULL REFERENCES blob (sha256),
    facturx_sha256   CHAR(64)     REFERENCES blob (sha256),
    report_sha256    CHAR(64)     REFERENCES blob (sha256),
    metadata_json    TEXT         NOT NULL,
    metadata_sha256  CHAR(64)     NOT NULL,
    previous_hash    CHAR(64)     NOT NULL,
    entry_hash       CHAR(64)     NOT NULL UNIQUE,
    archived_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    retain_until     DATE         NOT NULL,
    actor            VARCHAR(200) NOT NULL,
    PRIMARY KEY (dossier_id, seq)
);
CREATE INDEX archive_entry_by_time ON archive_entry (dossier_id, archived_at);
