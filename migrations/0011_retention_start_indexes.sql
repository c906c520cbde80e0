-- Indexes on when each record's retention periods start (issue 14). `check` and `purge` ask
-- which records have a period that ran out, as "the start is at or before this second"; with
-- these indexes SQLite answers that from a range instead of reading and parsing the times of
-- every row (src/records/due.rs). They index the very expressions the rule compares, so a
-- time SQLite cannot read is NULL in the index as in the rule.
--
-- The cost, measured on 100,000 records: 2.9 MB, 7.9 % of the database, which every open and
-- save decrypts and encrypts, and 10 % more time for an import (docs/PERFORMANCE.md, "Reads").

CREATE INDEX records_updated ON records (unixepoch(updated_at));
CREATE INDEX records_created ON records (unixepoch(created_at));
