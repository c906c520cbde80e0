-- Search keys (issue 14): `kluis find` matches in SQL, ignoring case and accents, instead of
-- loading and lower-casing every record in Rust. `search_key` holds the record's values
-- folded (lower case, no accents), one segment per field marked with the field's id in
-- control characters (src/records/search.rs). It is personal data like the values: every
-- write path keeps it in step, and erasing a value cuts its segment out.
--
-- The code in src/vault/migrations.rs (`records::search::rebuild_all`) runs right after this
-- file, in the same transaction, and writes the key of every record already in the vault.

ALTER TABLE records ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
