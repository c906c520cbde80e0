-- Consent sources from a closed list (issue 15 L2). `--source` was free text, and the audit
-- log, which outlives an erased person, kept it ("source told me at the counter, Jan's
-- wife"). kluis now accepts only the names of `ConsentSource` (src/records/consent.rs); this
-- file turns any other text already stored into `other`, in the consents and in the log. The
-- list below must equal `ConsentSource::NAMES` (a test in src/vault/migrations.rs checks it).

UPDATE consents SET source = 'other'
WHERE source NOT IN ('cli', 'web', 'webform', 'webshop', 'email', 'phone', 'in-person',
                     'paper', 'import', 'demo', 'other');

UPDATE audit_log SET detail = 'source other'
WHERE action = 'consent-give' AND detail LIKE 'source %'
  AND substr(detail, 8) NOT IN ('cli', 'web', 'webform', 'webshop', 'email', 'phone',
                                'in-person', 'paper', 'import', 'demo', 'other');
