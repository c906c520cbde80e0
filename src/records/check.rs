//! `kluis check`: a compliance lint over the schema and the stored data. Findings that must
//! be fixed are errors (non-zero exit); the rest are warnings to look at.

use rusqlite::Connection;
use serde::Serialize;
use time::OffsetDateTime;

use super::due::ValueScan;
use super::view::{FieldInfo, SchemaView};
use super::{Error, RecordId};
use crate::schema::model::{FieldType, LegalBasis, RetentionStart};
use crate::schema::{holds_bsn, value_column};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// A stable name for scripts, e.g. `past-retention`.
    pub code: &'static str,
    /// What it is about, as data: each front end writes its own sentence and its own way to
    /// fix it (a command on the command line, a link in the browser).
    pub facts: Facts,
}

impl From<Facts> for Finding {
    fn from(facts: Facts) -> Self {
        Finding {
            severity: facts.severity(),
            code: facts.code(),
            facts,
        }
    }
}

/// The facts behind each kind of finding: the names of the purposes and fields, the ids of
/// the records, never a value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Facts {
    NoProfile,
    /// Refused since issue 9; vaults from before still hold such purposes.
    LawMissing {
        purpose: String,
    },
    PurposeWithoutFields {
        purpose: String,
    },
    ManualRetention {
        purpose: String,
        /// Counted from the end of the contract, which kluis does not know; otherwise there
        /// is no period kluis can count at all.
        from_end_of_contract: bool,
    },
    UnusedField {
        field: String,
    },
    PastRetention {
        field: String,
        records: Vec<RecordId>,
    },
    RequiredConsent {
        field: String,
    },
    SpecialCategory {
        field: String,
        special: String,
        art9: Option<String>,
    },
    ConsentMissing {
        field: String,
        /// Special-category data under explicit consent (Art. 9(2)(a)), rather than a field
        /// that serves only consent purposes.
        explicit: bool,
        records: Vec<RecordId>,
    },
    Bsn {
        field: String,
        /// The laws its purposes name; empty when none does.
        laws: Vec<String>,
    },
    BsnType {
        field: String,
        field_type: FieldType,
    },
    ProfilingUndeclared {
        purpose: String,
    },
    RetentionNoteOnly {
        purpose: String,
    },
    /// A purpose keeps data for a period after consent is withdrawn: for the purpose itself
    /// nothing is left to rest on then (Art. 17(1)(b)). A warning: the period may serve
    /// proof of the consent, which is a purpose of its own.
    KeptAfterWithdrawal {
        purpose: String,
    },
    LooksLikeProfiling {
        field: String,
        /// The field's first purpose, where a declaration would go.
        purpose: Option<String>,
    },
    StatementStale(Staleness),
    /// The privacy statement cannot be made yet: this many facts it needs are not declared
    /// (`kluis statement` lists them, each with the command that supplies it).
    StatementIncomplete {
        missing: usize,
    },
    /// An open request (Art. 12(3)) due within a week.
    RequestDueSoon {
        request: i64,
        kind: String,
        record: RecordId,
        due: String,
        days: i64,
    },
    /// An open request past its (extended) due date.
    RequestOverdue {
        request: i64,
        kind: String,
        record: RecordId,
        due: String,
    },
    /// Values of fields whose every purpose the person objected to: nothing uses them.
    ObjectedValues {
        record: RecordId,
        fields: Vec<String>,
    },
}

/// How the data model changed since the last published statement, in counts, with the new
/// purposes by name: people must hear of those before the processing starts (Art. 13(3)).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Staleness {
    pub added_purposes: Vec<String>,
    pub removed_purposes: usize,
    pub added_fields: usize,
    pub removed_fields: usize,
    pub changed_settings: usize,
}

