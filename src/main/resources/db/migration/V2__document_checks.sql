-- What the steps after ingest learn about a document, kept apart from what was read from it:
-- the Factur-X the gateway keeps (received, or generated), the validation verdict and its full report,
-- and the reasons a person must check it (low recognition confidence, XML/visible text mismatch...).
ALTER TABLE document ADD COLUMN facturx_sha256 CHAR(64) REFERENCES blob (sha256);
ALTER TABLE document ADD COLUMN validation_valid BOOLEAN;
ALTER TABLE document ADD COLUMN validation_errors INTEGER;
ALTER TABLE document ADD COLUMN validation_report_sha256 CHAR(64) REFERENCES blob (sha256);
-- one reason per line; NULL when nothing needs checking
ALTER TABLE document ADD COLUMN check_reasons VARCHAR(4000);
CREATE INDEX document_by_status ON document (dossier_id, status);
