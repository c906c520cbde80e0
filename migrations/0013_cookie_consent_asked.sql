-- Whether the website asks the visitor's consent before it places a cookie, as the user
-- declares it (`kluis cookie add|edit --consent-asked`). The statement promises "only with your
-- consent" for analytics and marketing cookies only when this is declared; until now it said
-- so for every such cookie, a fact about the website nobody had stated. Existing cookies start
-- undeclared (0), so a statement that lists one asks for the declaration instead of assuming it.
ALTER TABLE cookies ADD COLUMN consent_asked INTEGER NOT NULL DEFAULT 0
    CHECK (consent_asked IN (0, 1));
