-- English texts for a purpose, for `kluis statement --lang en`. Optional: without them the
-- English statement shows the Dutch description and interest.
ALTER TABLE purposes ADD COLUMN description_en TEXT CHECK (description_en IS NULL
    OR length(trim(description_en)) > 0);
ALTER TABLE purposes ADD COLUMN interest_en TEXT CHECK (interest_en IS NULL
    OR length(trim(interest_en)) > 0);
