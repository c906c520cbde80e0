-- Values move from one row per value (`record_values`) into `records` itself: one column per
-- field, named `field_<id>` after the field's id, NULL where a record has no value. A record
-- is then one row, which is what makes a 100,000-row import about as fast as sqlite3's own
-- `.import` (docs/PERFORMANCE.md), and a decrypted vault reads like the spreadsheet it came
-- from.
--
-- The columns depend on the fields this vault has, so SQL alone cannot add them: the code in
-- src/vault/migrations.rs (`move_values_into_records`) runs right after this file, in the
-- same transaction, adds one column per field, copies the values and drops `record_values`.
-- From here on `kluis field add` adds a column and `kluis field remove` drops one.


-- An import logs one `add` entry for the records it created, which have consecutive ids:
-- the entry covers record_id up to and including record_last. Other entries name one record
-- (record_last NULL). A 100,000-row import then writes one audit row instead of 100,000.
ALTER TABLE audit_log ADD COLUMN record_last INTEGER
    CHECK (record_last IS NULL OR record_last > record_id);
