-- Pre-accounting (issue 16, part 3): per-dossier chart settings, per-supplier accounts, the journal entry of each
-- approved purchase invoice and sent sales invoice (one entry per document, generated once), automatic export.

CREATE TABLE accounting_settings (
    dossier_id            VARCHAR(36)   PRIMARY KEY REFERENCES dossier (id),
    supplier_prefix       VARCHAR(20)   NOT NULL,
    customer_prefix       VARCHAR(20)   NOT NULL,
    expense_account       VARCHAR(20)   NOT NULL,
    sales_account         VARCHAR(20)   NOT NULL,
    vat_deductible        VARCHAR(20)   NOT NULL,
    vat_collected         VARCHAR(20)   NOT NULL,
    vat_reverse_charge    VARCHAR(20)   NOT NULL,
    reverse_charge_rate   NUMERIC(5, 2) NOT NULL,
    purchase_journal      VARCHAR(10)   NOT NULL,
    sales_journal         VARCHAR(10)   NOT NULL,
    -- NONE, DAILY or ON_APPROVAL; FOLDER or EMAIL
    auto_export           VARCHAR(20)   NOT NULL,
    auto_export_format    VARCHAR(10)   NOT NULL,
    auto_export_target    VARCHAR(10)   NOT NULL,
    auto_export_email     VARCHAR(254),
    auto_export_pdfs      BOOLEAN       NOT NULL,
    last_auto_export      DATE,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL
);

-- per supplier of a dossier (by its key: SIREN, else VAT number, else name): learnt from the first correction, editable
CREATE TABLE supplier_account (
    dossier_id         VARCHAR(36)  NOT NULL REFERENCES dossier (id),
    supplier_key       VARCHAR(320) NOT NULL,
    supplier_name      VARCHAR(300),
    expense_account    VARCHAR(20)  NOT NULL,
    auxiliary_account  VARCHAR(20)  NOT NULL,
    source             VARCHAR(20)  NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (dossier_id, supplier_key)
);

CREATE TABLE journal_entry (
    document_id    VARCHAR(36)  PRIMARY KEY REFERENCES document (id),
    dossier_id     VARCHAR(36)  NOT NULL REFERENCES dossier (id),
    -- EcritureNum: a continuous sequence per dossier
    seq            BIGINT       NOT NULL,
    journal_code   VARCHAR(10)  NOT NULL,
    journal_label  VARCHAR(100) NOT NULL,
    entry_date     DATE         NOT NULL,
    piece_ref      VARCHAR(200) NOT NULL,
    piece_date     DATE         NOT NULL,
    label          VARCHAR(200) NOT NULL,
    party_key      VARCHAR(320),
    currency       CHAR(3)      NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    corrected_at   TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX journal_entry_seq ON journal_entry (dossier_id, seq);
CREATE INDEX journal_entry_by_date ON journal_entry (dossier_id, entry_date);

CREATE TABLE journal_line (
    document_id     VARCHAR(36)    NOT NULL REFERENCES journal_entry (document_id),
    line_no         INTEGER        NOT NULL,
    -- EXPENSE / SALES (the account a correction changes), VAT, PARTY
    role            VARCHAR(10)    NOT NULL,
    account         VARCHAR(20)    NOT NULL,
    account_label   VARCHAR(100)   NOT NULL,
    aux_account     VARCHAR(20),
    aux_label       VARCHAR(300),
    vat_rate        NUMERIC(5, 2),
    debit           NUMERIC(19, 2) NOT NULL,
    credit          NUMERIC(19, 2) NOT NULL,
    PRIMARY KEY (document_id, line_no)
);

-- a document the journal cannot book (nothing to book): kept so the catch-up does not offer it again at every tick
CREATE TABLE journal_refusal (
    document_id  VARCHAR(36)   PRIMARY KEY REFERENCES document (id),
    reason       VARCHAR(1000) NOT NULL,
    at           TIMESTAMP WITH TIME ZONE NOT NULL
);
