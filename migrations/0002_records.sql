-- The purpose-bound data model. Every rule that can be a constraint is one, so a bug above
-- this layer cannot store a field without a purpose or a purpose without a legal basis.

CREATE TABLE profile (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    name       TEXT NOT NULL,
    email      TEXT NOT NULL,
    address    TEXT NOT NULL,
    kvk        TEXT,
    phone      TEXT,
    website    TEXT,
    dpo_name   TEXT,
    dpo_email  TEXT,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE purposes (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    basis          TEXT NOT NULL CHECK (basis IN ('consent', 'contract', 'legal-obligation',
                       'vital-interests', 'public-task', 'legitimate-interests')),
    description    TEXT NOT NULL CHECK (length(trim(description)) > 0),
    interest       TEXT,
    law            TEXT,
    retention_days INTEGER CHECK (retention_days IS NULL OR retention_days > 0),
    retention_spec TEXT,
    retention_note TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CHECK (retention_days IS NOT NULL OR retention_note IS NOT NULL),
    CHECK (basis <> 'legitimate-interests' OR interest IS NOT NULL)
) STRICT;

CREATE TABLE purpose_recipients (
    purpose_id INTEGER NOT NULL REFERENCES purposes (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    recipient  TEXT NOT NULL,
    PRIMARY KEY (purpose_id, position)
) STRICT;

CREATE TABLE purpose_transfers (
    purpose_id INTEGER NOT NULL REFERENCES purposes (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    transfer   TEXT NOT NULL,
    PRIMARY KEY (purpose_id, position)
) STRICT;

CREATE TABLE fields (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    type        TEXT NOT NULL CHECK (type IN ('text', 'email', 'phone', 'date', 'number', 'bool',
                    'postcode', 'bsn')),
    label       TEXT,
    label_en    TEXT,
    required    INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
    source      TEXT NOT NULL DEFAULT 'subject' CHECK (source IN ('subject', 'own', 'third-party')),
    source_note TEXT,
    special     TEXT CHECK (special IS NULL OR special IN ('health', 'ethnicity', 'politics',
                    'religion', 'union', 'genetic', 'biometric', 'sex-life')),
    art9        TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK (special IS NULL OR art9 IS NOT NULL)
) STRICT;

-- RESTRICT: a purpose that fields still use cannot be removed.
CREATE TABLE field_purposes (
    field_id   INTEGER NOT NULL REFERENCES fields (id) ON DELETE CASCADE,
    purpose_id INTEGER NOT NULL REFERENCES purposes (id) ON DELETE RESTRICT,
    PRIMARY KEY (field_id, purpose_id)
) STRICT, WITHOUT ROWID;

-- AUTOINCREMENT: an erased person's id is never given to someone else, so ids in the audit
-- log, in consents and in exports always mean one person.
CREATE TABLE records (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- One row per value, so purposes, retention and erasure work per field. Deliberately lean: the
-- last change is kept per record (records.updated_at, where retention counts from), and there
-- is no index on values: lookups by value are scans or in-memory maps, which costs less than
-- an index holding a second copy of every value (docs/PERFORMANCE.md).
CREATE TABLE record_values (
    record_id  INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    field_id   INTEGER NOT NULL REFERENCES fields (id) ON DELETE CASCADE,
    value      TEXT NOT NULL,
    PRIMARY KEY (record_id, field_id)
) STRICT, WITHOUT ROWID;

-- One row per record and purpose: the current state. The audit log keeps the history.
CREATE TABLE consents (
    record_id    INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    purpose_id   INTEGER NOT NULL REFERENCES purposes (id) ON DELETE CASCADE,
    given_at     TEXT NOT NULL,
    withdrawn_at TEXT,
    source       TEXT NOT NULL,
    PRIMARY KEY (record_id, purpose_id)
) STRICT, WITHOUT ROWID;

-- Values never go in here: only names, ids and counts.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    action    TEXT NOT NULL,
    record_id INTEGER,
    fields    TEXT,
    purpose   TEXT,
    detail    TEXT
) STRICT;

CREATE TABLE statements (
    id           INTEGER PRIMARY KEY,
    published_at TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    schema_json  TEXT NOT NULL
) STRICT;
