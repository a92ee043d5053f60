-- Sales invoices created in the gateway (README.md, "Sales invoices"). Each one is a document row (direction SALES,
-- channel CREATED, status DRAFT); these tables hold what the document row does not: the draft's lines and customer,
-- whether it is frozen (finalised), and the per-dossier catalogue, settings and number sequence.

-- products and services a dossier sells; a line copies the item's values, so editing the catalogue never changes an invoice
CREATE TABLE catalogue_item (
    id                VARCHAR(36)    PRIMARY KEY,
    dossier_id        VARCHAR(36)    NOT NULL REFERENCES dossier (id),
    kind              VARCHAR(10)    NOT NULL,          -- GOODS | SERVICE (BT-23 B1 / S1 / M1)
    label             VARCHAR(300)   NOT NULL,
    unit_code         VARCHAR(3)     NOT NULL,          -- UN/ECE Rec 20 (C62 unit, HUR hour, DAY...)
    unit_price        NUMERIC(19, 6) NOT NULL,          -- excluding VAT
    vat_rate          NUMERIC(5, 2)  NOT NULL,
    vat_category      VARCHAR(2)     NOT NULL,          -- UNCL 5305: S, Z, E, AE, K, G, O
    exemption_reason  VARCHAR(300),
    exemption_code    VARCHAR(30),
    active            BOOLEAN        NOT NULL DEFAULT TRUE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX catalogue_item_by_dossier ON catalogue_item (dossier_id, label);

-- what the seller side of a sales invoice needs beyond the dossier row
CREATE TABLE sales_settings (
    dossier_id        VARCHAR(36)   PRIMARY KEY REFERENCES dossier (id),
    number_prefix     VARCHAR(20)   NOT NULL,
    iban              VARCHAR(34),
    bic               VARCHAR(11),
    address           VARCHAR(300),
    postcode          VARCHAR(20),
    city              VARCHAR(100),
    country           VARCHAR(2)    NOT NULL,
    email             VARCHAR(254),
    payment_days      INTEGER       NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

-- the last number issued per dossier and year: claimed only in the transaction that freezes the invoice, so a
-- finalisation that fails leaves no gap
CREATE TABLE sales_sequence (
    dossier_id   VARCHAR(36) NOT NULL REFERENCES dossier (id),
    issue_year   INTEGER     NOT NULL,
    last_number  BIGINT      NOT NULL CHECK (last_number >= 0),
    PRIMARY KEY (dossier_id, issue_year)
);

CREATE TABLE sales_invoice (
    document_id       VARCHAR(36)    PRIMARY KEY REFERENCES document (id),
    dossier_id        VARCHAR(36)    NOT NULL REFERENCES dossier (id),
    invoice_type      VARCHAR(30)    NOT NULL,          -- INVOICE | CREDIT_NOTE | PREPAYMENT_INVOICE
    customer_id       VARCHAR(36)    NOT NULL REFERENCES party (id),
    frozen            BOOLEAN        NOT NULL DEFAULT FALSE,
    -- bumped by every edit: a finalisation only commits the version it validated
    version           INTEGER        NOT NULL,
    number            VARCHAR(20),
    issue_date        DATE,
    due_date          DATE,
    payment_days      INTEGER,
    business_process  VARCHAR(10),
    buyer_reference   VARCHAR(100),
    order_reference   VARCHAR(100),
    note              VARCHAR(1000),
    -- credit notes: the invoice they correct (BT-25 / BT-26 are read from it at finalisation)
    corrects_id       VARCHAR(36)    REFERENCES sales_invoice (document_id),
    amount_due        NUMERIC(19, 6),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX sales_invoice_by_number ON sales_invoice (dossier_id, number);
CREATE INDEX sales_invoice_by_corrects ON sales_invoice (corrects_id);

-- a final invoice deducts these down-payment invoices (BT-113, BG-3)
CREATE TABLE sales_deduction (
    document_id      VARCHAR(36) NOT NULL REFERENCES sales_invoice (document_id),
    down_payment_id  VARCHAR(36) NOT NULL REFERENCES sales_invoice (document_id),
    PRIMARY KEY (document_id, down_payment_id)
);

CREATE TABLE sales_line (
    document_id        VARCHAR(36)    NOT NULL REFERENCES sales_invoice (document_id),
    line_no            INTEGER        NOT NULL,
    catalogue_item_id  VARCHAR(36),
    kind               VARCHAR(10)    NOT NULL,
    label              VARCHAR(300)   NOT NULL,
    unit_code          VARCHAR(3)     NOT NULL,
    quantity           NUMERIC(19, 6) NOT NULL,
    unit_price         NUMERIC(19, 6) NOT NULL,
    discount_percent   NUMERIC(7, 4),
    vat_rate           NUMERIC(5, 2)  NOT NULL,
    vat_category       VARCHAR(2)     NOT NULL,
    exemption_reason   VARCHAR(300),
    exemption_code     VARCHAR(30),
    PRIMARY KEY (document_id, line_no)
);
