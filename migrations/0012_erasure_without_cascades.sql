-- The tables that hang on a record no longer cascade its deletion (issue 14). SQLite runs an
-- `ON DELETE CASCADE` as a sub-program for every deleted record: purging 100,000 records took
-- 937 ms with the cascades and 268 ms with plain keys. kluis now deletes a record's consents,
-- restriction and objections itself, in bulk, before the record (`records::erase::
-- delete_records`). The keys stay: deleting a record that still has such a row fails, so a
-- path that forgot them cannot leave rows pointing nowhere.
--
-- SQLite cannot change a foreign key in place, so the three tables are rebuilt. The runner
-- applies this file with foreign keys off (SQLite's documented procedure) and checks every key
-- before it commits. Their keys on `purposes` keep their cascade: a purpose is removed rarely,
-- and its consents and objections go with it.

CREATE TABLE consents_rebuilt (
    record_id    INTEGER NOT NULL REFERENCES records (id),
    purpose_id   INTEGER NOT NULL REFERENCES purposes (id) ON DELETE CASCADE,
    given_at     TEXT NOT NULL,
    withdrawn_at TEXT,
    source       TEXT NOT NULL,
    PRIMARY KEY (record_id, purpose_id)
) STRICT, WITHOUT ROWID;
INSERT INTO consents_rebuilt (record_id, purpose_id, given_at, withdrawn_at, source)
    SELECT record_id, purpose_id, given_at, withdrawn_at, source FROM consents;
DROP TABLE consents;
ALTER TABLE consents_rebuilt RENAME TO consents;

CREATE TABLE restrictions_rebuilt (
    record_id  INTEGER PRIMARY KEY REFERENCES records (id),
    since      TEXT NOT NULL
) STRICT;
INSERT INTO restrictions_rebuilt (record_id, since) SELECT record_id, since FROM restrictions;
DROP TABLE restrictions;
ALTER TABLE restrictions_rebuilt RENAME TO restrictions;

CREATE TABLE objections_rebuilt (
    record_id   INTEGER NOT NULL REFERENCES records (id),
    purpose_id  INTEGER NOT NULL REFERENCES purposes (id) ON DELETE CASCADE,
    objected_at TEXT NOT NULL,
    PRIMARY KEY (record_id, purpose_id)
) STRICT, WITHOUT ROWID;
INSERT INTO objections_rebuilt (record_id, purpose_id, objected_at)
    SELECT record_id, purpose_id, objected_at FROM objections;
DROP TABLE objections;
ALTER TABLE objections_rebuilt RENAME TO objections;