impl Facts {
    /// The stable name scripts and the web app key on.
    pub fn code(&self) -> &'static str {
        match self {
            Facts::NoProfile => "no-profile",
            Facts::LawMissing { .. } => "law-missing",
            Facts::PurposeWithoutFields { .. } => "purpose-without-fields",
            Facts::ManualRetention { .. } => "manual-retention",
            Facts::UnusedField { .. } => "unused-field",
            Facts::PastRetention { .. } => "past-retention",
            Facts::RequiredConsent { .. } => "required-consent",
            Facts::SpecialCategory { .. } => "special-category",
            Facts::ConsentMissing { .. } => "consent-missing",
            Facts::Bsn { .. } => "bsn",
            Facts::BsnType { .. } => "bsn-type",
            Facts::ProfilingUndeclared { .. } => "profiling-undeclared",
            Facts::RetentionNoteOnly { .. } => "retention-note-only",
            Facts::KeptAfterWithdrawal { .. } => "kept-after-withdrawal",
            Facts::LooksLikeProfiling { .. } => "looks-like-profiling",
            Facts::StatementStale(_) => "statement-stale",
            Facts::StatementIncomplete { .. } => "statement-incomplete",
            Facts::RequestDueSoon { .. } => "request-due-soon",
            Facts::RequestOverdue { .. } => "request-overdue",
            Facts::ObjectedValues { .. } => "objected-values",
        }
    }

    /// Errors break the law or a promise and must be fixed; warnings ask for a look.
    pub fn severity(&self) -> Severity {
        match self {
            Facts::NoProfile
            | Facts::LawMissing { .. }
            | Facts::PastRetention { .. }
            | Facts::RequiredConsent { .. }
            | Facts::ConsentMissing { .. }
            | Facts::BsnType { .. }
            | Facts::ProfilingUndeclared { .. }
            | Facts::RetentionNoteOnly { .. }
            | Facts::RequestOverdue { .. } => Severity::Error,
            Facts::PurposeWithoutFields { .. }
            | Facts::ManualRetention { .. }
            | Facts::UnusedField { .. }
            | Facts::SpecialCategory { .. }
            | Facts::Bsn { .. }
            | Facts::LooksLikeProfiling { .. }
            | Facts::KeptAfterWithdrawal { .. }
            | Facts::StatementStale(_)
            | Facts::StatementIncomplete { .. }
            | Facts::RequestDueSoon { .. }
            | Facts::ObjectedValues { .. } => Severity::Warning,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub findings: Vec<Finding>,
}

impl Report {
    /// Whether something must be fixed (the command then exits 1).
    pub fn must_fix(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    fn push(&mut self, facts: Facts) {
        self.findings.push(facts.into());
    }
}

pub fn check(conn: &Connection, schema: &SchemaView, now: OffsetDateTime) -> Result<Report, Error> {
    let mut report = Report::default();
    let profiles: i64 = conn.query_row("SELECT count(*) FROM profile", [], |row| row.get(0))?;
    if profiles == 0 {
        report.push(Facts::NoProfile);
    }

    let snapshot = crate::schema::load_snapshot(conn).map_err(|source| Error::Corrupt {
        what: format!("the schema ({source})"),
    })?;
    report.findings.extend(super::declared::findings(&snapshot));

    for purpose in &schema.purposes {
        // Refused since issue 9; vaults from before still hold such purposes.
        if purpose.basis == LegalBasis::LegalObligation && purpose.law.is_none() {
            report.push(Facts::LawMissing {
                purpose: purpose.name.clone(),
            });
        }
        let fields = schema.fields_of(purpose);
        if fields.is_empty() {
            report.push(Facts::PurposeWithoutFields {
                purpose: purpose.name.clone(),
            });
        } else if purpose.retention_days.is_none() {
            report.push(Facts::ManualRetention {
                purpose: purpose.name.clone(),
                from_end_of_contract: false,
            });
        } else if purpose.retention_from == RetentionStart::EndOfContract {
            report.push(Facts::ManualRetention {
                purpose: purpose.name.clone(),
                from_end_of_contract: true,
            });
        }
    }

    let held = Held::scan(conn, schema, now)?;
    for (field, held) in schema.fields.iter().zip(held) {
        if !held.by_any {
            report.push(Facts::UnusedField {
                field: field.name.clone(),
            });
        }
        if !held.past.is_empty() {
            report.push(Facts::PastRetention {
                field: field.name.clone(),
                records: held.past,
            });
        }
        if let Some(explicit) = consent_rule(schema, field)
            && !held.without_consent.is_empty()
        {
            report.push(Facts::ConsentMissing {
                field: field.name.clone(),
                explicit,
                records: held.without_consent,
            });
        }
        if consent_only(schema, field) && field.required {
            report.push(Facts::RequiredConsent {
                field: field.name.clone(),
            });
        }

        if let Some(special) = &field.special {
            report.push(Facts::SpecialCategory {
                field: field.name.clone(),
                special: special.clone(),
                art9: field.art9.clone(),
            });
        }
        if holds_bsn(
            field.field_type,
            &field.name,
            field.label.as_deref(),
            field.label_en.as_deref(),
        ) {
            report_bsn(&mut report, schema, field);
        }
    }
    Ok(report)
}

/// What the stored values of one field give `check`: whether any record holds one, those
/// whose value is past retention and those whose value lacks the consent it needs, by record
/// id.
#[derive(Debug, Default)]
struct Held {
    by_any: bool,
    past: Vec<RecordId>,
    without_consent: Vec<RecordId>,
}

impl Held {
    /// Every field decided in two queries over `records` in SQL: one ([`ValueScan`]) reads
    /// the rows that may be due and returns those with a value past retention, the other
    /// ([`without_consent`]) reads one column per field that needs consent. Whether a field
    /// is used at all is a query that stops at the first value.
    fn scan(
        conn: &Connection,
        schema: &SchemaView,
        now: OffsetDateTime,
    ) -> Result<Vec<Held>, Error> {
        let mut held = schema
            .fields
            .iter()
            .map(|field| {
                Ok(Held {
                    by_any: in_use(conn, field)?,
                    ..Held::default()
                })
            })
            .collect::<Result<Vec<Held>, Error>>()?;
        let scan = ValueScan::new(conn, schema, now)?;
        let mut statement = conn.prepare(&scan.past_retention(schema))?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let id: RecordId = row.get(0)?;
            for rule in 0..scan.rule_count() {
                for index in scan.fields(rule, row.get(1 + rule)?) {
                    held[index].past.push(id);
                }
            }
        }
        for (index, id) in without_consent(conn, schema)? {
            held[index].without_consent.push(id);
        }
        // The queries promise no order; findings are listed by record id.
        for held in &mut held {
            held.past.sort_unstable();
            held.without_consent.sort_unstable();
        }
        Ok(held)
    }
}

/// Each value held without the consent its field needs, as (the field's index in the
/// schema, the record's id). A value can lack consent in any row, so every row is read; apart
/// from the retention query, which reads only the rows that may be due, this scan reads just
/// the columns of these fields, and none at all when no field needs consent.
fn without_consent(
    conn: &Connection,
    schema: &SchemaView,
) -> Result<Vec<(usize, RecordId)>, Error> {
    let conditions: Vec<(usize, String)> = schema
        .fields
        .iter()
        .enumerate()
        .filter_map(|(index, field)| {
            let missing = missing_consent(schema, field)?;
            let holds = ValueScan::holds(schema, index);
            Some((index, format!("({holds} AND {missing})")))
        })
        .collect();
    if conditions.is_empty() {
        return Ok(Vec::new());
    }
    let columns: String = conditions
        .iter()
        .map(|(_, sql)| format!(", {sql}"))
        .collect();
    let any: Vec<&str> = conditions.iter().map(|(_, sql)| sql.as_str()).collect();
    let sql = format!(
        "SELECT r.id{columns} FROM records r WHERE {}",
        any.join(" OR ")
    );
    let mut statement = conn.prepare(&sql)?;
    let mut rows = statement.query([])?;
    let mut found = Vec::new();
    while let Some(row) = rows.next()? {
        let id: RecordId = row.get(0)?;
        for (column, (index, _)) in conditions.iter().enumerate() {
            if row.get::<_, bool>(1 + column)? {
                found.push((*index, id));
            }
        }
    }
    Ok(found)
}

/// Whether any record holds a value of `field`: a query that stops at the first.
fn in_use(conn: &Connection, field: &FieldInfo) -> Result<bool, Error> {
    let column = value_column(field.id);
    let sql = format!("SELECT EXISTS (SELECT 1 FROM records WHERE {column} IS NOT NULL)");
    Ok(conn.query_row(&sql, [], |row| row.get(0))?)
}

fn consent_only(schema: &SchemaView, field: &FieldInfo) -> bool {
    !field.purposes.is_empty()
        && schema
            .purposes_of(field)
            .all(|p| p.basis == LegalBasis::Consent)
}

/// Whether values of `field` need consent the person has not given, or has withdrawn: those
/// of a field that serves only consent purposes, and those of a field under explicit consent
/// (Art. 9(2)(a)), whatever the basis of its purposes. `Some(explicit)` when they do.
fn consent_rule(schema: &SchemaView, field: &FieldInfo) -> Option<bool> {
    let explicit = field.needs_explicit_consent();
    (explicit || consent_only(schema, field)).then_some(explicit)
}

/// SQL: the row's value of `field` needs consent it lacks (no purpose of the field has
/// current consent); `None` for fields that need none.
fn missing_consent(schema: &SchemaView, field: &FieldInfo) -> Option<String> {
    consent_rule(schema, field)?;
    let purposes: Vec<String> = schema
        .purposes_of(field)
        .map(|p| p.id.to_string())
        .collect();
    Some(format!(
        "NOT EXISTS (SELECT 1 FROM consents c WHERE c.record_id = r.id
                     AND c.withdrawn_at IS NULL AND c.purpose_id IN ({}))",
        purposes.join(", ")
    ))
}

