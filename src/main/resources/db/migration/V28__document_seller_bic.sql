-- The seller's BIC (BT-86 of the payment means with the seller's IBAN): a BIC of another country than the IBAN's is
-- flagged for a person to check (issue 20). Up to 35 characters are kept, so a wrong value is seen as such.
ALTER TABLE document ADD COLUMN seller_bic VARCHAR(35);
