//! `kluis check` findings about what the schema declares: purposes that have not answered
//! the profiling question, retentions that are a note alone, and fields whose name or label
//! looks like a score or profile while no purpose declared profiling. The keyword guess only
//! warns; the statement says what the purposes declared.

use crate::schema::model::{Field, ProfilingKind, RetentionStart, Snapshot};

use super::check::{Facts, Finding};

/// Words in a field's name or label that suggest a score, a profile or a decision about the
/// person (Art. 22): credit ratings, blacklists, churn estimates, customer classes.
const PROFILING_WORDS: &[&str] = &[
    "score",
    "profiel",
    "profile",
    "rating",
    "segment",
    "risico",
    "risk",
    "krediet",
    "credit",
    "blacklist",
    "zwarte lijst",
    "zwartelijst",
    "blocklist",
    "churn",
    "klantklasse",
    "klant klasse",
    "klantcategorie",
    "customer class",
    "customer tier",
    "klasse",
    "tier",
    "betrouwbaar",
    "trust",
];

/// Whether a field looks like a score or profile, by its name or either label.
pub fn looks_like_profiling(field: &Field) -> bool {
    [
        Some(&field.name),
        field.label.as_ref(),
        field.label_en.as_ref(),
    ]
    .into_iter()
    .flatten()
    .any(|text| {
        let text = text.to_lowercase().replace(['_', '-'], " ");
        PROFILING_WORDS.iter().any(|word| text.contains(word))
    })
}

/// The findings about declared facts, in the purposes' order, then the fields'.
pub fn findings(snapshot: &Snapshot) -> Vec<Finding> {
    let mut findings = Vec::new();
    for purpose in &snapshot.purposes {
        let name = &purpose.name;
        if purpose.profiling.is_none() {
            findings.push(
                Facts::ProfilingUndeclared {
                    purpose: name.clone(),
                }
                .into(),
            );
        }
        if purpose.retention.is_note_only() {
            findings.push(
                Facts::RetentionNoteOnly {
                    purpose: name.clone(),
                }
                .into(),
            );
        }
        let after_withdrawal = purpose.retention.start == RetentionStart::ConsentWithdrawn;
        if after_withdrawal && purpose.retention.period.is_some() {
            findings.push(
                Facts::KeptAfterWithdrawal {
                    purpose: name.clone(),
                }
                .into(),
            );
        }
    }
    for field in snapshot.fields.iter().filter(|f| looks_like_profiling(f)) {
        let declared = field.purposes.iter().any(|name| {
            snapshot.purposes.iter().any(|p| {
                &p.name == name
                    && p.profiling
                        .as_ref()
                        .is_some_and(|d| d.kind != ProfilingKind::None)
            })
        });
        if declared {
            continue;
        }
        findings.push(
            Facts::LooksLikeProfiling {
                field: field.name.clone(),
                purpose: field.purposes.first().cloned(),
            }
            .into(),
        );
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::model::{FieldType, LegalBasis, Profiling, Purpose, Retention};

    fn field(name: &str, label: Option<&str>) -> Field {
        Field {
            label: label.map(str::to_owned),
            ..Field::new(name, FieldType::Text, &["sales"])
        }
    }

    /// Regression: a credit rating, a blacklist flag, a churn estimate and a customer class
    /// passed as "no profiling" because the words were not known.
    #[test]
    fn scores_and_classes_are_recognised() {
        for (name, label) in [
            ("kredietwaardigheid", None),
            ("credit_rating", None),
            ("blacklisted", None),
            ("flag", Some("Zwarte lijst")),
            ("churn_kans", None),
            ("klantklasse", Some("Klantklasse (A/B/C)")),
            ("class", Some("Customer class")),
        ] {
            assert!(looks_like_profiling(&field(name, label)), "{name}");
        }
        for name in ["email", "naam", "telefoon", "postcode"] {
            assert!(!looks_like_profiling(&field(name, None)), "{name}");
        }
    }

    #[test]
    fn the_guess_warns_until_a_purpose_declares_profiling() {
        let mut sales = Purpose::new("sales", LegalBasis::Contract, "Verkopen");
        sales.retention = Retention::parse(Some("2y"), Default::default(), None).unwrap();
        let mut snapshot = Snapshot {
            purposes: vec![sales],
            fields: vec![field("credit_score", None)],
            ..Snapshot::default()
        };
        let codes = |s: &Snapshot| findings(s).iter().map(|f| f.code).collect::<Vec<_>>();
        assert_eq!(
            codes(&snapshot),
            ["profiling-undeclared", "looks-like-profiling"]
        );
        let warning = &findings(&snapshot)[1];
        assert_eq!(warning.severity, crate::records::check::Severity::Warning);
        assert_eq!(
            warning.facts,
            Facts::LooksLikeProfiling {
                field: "credit_score".into(),
                purpose: Some("sales".into())
            }
        );
        snapshot.purposes[0].profiling = Some(Profiling {
            kind: ProfilingKind::Profiling,
            logic: Some("Betaalgedrag".into()),
            logic_en: None,
            effect: None,
            effect_en: None,
        });
        assert!(codes(&snapshot).is_empty());
        snapshot.purposes[0].retention = Retention {
            note: Some("zo lang als nodig".into()),
            ..Retention::default()
        };
        assert_eq!(codes(&snapshot), ["retention-note-only"]);
    }

    /// Until the twelfth session `--retention 2y --retention-from consent-withdrawn` passed
    /// without a word, though it keeps data for a purpose whose consent is gone.
    #[test]
    fn a_period_after_withdrawal_is_a_warning_the_withdrawal_alone_is_not() {
        use crate::schema::model::{RetentionPeriod, RetentionUnit};
        let mut newsletter = Purpose::new("newsletter", LegalBasis::Consent, "Nieuwsbrief");
        newsletter.profiling = Some(Profiling::none());
        newsletter.retention = Retention {
            start: RetentionStart::ConsentWithdrawn,
            ..Retention::default()
        };
        let mut snapshot = Snapshot {
            purposes: vec![newsletter],
            ..Snapshot::default()
        };
        let codes = |s: &Snapshot| findings(s).iter().map(|f| f.code).collect::<Vec<_>>();
        assert!(codes(&snapshot).is_empty());
        snapshot.purposes[0].retention.period = Some(RetentionPeriod {
            amount: 2,
            unit: RetentionUnit::Years,
        });
        assert_eq!(codes(&snapshot), ["kept-after-withdrawal"]);
        let finding = &findings(&snapshot)[0];
        assert_eq!(finding.severity, crate::records::check::Severity::Warning);
        let hint = crate::cli::hint::check::sentence(&finding.facts);
        assert!(
            hint.contains("kluis purpose edit newsletter --retention"),
            "{hint}"
        );
    }
}
