-- A quarantined document run through the pipeline again (POST /api/documents/{id}/replay) is a new document that
-- points to the one it replays; the old one stays as it was. One replay per document: a replay that is quarantined
-- again is replayed in its turn, so the attempts form a chain.
ALTER TABLE document ADD COLUMN replay_of VARCHAR(36) REFERENCES document (id);
CREATE UNIQUE INDEX document_by_replay_of ON document (replay_of);
