-- A published statement's version date: the day its owner published it, on their own
-- calendar (the local zone). Until now it was read from `published_at`, which is UTC, so
-- between midnight and 01:00 (02:00 in summer) in the Netherlands a statement published
-- today was dated yesterday.
--
-- The content hash covers the text with its version date, so every version keeps the date
-- its hash was made with: for those published before, the UTC day of `published_at`.
ALTER TABLE statements ADD COLUMN version_date TEXT
    CHECK (version_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
UPDATE statements SET version_date = substr(published_at, 1, 10);
