-- The `country` field type (issue 12): a country as its ISO 3166-1 alpha-2 code, which decides
-- how the record's postcode and national phone numbers are read.
--
-- `fields` is rebuilt, because SQLite cannot change a table's CHECK constraints in place. The
-- runner applies this file with foreign keys off (SQLite's documented procedure for rebuilding
-- a table that others reference) and checks every foreign key before it commits; ids are
-- copied, so `field_purposes` and the value columns of `records` (named by field id) keep
-- pointing at the same fields.

CREATE TABLE fields_rebuilt (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    type           TEXT NOT NULL CHECK (type IN ('text', 'email', 'phone', 'date', 'number',
                       'bool', 'postcode', 'bsn', 'country')),
    label          TEXT,
    label_en       TEXT,
    required       INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
    source         TEXT NOT NULL DEFAULT 'subject' CHECK (source IN ('subject', 'own',
                       'third-party')),
    source_note    TEXT,
    special        TEXT CHECK (special IS NULL OR special IN ('health', 'ethnicity', 'politics',
                       'religion', 'union', 'genetic', 'biometric', 'sex-life')),
    art9           TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    source_note_en TEXT,
    CHECK (special IS NULL OR art9 IS NOT NULL)
) STRICT;

INSERT INTO fields_rebuilt (id, name, type, label, label_en, required, source, source_note,
        special, art9, created_at, updated_at, source_note_en)
    SELECT id, name, type, label, label_en, required, source, source_note, special, art9,
        created_at, updated_at, source_note_en
    FROM fields;

DROP TABLE fields;
ALTER TABLE fields_rebuilt RENAME TO fields;
