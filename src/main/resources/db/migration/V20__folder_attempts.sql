-- How many times the drop-folder route has tried a file (one row per file and modification time, while it is in the
-- folder). Counted before each attempt, so a file that crashes the gateway is counted too; a file that keeps failing
-- for a reason that is not passing goes to .failed/ instead of being retried forever. Deleted once the file has moved.
CREATE TABLE folder_attempt (
    file_key      CHAR(64)       PRIMARY KEY,
    file_path     VARCHAR(1000)  NOT NULL,
    attempts      INTEGER        NOT NULL,
    last_failure  VARCHAR(1000),
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
