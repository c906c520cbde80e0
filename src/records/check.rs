//! `kluis check`: a compliance lint over the schema and the stored data. Findings that must
//! be fixed are errors (non-zero exit); the rest are warnings to look at.

use rusqlite::Connection;
use serde::Serialize;
use time::OffsetDateTime;

use super::retention::{ConsentState, Holdings};
use super::view::{FieldInfo, SchemaView};
use super::{Error, RecordId};
use crate::schema::holds_bsn;
use crate::schema::model::{FieldType, LegalBasis, RetentionStart};

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
    pub message: String,
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

    fn push(&mut self, severity: Severity, code: &'static str, message: String) {
        self.findings.push(Finding {
            severity,
            code,
            message,
        });
    }
}

fn id_list(records: &[RecordId]) -> String {
    records
        .iter()
        .map(RecordId::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn check(conn: &Connection, schema: &SchemaView, now: OffsetDateTime) -> Result<Report, Error> {
    let mut report = Report::default();
    let profiles: i64 = conn.query_row("SELECT count(*) FROM profile", [], |row| row.get(0))?;
    if profiles == 0 {
        report.push(
            Severity::Error,
            "no-profile",
            "there is no controller profile: set who you are with `kluis profile set`".into(),
        );
    }

    let snapshot = crate::schema::load_snapshot(conn).map_err(|source| Error::Corrupt {
        what: format!("the schema ({source})"),
    })?;
    report.findings.extend(super::declared::findings(&snapshot));

    let holdings = Holdings::load(conn)?;
    for purpose in &schema.purposes {
        // Refused since issue 9; vaults from before still hold such purposes.
        if purpose.basis == LegalBasis::LegalObligation && purpose.law.is_none() {
            report.push(
                Severity::Error,
                "law-missing",
                format!(
                    "purpose `{}` has basis legal-obligation but names no law: run `kluis purpose edit {} --law \"THE LAW\"`",
                    purpose.name, purpose.name
                ),
            );
        }
        let fields = schema.fields_of(purpose);
        if fields.is_empty() {
            report.push(
                Severity::Warning,
                "purpose-without-fields",
                format!("purpose `{}` has no fields", purpose.name),
            );
        } else if purpose.retention_days.is_none() {
            report.push(
                Severity::Warning,
                "manual-retention",
                format!(
                    "purpose `{}` has no retention period that kluis can count: review its values by hand",
                    purpose.name
                ),
            );
        } else if purpose.retention_from == RetentionStart::EndOfContract {
            report.push(
                Severity::Warning,
                "manual-retention",
                format!(
                    "purpose `{}` counts its retention from the end of the contract, which kluis does not know: review its values by hand",
                    purpose.name
                ),
            );
        }
    }

    for field in &schema.fields {
        let holders: Vec<RecordId> = holdings
            .values
            .iter()
            .filter(|(_, f)| *f == field.id)
            .map(|(r, _)| *r)
            .collect();
        if holders.is_empty() {
            report.push(
                Severity::Warning,
                "unused-field",
                format!("no record uses field `{}`: do you need it?", field.name),
            );
        }

        let past: Vec<RecordId> = holders
            .iter()
            .copied()
            .filter(|&record| holdings.past_retention(schema, field, record, now))
            .collect();
        if !past.is_empty() {
            report.push(
                Severity::Error,
                "past-retention",
                format!(
                    "field `{}` is past retention on records {}: run `kluis purge`",
                    field.name,
                    id_list(&past)
                ),
            );
        }

        report_missing_consent(&mut report, schema, &holdings, field, &holders);
        let consent_only = !field.purposes.is_empty()
            && schema
                .purposes_of(field)
                .all(|p| p.basis == LegalBasis::Consent);
        if consent_only && field.required {
            report.push(
                Severity::Error,
                "required-consent",
                format!(
                    "field `{}` is required but serves only consent purposes, and consent is free: run `kluis field edit {} --optional`",
                    field.name, field.name
                ),
            );
        }

        if let Some(special) = &field.special {
            report.push(
                Severity::Warning,
                "special-category",
                format!(
                    "field `{}` holds special-category data ({special}, Art. 9) under exception {}: a DPIA is likely required",
                    field.name,
                    field.art9.as_deref().unwrap_or("none")
                ),
            );
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

/// Values that need consent the person has not given, or has withdrawn: those of a field that
/// serves only consent purposes, and those of a field under explicit consent (Art. 9(2)(a)),
/// whatever the basis of its purposes.
fn report_missing_consent(
    report: &mut Report,
    schema: &SchemaView,
    holdings: &Holdings,
    field: &FieldInfo,
    holders: &[RecordId],
) {
    let consent_only = !field.purposes.is_empty()
        && schema
            .purposes_of(field)
            .all(|p| p.basis == LegalBasis::Consent);
    let why = if field.needs_explicit_consent() {
        "holds special-category data under explicit consent"
    } else if consent_only {
        "serves only consent purposes"
    } else {
        return;
    };
    let without: Vec<RecordId> = holders
        .iter()
        .copied()
        .filter(|&record| {
            schema
                .purposes_of(field)
                .all(|p| holdings.consent(record, p.id) != ConsentState::Current)
        })
        .collect();
    if !without.is_empty() {
        report.push(
            Severity::Error,
            "consent-missing",
            format!(
                "field `{}` {why}, but records {} have no consent: give consent or clear the field",
                field.name,
                id_list(&without)
            ),
        );
    }
}

/// A BSN field is lawful only under the laws its purposes name; one that is named a BSN but
/// typed otherwise (made before `field add` refused that) skips the elfproef.
fn report_bsn(report: &mut Report, schema: &SchemaView, field: &FieldInfo) {
    let laws: Vec<&str> = schema
        .purposes_of(field)
        .filter_map(|p| p.law.as_deref())
        .collect();
    report.push(
        Severity::Warning,
        "bsn",
        format!(
            "field `{}` holds citizen service numbers (BSN), lawful only under {}",
            field.name,
            if laws.is_empty() {
                "a specific law".to_owned()
            } else {
                laws.join(", ")
            }
        ),
    );
    if field.field_type != FieldType::Bsn {
        report.push(
            Severity::Error,
            "bsn-type",
            format!(
                "field `{name}` is named as a citizen service number (BSN) but has type {}, so its values skip the elfproef: add a field with --type bsn (kluis field add {name}-new --type bsn --purpose …), move the values with `kluis edit`, then `kluis field remove {name} --yes`",
                field.field_type.as_str(),
                name = field.name,
            ),
        );
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
        assert!(bsn.message.contains("AWR art. 52"), "{}", bsn.message);
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
        assert!(
            finding.message.contains("--type bsn"),
            "{}",
            finding.message
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
