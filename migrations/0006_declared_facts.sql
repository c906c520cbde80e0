-- Declared facts instead of guesses (issue 9): the statement says a thing only when the user
-- declared it. This migration adds what the user can now declare.
--
-- `purposes` is rebuilt, because SQLite cannot change a table's CHECK constraints in place and
-- a retention may now be an event alone ("until you withdraw your consent"), with neither a
-- period nor a note. The runner applies this file with foreign keys off (SQLite's documented
-- procedure for rebuilding a table that others reference) and checks every foreign key before
-- it commits; ids are copied, so fields, consents and recipient lists keep pointing at the
-- same purposes.

CREATE TABLE purposes_rebuilt (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE,
    -- The order the user gave: the statement and the register list purposes in this order.
    position            INTEGER NOT NULL,
    basis               TEXT NOT NULL CHECK (basis IN ('consent', 'contract', 'legal-obligation',
                            'vital-interests', 'public-task', 'legitimate-interests')),
    description         TEXT NOT NULL CHECK (length(trim(description)) > 0),
    description_en      TEXT CHECK (description_en IS NULL OR length(trim(description_en)) > 0),
    interest            TEXT,
    interest_en         TEXT CHECK (interest_en IS NULL OR length(trim(interest_en)) > 0),
    law                 TEXT,
    law_en              TEXT,
    retention_days      INTEGER CHECK (retention_days IS NULL OR retention_days > 0),
    retention_spec      TEXT,
    -- The moment the period counts from, or alone the event that ends the keeping.
    retention_from      TEXT NOT NULL DEFAULT 'last-change' CHECK (retention_from IN
                            ('last-change', 'created', 'end-of-contract', 'consent-withdrawn')),
    retention_note      TEXT,
    retention_note_en   TEXT,
    -- Who the people are ("klanten", "leden"); NULL means customers.
    subjects            TEXT,
    subjects_en         TEXT,
    -- Children under 16 are among them (UAVG art. 5).
    minors              INTEGER NOT NULL DEFAULT 0 CHECK (minors IN (0, 1)),
    -- NULL: not declared yet, which blocks the statement.
    profiling           TEXT CHECK (profiling IS NULL OR profiling IN ('none', 'profiling',
                            'automated-decision')),
    profiling_logic     TEXT,
    profiling_logic_en  TEXT,
    profiling_effect    TEXT,
    profiling_effect_en TEXT,
    -- Declared: nobody outside the business receives this purpose's data.
    no_recipients       INTEGER NOT NULL DEFAULT 0 CHECK (no_recipients IN (0, 1)),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CHECK (retention_days IS NOT NULL OR retention_note IS NOT NULL
           OR retention_from IN ('end-of-contract', 'consent-withdrawn')),
    CHECK (basis <> 'legitimate-interests' OR interest IS NOT NULL)
) STRICT;

INSERT INTO purposes_rebuilt (id, name, position, basis, description, description_en, interest,
        interest_en, law, retention_days, retention_spec, retention_note, created_at, updated_at)
    SELECT id, name, row_number() OVER (ORDER BY id), basis, description, description_en,
        interest, interest_en, law, retention_days, retention_spec, retention_note, created_at,
        updated_at
    FROM purposes;

DROP TABLE purposes;
ALTER TABLE purposes_rebuilt RENAME TO purposes;

-- `purpose_recipients` and `purpose_transfers` keep the free text of older vaults. kluis no
-- longer writes them: each such line blocks the statement until it is restated as a structured
-- recipient below, and `purpose edit --drop-legacy-recipients` removes it.

-- Who receives personal data from outside the business (Art. 13(1)(e) and (f)).
CREATE TABLE recipients (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    role              TEXT NOT NULL CHECK (role IN ('processor', 'controller', 'authority')),
    -- ISO 3166-1 alpha-2.
    country           TEXT NOT NULL CHECK (length(country) = 2 AND country = upper(country)),
    safeguard         TEXT CHECK (safeguard IS NULL OR safeguard IN ('adequacy', 'dpf', 'scc',
                          'bcr', 'derogation')),
    safeguard_copy    TEXT,
    safeguard_copy_en TEXT,
    note              TEXT,
    note_en           TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;

CREATE TABLE recipient_purposes (
    recipient_id INTEGER NOT NULL REFERENCES recipients (id) ON DELETE CASCADE,
    purpose_id   INTEGER NOT NULL REFERENCES purposes (id) ON DELETE CASCADE,
    PRIMARY KEY (recipient_id, purpose_id)
) STRICT, WITHOUT ROWID;

-- Data a purpose keeps outside the vault: camera images, published photos, website logs.
CREATE TABLE purpose_categories (
    purpose_id  INTEGER NOT NULL REFERENCES purposes (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    category    TEXT NOT NULL CHECK (length(trim(category)) > 0),
    category_en TEXT CHECK (category_en IS NULL OR length(trim(category_en)) > 0),
    PRIMARY KEY (purpose_id, position)
) STRICT;

-- Cookies and similar techniques on the business's website.
CREATE TABLE cookies (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    provider        TEXT NOT NULL CHECK (length(trim(provider)) > 0),
    kind            TEXT NOT NULL CHECK (kind IN ('functional', 'analytics', 'marketing')),
    retention       TEXT NOT NULL,
    purpose_text    TEXT NOT NULL CHECK (length(trim(purpose_text)) > 0),
    purpose_text_en TEXT,
    country         TEXT CHECK (country IS NULL OR (length(country) = 2
                        AND country = upper(country))),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

ALTER TABLE fields ADD COLUMN source_note_en TEXT;
ALTER TABLE profile ADD COLUMN statement_url TEXT;
