-- Two facts about a declared cookie that the statement needs and nobody had declared.
--
-- `consent_asked`: the website asks the visitor's consent before it places the cookie
-- (`kluis cookie add|edit --consent-asked`). The statement promises "only with your consent"
-- for analytics and marketing cookies only when this is declared; until now it said so for
-- every such cookie. Existing cookies start undeclared (0), so a statement that lists one asks
-- for the declaration instead of assuming it.
--
-- `safeguard`, `safeguard_copy`, `safeguard_copy_en`: a provider outside the EEA receives the
-- visitor's data, which is a transfer (GDPR Chapter V), and the statement must name its
-- safeguard (Art. 13(1)(f)) as it does for recipients, under the same rules
-- (`schema::transfer`). Existing cookies outside the EEA have none, so the statement asks for
-- it. Art. 49 exceptions are not allowed: a cookie sends data on every visit.
ALTER TABLE cookies ADD COLUMN consent_asked INTEGER NOT NULL DEFAULT 0
    CHECK (consent_asked IN (0, 1));
ALTER TABLE cookies ADD COLUMN safeguard TEXT
    CHECK (safeguard IS NULL OR safeguard IN ('adequacy', 'dpf', 'scc', 'bcr'));
ALTER TABLE cookies ADD COLUMN safeguard_copy TEXT;
ALTER TABLE cookies ADD COLUMN safeguard_copy_en TEXT;
