-- People's requests about their data (issue 11): access, rectification, erasure, restriction,
-- portability, objection and withdrawal of consent, with the deadline of Art. 12(3).
--
-- The register is personal data too, so it keeps the minimum: the type, the dates, the record
-- id, the channel and the outcome. Never a value: the library refuses a note or reason that
-- holds one of the person's stored values. It has its own retention (two years after closing,
-- docs/REQUESTS.md), which `kluis purge` enforces.

CREATE TABLE requests (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    kind             TEXT NOT NULL CHECK (kind IN ('access', 'rectification', 'erasure',
                         'restriction', 'portability', 'objection', 'withdraw-consent')),
    -- No foreign key: the register outlives the record an erasure request erased.
    record_id        INTEGER NOT NULL,
    via              TEXT CHECK (via IS NULL OR via IN ('email', 'letter', 'phone', 'in-person')),
    -- Dates as YYYY-MM-DD.
    received_on      TEXT NOT NULL,
    due_on           TEXT NOT NULL,
    extended_until   TEXT,
    extension_reason TEXT,
    closed_on        TEXT,
    outcome          TEXT CHECK (outcome IS NULL OR outcome IN ('answered', 'closed')),
    reason           TEXT,
    note             TEXT,
    created_at       TEXT NOT NULL,
    CHECK ((closed_on IS NULL) = (outcome IS NULL)),
    CHECK (extended_until IS NULL OR extended_until > due_on)
) STRICT;

-- The purposes an objection or a withdrawal of consent names.
CREATE TABLE request_purposes (
    request_id INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    purpose_id INTEGER NOT NULL REFERENCES purposes (id) ON DELETE CASCADE,
    PRIMARY KEY (request_id, purpose_id)
) STRICT, WITHOUT ROWID;

-- Art. 18: a restricted record keeps its values, but they leave every purpose's export and
-- cannot be edited until the mark is lifted.
CREATE TABLE restrictions (
    record_id  INTEGER PRIMARY KEY REFERENCES records (id) ON DELETE CASCADE,
    since      TEXT NOT NULL
) STRICT;

-- Art. 21: an upheld objection, per record and purpose, like a withdrawal of consent.
CREATE TABLE objections (
    record_id   INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    purpose_id  INTEGER NOT NULL REFERENCES purposes (id) ON DELETE CASCADE,
    objected_at TEXT NOT NULL,
    PRIMARY KEY (record_id, purpose_id)
) STRICT, WITHOUT ROWID;

-- Purposes where an objection is absolute (Art. 21(3)).
ALTER TABLE purposes ADD COLUMN direct_marketing INTEGER NOT NULL DEFAULT 0
    CHECK (direct_marketing IN (0, 1));
