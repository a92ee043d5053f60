-- Mail: Microsoft 365 mailboxes signed in with OAuth2 (client credentials), and the per-dossier receipt switch.
-- Written once for H2 (MODE=PostgreSQL) and PostgreSQL.

-- PASSWORD (password_secret holds the sealed password) or OAUTH2_M365 (password_secret holds the sealed client
-- secret of the Entra application; tenant and client ids are not secret)
ALTER TABLE mailbox ADD COLUMN auth_kind VARCHAR(20) DEFAULT 'PASSWORD' NOT NULL;
ALTER TABLE mailbox ADD COLUMN oauth_tenant_id VARCHAR(255);
ALTER TABLE mailbox ADD COLUMN oauth_client_id VARCHAR(255);

-- reply to the sender of a mail with the ids of the documents stored from it (off unless the dossier asks)
ALTER TABLE dossier ADD COLUMN mail_receipt BOOLEAN DEFAULT FALSE NOT NULL;
