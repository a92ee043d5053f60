-- The send and the follow-up timer both move an attempt forward; each write names the version it read, so a slower
-- one cannot put back a state the other has already left (e.g. DEPOSITED over REJECTED).
ALTER TABLE chorus_attempt ADD COLUMN version INT DEFAULT 0 NOT NULL;
