-- Vault internals: which keys a save encrypts to. No secret key material is ever stored here:
-- the passphrase-derived key and the recovery secret live only in memory while unlocked.
CREATE TABLE vault_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Extra age recipients (a colleague's or a backup key). The recovery key's public half is in
-- vault_meta under 'recovery_recipient'. Public keys stay inside the encryption on purpose:
-- see docs/FORMAT.md, "Why a forged file does not open".
CREATE TABLE vault_recipients (
    public_key TEXT PRIMARY KEY,
    label      TEXT,
    added_at   TEXT NOT NULL
) STRICT;
