-- The database itself refuses to change what is archived (H2): same rules as db/vendor/postgresql, in Java because
-- H2 triggers are Java classes. See io.einvoice.gateway.archive.H2ArchiveGuard.
CREATE TRIGGER archive_entry_write_once BEFORE UPDATE, DELETE ON archive_entry
    FOR EACH ROW CALL 'io.einvoice.gateway.archive.H2ArchiveGuard';
CREATE TRIGGER archive_chain_append_only BEFORE UPDATE, DELETE ON archive_chain
    FOR EACH ROW CALL 'io.einvoice.gateway.archive.H2ArchiveGuard';
CREATE TRIGGER document_archived_write_once BEFORE UPDATE, DELETE ON document
    FOR EACH ROW CALL 'io.einvoice.gateway.archive.H2ArchiveGuard';
