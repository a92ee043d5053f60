-- Every IBAN seen for a supplier, where it came from and who confirmed it (issue 20: bank-detail fraud).
-- An invoice whose IBAN is not confirmed for its supplier is never approved without a person.
-- Standard SQL for H2 (MODE=PostgreSQL) and PostgreSQL.
CREATE TABLE supplier_iban (
    party_id           VARCHAR(36)  NOT NULL REFERENCES party (id) ON DELETE CASCADE,
    iban               VARCHAR(34)  NOT NULL,
    first_seen_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the invoice it was first read on; NULL when a person or an import entered it
    first_document_id  VARCHAR(36),
    -- INVOICE | ENTERED | IMPORTED | MIGRATED
    source             VARCHAR(10)  NOT NULL,
    -- "user:<e-mail>" of the person who confirmed it; NULL while unconfirmed
    confirmed_by       VARCHAR(300),
    confirmed_at       TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (party_id, iban)
);
-- the same IBAN under several suppliers of a firm is looked for on every invoice
CREATE INDEX supplier_iban_by_iban ON supplier_iban (iban);

-- What people did to a supplier that matters later (who confirmed which bank details, and when).
CREATE TABLE party_event (
    id        VARCHAR(36)   PRIMARY KEY,
    party_id  VARCHAR(36)   NOT NULL REFERENCES party (id) ON DELETE CASCADE,
    at        TIMESTAMP WITH TIME ZONE NOT NULL,
    actor     VARCHAR(300)  NOT NULL,
    type      VARCHAR(40)   NOT NULL,
    details   VARCHAR(1000)
);
CREATE INDEX party_event_by_party ON party_event (party_id, at);

-- The IBANs already in the directory: those a person entered or imported count as confirmed (by nobody named: they
-- predate the confirmation), those copied from an invoice do not.
INSERT INTO supplier_iban (party_id, iban, first_seen_at, first_document_id, source, confirmed_by, confirmed_at)
SELECT id, iban, created_at, NULL, 'MIGRATED',
       CASE WHEN created_from_invoice THEN NULL ELSE 'system:before-bank-detail-checks' END,
       CASE WHEN created_from_invoice THEN NULL ELSE created_at END
FROM party WHERE role = 'SUPPLIER' AND iban IS NOT NULL;
