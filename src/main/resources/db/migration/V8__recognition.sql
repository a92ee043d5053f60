-- Recognition of invoices without structured data (text PDFs, scans, photos): what was extracted, field by field
-- (value, confidence, page and box, label), and the hints people's corrections taught about each supplier.
CREATE TABLE recognition (
    document_id   VARCHAR(36)   PRIMARY KEY REFERENCES document (id),
    source        VARCHAR(20)   NOT NULL,
    pages         INTEGER       NOT NULL,
    -- {"fields": {"number": {"value","confidence","page","x","y","width","height","label"}, ...}, "vat": [...]}
    fields_json   VARCHAR(200000) NOT NULL,
    -- the text lines read (first pages), [{"page","text","x","y","width","height"}]: where a correction's value is found
    lines_json    VARCHAR(1000000),
    -- the supplier identifiers the hints were looked up under ("SIREN:…", "VAT:…", "IBAN:…"), one per line
    supplier_keys VARCHAR(500),
    ocr_seconds   NUMERIC(10, 3),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One learnt hint per dossier, supplier key and field: the last correction wins.
CREATE TABLE supplier_hint (
    dossier_id    VARCHAR(36)   NOT NULL REFERENCES dossier (id),
    supplier_key  VARCHAR(100)  NOT NULL,
    field         VARCHAR(30)   NOT NULL,
    label         VARCHAR(200),
    page          INTEGER,
    box_x         DOUBLE PRECISION,
    box_y         DOUBLE PRECISION,
    box_width     DOUBLE PRECISION,
    box_height    DOUBLE PRECISION,
    corrected_value VARCHAR(300),
    source_document VARCHAR(36) REFERENCES document (id),
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (dossier_id, supplier_key, field)
);
