-- The quarter turns OCR gave each page (comma-separated degrees), so the Factur-X shows a sideways scan upright.
ALTER TABLE recognition ADD COLUMN page_rotations VARCHAR(1000);
