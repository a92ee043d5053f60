-- The seller's IBAN (BT-84 of the first payment means): suppliers are matched by SIREN, VAT number, then IBAN.
ALTER TABLE document ADD COLUMN seller_iban VARCHAR(34);
