-- Pages of originals rendered to PNG for the web interface, kept in the blob store: rendered once per original
-- (content-addressed, so a duplicate shares them), page number 1-based, at the resolution named.
CREATE TABLE page_image (
    original_sha256 VARCHAR(64) NOT NULL,
    page            INTEGER     NOT NULL,
    dpi             INTEGER     NOT NULL,
    png_sha256      VARCHAR(64) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (original_sha256, page, dpi)
);
