-- Statement texts that are not part of the data model: today only how scores or profiles
-- are made (Art. 13(2)(f)), which the statement cannot derive from the fields.
CREATE TABLE statement_settings (
    key   TEXT PRIMARY KEY CHECK (key IN ('profiling')),
    value TEXT NOT NULL CHECK (length(trim(value)) > 0)
) STRICT;
