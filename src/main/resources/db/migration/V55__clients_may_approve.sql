-- Whether the persons of the client company (role CLIENT) may approve or reject the dossier's purchase invoices.
-- Off until a person of the firm turns it on (PUT /api/dossiers/{siren}/settings {"clientsMayApprove": true}).
ALTER TABLE dossier ADD COLUMN clients_may_approve BOOLEAN NOT NULL DEFAULT FALSE;
