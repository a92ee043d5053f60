-- When the directory service (XP Z12-013 Directory Service, through the dossier's PA) was last asked about a SIREN,
-- whatever it answered: the lines it gave are kept in directory_line with source 'API', and a SIREN without any line
-- (outside the reform) is not asked again at every invoice either.
CREATE TABLE directory_lookup (
    siren     CHAR(9)                  PRIMARY KEY,
    asked_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
