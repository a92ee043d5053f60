-- SFTP connectors (README "Connectors") may hold a private key as their secret, sealed as before: up to 6,000 bytes
-- of key make about 8,100 characters sealed. Written once for H2 (MODE=PostgreSQL) and PostgreSQL.
ALTER TABLE connector ALTER COLUMN secret SET DATA TYPE VARCHAR(10000);
