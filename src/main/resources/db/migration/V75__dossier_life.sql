-- Dossier life (issue 16, part 2): DRAFT -> CREATED -> ACTIVATED, DEACTIVATED. Dossiers that existed were receiving:
-- they are ACTIVATED. The contact is the person of the client company, invited as a CLIENT on activation when asked.
UPDATE dossier SET status = 'ACTIVATED' WHERE status = 'ACTIVE';
ALTER TABLE dossier ALTER COLUMN status SET DEFAULT 'ACTIVATED';
ALTER TABLE dossier ADD CONSTRAINT dossier_status_known CHECK (status IN ('DRAFT', 'CREATED', 'ACTIVATED', 'DEACTIVATED'));
ALTER TABLE dossier ADD COLUMN contact_email VARCHAR(254);
ALTER TABLE dossier ADD COLUMN contact_name VARCHAR(200);
ALTER TABLE dossier ADD COLUMN invite_contact BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE dossier ADD COLUMN status_changed_at TIMESTAMP WITH TIME ZONE;