/// A BSN field is lawful only under the laws its purposes name; one that is named a BSN but
/// typed otherwise (made before `field add` refused that) skips the elfproef.
fn report_bsn(report: &mut Report, schema: &SchemaView, field: &FieldInfo) {
    let laws: Vec<String> = schema
        .purposes_of(field)
        .filter_map(|p| p.law.clone())
        .collect();
    report.push(Facts::Bsn {
        field: field.name.clone(),
        laws,
    });
    if field.field_type != FieldType::Bsn {
        report.push(Facts::BsnType {
            field: field.name.clone(),
            field_type: field.field_type,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::consent::{give_consent, withdraw_consent};
    use crate::records::record::add;
    use crate::records::testing::{T0, at, field, pairs, purpose, shop};

    fn codes(report: &Report) -> Vec<&'static str> {
        report.findings.iter().map(|f| f.code).collect()
    }

    #[test]
    fn an_empty_schema_without_profile_must_be_fixed() {
        let (conn, schema) = shop();
        let report = check(&conn, &schema, at(T0)).unwrap();
        assert!(report.must_fix());
        assert_eq!(
            codes(&report)
                .iter()
                .filter(|c| **c == "unused-field")
                .count(),
            5
        );
        assert!(codes(&report).contains(&"no-profile"));
    }

    #[test]
    fn a_tidy_vault_has_only_warnings() {
        let (conn, schema) = shop();
        conn.execute(
            "INSERT INTO profile (id, name, email, address, updated_at) VALUES (1, 'Shop', 'a@b.nl', 'Straat 1', ?1)",
            [T0],
        ).unwrap();
        let id = add(
            &conn,
            &schema,
            &pairs(&[("name", "Jan"), ("interests", "brood")]),
            at(T0),
        )
        .unwrap();
        give_consent(&conn, &schema, id, "newsletter", "cli", at(T0)).unwrap();
        let report = check(&conn, &schema, at(T0)).unwrap();
        assert!(!report.must_fix(), "{report:?}");
        assert!(!codes(&report).contains(&"consent-missing"));

        withdraw_consent(&conn, &schema, id, "newsletter", at(T0)).unwrap();
        let report = check(&conn, &schema, at(T0)).unwrap();
        assert_eq!(
            codes(&report)
                .iter()
                .filter(|c| **c == "consent-missing")
                .count(),
            1
        );
        assert!(report.must_fix());

        let report = check(&conn, &schema, at("2033-01-01T00:00:00Z")).unwrap();
        assert!(codes(&report).contains(&"past-retention"));
    }

    /// Regression: a field that needs consent (the shop's `interests`) made `check` read every
    /// row for retention too, as one query decided both: 297 ms against 126 ms at 100,000
    /// records (docs/PERFORMANCE.md). Retention is read by id from the indexes of migration
    /// 0011 whatever the fields; only the consent query steps through every row.
    #[test]
    fn a_field_that_needs_consent_leaves_retention_to_the_indexes() {
        use rusqlite::StatementStatus::FullscanStep;
        use rusqlite::trace::{TraceEvent, TraceEventCodes};
        let (mut conn, schema) = shop();
        // Twenty records without audit entries: erasure requests are read from the log,
        // and an empty log takes no step.
        let name = crate::schema::value_column(schema.field("name").unwrap().id);
        conn.execute_batch(&format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
             INSERT INTO records (created_at, updated_at, {name}) SELECT '{T0}', '{T0}', 'Jan' FROM n"
        ))
        .unwrap();
        let steps = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = steps.clone();
        let remember = move |event: TraceEvent<'_>| {
            if let TraceEvent::Profile(statement, _) = event {
                let taken = statement.get_status(FullscanStep);
                seen.lock()
                    .unwrap()
                    .push((statement.sql().into_owned(), taken));
            }
        };
        conn.trace_v2(TraceEventCodes::SQLITE_TRACE_PROFILE, Some(remember))
            .unwrap();
        check(&conn, &schema, at(T0)).unwrap();
        let steps = steps.lock().unwrap();
        let of = |what: &str| -> Vec<i32> {
            let matching = steps.iter().filter(|(sql, _)| sql.contains(what));
            matching.map(|(_, taken)| *taken).collect()
        };
        assert_eq!(of("AS rule_0"), [0], "retention: {steps:#?}");
        // A full scan steps forward from each row to the next.
        assert_eq!(of("FROM consents c"), [19], "consent: {steps:#?}");
    }

    #[test]
    fn special_bsn_unused_purposes_and_manual_retention_are_reported() {
        let (conn, _) = shop();
        purpose(&conn, "payroll", "legal-obligation", None);
        purpose(&conn, "empty", "contract", Some(10));
        field(&conn, "bsn", "bsn", false, &["payroll"]);
        conn.execute(
            "INSERT INTO fields (name, type, special, art9, created_at, updated_at)
             VALUES ('allergies', 'text', 'health', 'explicit-consent', ?1, ?1)",
            [T0],
        )
        .unwrap();
        crate::schema::add_value_column(&conn, conn.last_insert_rowid()).unwrap();
        conn.execute(
            "INSERT INTO field_purposes SELECT f.id, p.id FROM fields f, purposes p
             WHERE f.name = 'allergies' AND p.name = 'customer-admin'",
            [],
        )
        .unwrap();
        let schema = SchemaView::load(&conn).unwrap();
        let report = check(&conn, &schema, at(T0)).unwrap();
        let codes = codes(&report);
        for code in [
            "bsn",
            "special-category",
            "purpose-without-fields",
            "manual-retention",
        ] {
            assert!(codes.contains(&code), "{code} missing from {codes:?}");
        }
        let bsn = report.findings.iter().find(|f| f.code == "bsn").unwrap();
        assert_eq!(
            bsn.facts,
            Facts::Bsn {
                field: "bsn".into(),
                laws: vec!["AWR art. 52".into()]
            }
        );
    }

    #[test]
    fn a_field_named_bsn_with_another_type_must_be_fixed() {
        let (conn, _) = shop();
        purpose(&conn, "payroll", "legal-obligation", None);
        field(&conn, "bsn_nummer", "text", false, &["payroll"]);
        let schema = SchemaView::load(&conn).unwrap();
        let report = check(&conn, &schema, at(T0)).unwrap();
        let finding = report
            .findings
            .iter()
            .find(|f| f.code == "bsn-type")
            .expect("the type is reported");
        assert_eq!(finding.severity, Severity::Error);
        assert_eq!(
            finding.facts,
            Facts::BsnType {
                field: "bsn_nummer".into(),
                field_type: FieldType::Text
            }
        );
        assert!(codes(&report).contains(&"bsn"));
    }

    #[test]
    fn older_vaults_hear_of_a_missing_law_and_a_required_consent_field() {
        let (conn, _) = shop();
        conn.execute_batch(
            "UPDATE purposes SET law = NULL WHERE name = 'bookkeeping';
             UPDATE fields SET required = 1 WHERE name = 'interests';",
        )
        .unwrap();
        let schema = SchemaView::load(&conn).unwrap();
        let report = check(&conn, &schema, at(T0)).unwrap();
        let codes = codes(&report);
        assert!(codes.contains(&"law-missing"), "{codes:?}");
        assert!(codes.contains(&"required-consent"), "{codes:?}");
        assert!(report.must_fix());
    }
}
