-- Suppliers and customers of each dossier, the dossier's approval settings, and the link document -> supplier.
-- Standard SQL for H2 (MODE=PostgreSQL) and PostgreSQL.

CREATE TABLE party (
    id                    VARCHAR(36)   PRIMARY KEY,
    dossier_id            VARCHAR(36)   NOT NULL REFERENCES dossier (id),
    role                  VARCHAR(10)   NOT NULL,          -- SUPPLIER | CUSTOMER
    number                VARCHAR(30)   NOT NULL,          -- FOUR-001, CLI-001...
    kind                  VARCHAR(12)   NOT NULL,          -- COMPANY | INDIVIDUAL
    company_name          VARCHAR(300),
    siren                 VARCHAR(9),
    siret                 VARCHAR(14),
    vat_number            VARCHAR(30),
    civility              VARCHAR(20),
    first_name            VARCHAR(100),
    last_name             VARCHAR(100),
    address               VARCHAR(500),
    postcode              VARCHAR(20),
    city                  VARCHAR(100),
    country               VARCHAR(2),
    email                 VARCHAR(254),
    iban                  VARCHAR(34),
    trusted               BOOLEAN       NOT NULL DEFAULT FALSE,
    blacklisted           BOOLEAN       NOT NULL DEFAULT FALSE,
    active                BOOLEAN       NOT NULL DEFAULT TRUE,
    created_from_invoice  BOOLEAN       NOT NULL DEFAULT FALSE,
    parent_id             VARCHAR(36)   REFERENCES party (id),
    bill_with_parent      BOOLEAN       NOT NULL DEFAULT FALSE,
    -- lower case, accents removed: what search compares with (LIKE on a normalised column works on both databases)
    search_text           VARCHAR(2000) NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
-- numbers are unique per dossier and role: two concurrent creations cannot take the same one
CREATE UNIQUE INDEX party_by_number ON party (dossier_id, role, number);
CREATE INDEX party_by_siren ON party (dossier_id, role, siren);
CREATE INDEX party_by_vat ON party (dossier_id, role, vat_number);
CREATE INDEX party_by_parent ON party (parent_id);

CREATE TABLE dossier_settings (
    dossier_id          VARCHAR(36)    PRIMARY KEY REFERENCES dossier (id),
    approval_mode       VARCHAR(20)    NOT NULL DEFAULT 'ALL',   -- ALL | EXCEPT_TRUSTED | NONE
    -- auto-approval only up to this total including VAT; NULL: no limit
    approval_threshold  NUMERIC(19, 6),
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

-- the column mapping of the last import, per dossier and role (JSON: {"column header": "field"})
CREATE TABLE party_import_mapping (
    dossier_id  VARCHAR(36)   NOT NULL REFERENCES dossier (id),
    role        VARCHAR(10)   NOT NULL,
    mapping     VARCHAR(4000) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (dossier_id, role)
);

ALTER TABLE document ADD COLUMN supplier_id VARCHAR(36) REFERENCES party (id);
CREATE INDEX document_by_supplier ON document (supplier_id);
-- duplicates are looked for across the dossiers of the platform: by file hash and by business key
CREATE INDEX document_by_sha256 ON document (original_sha256);
CREATE INDEX document_by_business_key ON document (number, seller_siren);
