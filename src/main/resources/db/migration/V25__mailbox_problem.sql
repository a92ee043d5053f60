-- A mailbox whose poll fails says so (README "Mail"): our own sentence for the last failure, when it happened and how
-- many polls in a row failed; cleared by the next poll that succeeds. Written once for H2 (MODE=PostgreSQL) and PostgreSQL.
ALTER TABLE mailbox ADD COLUMN problem VARCHAR(500);
ALTER TABLE mailbox ADD COLUMN problem_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE mailbox ADD COLUMN problem_count INTEGER NOT NULL DEFAULT 0;
