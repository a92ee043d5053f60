-- The database itself refuses to change what is archived (PostgreSQL). Same rules as db/vendor/h2, which H2 runs
-- with a Java trigger (io.einvoice.gateway.archive.H2ArchiveGuard). Messages start with "archive is write-once".

CREATE FUNCTION archive_entry_write_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'archive is write-once: entry % of dossier % cannot be changed', OLD.seq, OLD.dossier_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF OLD.retain_until > CURRENT_DATE THEN
        RAISE EXCEPTION 'archive is write-once: entry % of dossier % is retained until %', OLD.seq, OLD.dossier_id, OLD.retain_until
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
END
$$;
CREATE TRIGGER archive_entry_write_once BEFORE UPDATE OR DELETE ON archive_entry
    FOR EACH ROW EXECUTE FUNCTION archive_entry_write_once();

CREATE FUNCTION archive_entry_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'archive is write-once: archive tables cannot be truncated' USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER archive_entry_no_truncate BEFORE TRUNCATE ON archive_entry
    FOR EACH STATEMENT EXECUTE FUNCTION archive_entry_no_truncate();
CREATE TRIGGER archive_chain_no_truncate BEFORE TRUNCATE ON archive_chain
    FOR EACH STATEMENT EXECUTE FUNCTION archive_entry_no_truncate();

-- the head only moves forward, one entry at a time
CREATE FUNCTION archive_chain_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.dossier_id <> OLD.dossier_id OR NEW.last_seq <> OLD.last_seq + 1 THEN
        RAISE EXCEPTION 'archive is write-once: the chain head of dossier % only moves forward by one entry', OLD.dossier_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER archive_chain_append_only BEFORE UPDATE OR DELETE ON archive_chain
    FOR EACH ROW EXECUTE FUNCTION archive_chain_append_only();

-- an ARCHIVED document keeps what its entry sealed (payment and accounting status stay live), and is not deleted
-- while its entry is retained
CREATE FUNCTION document_archived_write_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF EXISTS (SELECT 1 FROM archive_entry e WHERE e.document_id = OLD.id AND e.retain_until > CURRENT_DATE) THEN
            RAISE EXCEPTION 'archive is write-once: document % is archived and retained', OLD.id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status = 'ARCHIVED' AND (
        ROW(NEW.status, NEW.id, NEW.dossier_id, NEW.direction, NEW.channel, NEW.file_name, NEW.original_sha256, NEW.format,
            NEW.profile, NEW.invoice_type, NEW.number, NEW.issue_date, NEW.due_date, NEW.currency,
            NEW.seller_name, NEW.seller_siren, NEW.seller_siret, NEW.seller_vat,
            NEW.buyer_name, NEW.buyer_siren, NEW.buyer_siret, NEW.buyer_vat,
            NEW.total_excl_vat, NEW.total_vat, NEW.total_incl_vat, NEW.line_count, NEW.received_at,
            NEW.facturx_sha256, NEW.validation_valid, NEW.validation_errors, NEW.validation_report_sha256, NEW.check_reasons)
        IS DISTINCT FROM
        ROW(OLD.status, OLD.id, OLD.dossier_id, OLD.direction, OLD.channel, OLD.file_name, OLD.original_sha256, OLD.format,
            OLD.profile, OLD.invoice_type, OLD.number, OLD.issue_date, OLD.due_date, OLD.currency,
            OLD.seller_name, OLD.seller_siren, OLD.seller_siret, OLD.seller_vat,
            OLD.buyer_name, OLD.buyer_siren, OLD.buyer_siret, OLD.buyer_vat,
            OLD.total_excl_vat, OLD.total_vat, OLD.total_incl_vat, OLD.line_count, OLD.received_at,
            OLD.facturx_sha256, OLD.validation_valid, OLD.validation_errors, OLD.validation_report_sha256, OLD.check_reasons)) THEN
        RAISE EXCEPTION 'archive is write-once: document % is archived; only its payment and accounting status may change', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER document_archived_write_once BEFORE UPDATE OR DELETE ON document
    FOR EACH ROW EXECUTE FUNCTION document_archived_write_once();
