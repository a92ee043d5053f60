-- Lines of the reform's directory (annuaire PPF, XP Z12-013 Directory Service): which platform receives the invoices
-- of a SIREN, of one of its SIRETs, or of a routing code of a public entity. Kept here from a CSV import (or the
-- directory API), so routing works when no API is reachable.
CREATE TABLE directory_line (
    addressing_identifier  VARCHAR(125)  PRIMARY KEY,
    siren                  CHAR(9)       NOT NULL,
    siret                  CHAR(14),
    routing_identifier     VARCHAR(100),
    addressing_suffix      VARCHAR(100),
    platform_type          VARCHAR(3)    NOT NULL,
    line_status            VARCHAR(8)    NOT NULL,
    source                 VARCHAR(10)   NOT NULL,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX directory_line_by_siren ON directory_line (siren);
