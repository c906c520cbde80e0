//! The command line's sentence for each `kluis check` finding, with the command that fixes it.
//! The library's finding carries only the facts; the web app writes its own words and links.

use crate::records::RecordId;
use crate::records::check::{Facts, Staleness};

/// One line per finding, in the words `kluis check` has always printed.
pub fn sentence(facts: &Facts) -> String {
    match facts {
        Facts::NoProfile => {
            "there is no controller profile: set who you are with `kluis profile set`".into()
        }
        Facts::LawMissing { purpose } => format!(
            "purpose `{purpose}` has basis legal-obligation but names no law: run `kluis purpose edit {purpose} --law \"THE LAW\"`"
        ),
        Facts::PurposeWithoutFields { purpose } => format!("purpose `{purpose}` has no fields"),
        Facts::ManualRetention {
            purpose,
            from_end_of_contract: false,
        } => format!(
            "purpose `{purpose}` has no retention period that kluis can count: review its values by hand"
        ),
        Facts::ManualRetention {
            purpose,
            from_end_of_contract: true,
        } => format!(
            "purpose `{purpose}` counts its retention from the end of the contract, which kluis does not know: review its values by hand"
        ),
        Facts::UnusedField { field } => {
            format!("no record uses field `{field}`: do you need it?")
        }
        Facts::PastRetention { field, records } => format!(
            "field `{field}` is past retention on records {}: run `kluis purge`",
            id_list(records)
        ),
        Facts::RequiredConsent { field } => format!(
            "field `{field}` is required but serves only consent purposes, and consent is free: run `kluis field edit {field} --optional`"
        ),
        Facts::SpecialCategory {
            field,
            special,
            art9,
        } => format!(
            "field `{field}` holds special-category data ({special}, Art. 9) under exception {}: a DPIA is likely required",
            art9.as_deref().unwrap_or("none")
        ),
        Facts::ConsentMissing {
            field,
            explicit,
            records,
        } => format!(
            "field `{field}` {}, but records {} have no consent: give consent with `kluis consent give ID PURPOSE` or clear the field",
            if *explicit {
                "holds special-category data under explicit consent"
            } else {
                "serves only consent purposes"
            },
            id_list(records)
        ),
        Facts::Bsn { field, laws } => format!(
            "field `{field}` holds citizen service numbers (BSN), lawful only under {}",
            if laws.is_empty() {
                "a specific law".to_owned()
            } else {
                laws.join(", ")
            }
        ),
        Facts::BsnType { field, field_type } => format!(
            "field `{field}` is named as a citizen service number (BSN) but has type {}, so its values skip the elfproef: add a field with --type bsn (kluis field add {field}-new --type bsn --purpose …), move the values with `kluis edit`, then `kluis field remove {field} --yes`",
            field_type.as_str()
        ),
        Facts::ProfilingUndeclared { purpose } => format!(
            "purpose `{purpose}` does not say whether it profiles people: answer with `kluis purpose edit {purpose} --profiling none` (or profiling / automated-decision)"
        ),
        Facts::RetentionNoteOnly { purpose } => format!(
            "purpose `{purpose}` has a retention note but no period or event: `kluis purpose edit {purpose} --retention 2y --retention-from last-change` (or the event alone)"
        ),
        Facts::KeptAfterWithdrawal { purpose } => format!(
            "purpose `{purpose}` keeps data for a period after consent is withdrawn, when the purpose has nothing left to rest on: keep it until the withdrawal with `kluis purpose edit {purpose} --retention \"\" --retention-from consent-withdrawn`, or keep proof of consent under a purpose of its own"
        ),
        Facts::LooksLikeProfiling { field, purpose } => format!(
            "field `{field}` looks like a score or profile, but none of its purposes declares profiling: if it is one, `kluis purpose edit {} --profiling profiling --profiling-logic \"HOW IT IS MADE\"`",
            purpose.as_deref().unwrap_or("P")
        ),
        Facts::RequestDueSoon {
            request,
            kind,
            record,
            due,
            days,
        } => {
            format!("request {request} ({kind}, record {record}) is due on {due}, in {days} day(s)")
        }
        Facts::RequestOverdue {
            request,
            kind,
            record,
            due,
        } => format!(
            "request {request} ({kind}, record {record}) was due on {due}: answer it with `kluis request answer {request}`"
        ),
        Facts::ObjectedValues { record, fields } => format!(
            "record {record} objected to every purpose of {}: nothing uses these values; erase them with `kluis edit {record} FIELD=`",
            fields.join(", ")
        ),
        Facts::StatementIncomplete { missing } => format!(
            "the privacy statement cannot be made yet: {missing} fact(s) it needs are not declared; `kluis statement` lists them with the commands that supply them"
        ),
        Facts::StatementStale(staleness) => format!(
            "the schema changed since the last published privacy statement ({}): review `kluis statement diff`, then run `kluis statement publish`",
            changes(staleness)
        ),
    }
}

/// How many runs of record ids a sentence names before it counts the rest.
const RUNS_NAMED: usize = 10;

/// Record ids as a person reads them: consecutive ids as one range, as the audit log writes
/// them ("1-3, 7"), and after the first runs only how many more. A check of a large vault
/// used to name every id on one line: at 100,000 records, 690 KB per finding. `--json`
/// still lists every id, in the finding's facts.
fn id_list(records: &[RecordId]) -> String {
    let runs = crate::records::id_runs(records);
    let named: Vec<String> = runs
        .iter()
        .take(RUNS_NAMED)
        .map(|&(first, last)| {
            if first == last {
                first.to_string()
            } else {
                format!("{first}-{last}")
            }
        })
        .collect();
    let more: i64 = runs
        .iter()
        .skip(RUNS_NAMED)
        .map(|(first, last)| last - first + 1)
        .sum();
    match more {
        0 => named.join(", "),
        _ => format!(
            "{} and {more} more (`kluis check --json` lists them all)",
            named.join(", ")
        ),
    }
}

/// What changed, with new purposes called out (Art. 13(3)).
fn changes(staleness: &Staleness) -> String {
    let mut parts = Vec::new();
    if !staleness.added_purposes.is_empty() {
        parts.push(format!(
            "new purpose(s) {}: inform people before this processing starts (Art. 13(3))",
            staleness.added_purposes.join(", ")
        ));
    }
    let counts = [
        (staleness.removed_purposes, "removed purpose(s)"),
        (staleness.added_fields, "added field(s)"),
        (staleness.removed_fields, "removed field(s)"),
        (staleness.changed_settings, "changed setting(s)"),
    ];
    for (count, what) in counts {
        if count > 0 {
            parts.push(format!("{count} {what}"));
        }
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_ids_read_as_ranges() {
        assert_eq!(id_list(&[1]), "1");
        assert_eq!(id_list(&[1, 2, 3, 7, 9, 10]), "1-3, 7, 9-10");
        assert_eq!(id_list(&(1..=100_000).collect::<Vec<_>>()), "1-100000");
    }

    #[test]
    fn after_ten_runs_the_rest_is_counted() {
        let every_other: Vec<RecordId> = (1..=100).map(|n| n * 2).collect();
        assert_eq!(
            id_list(&every_other),
            "2, 4, 6, 8, 10, 12, 14, 16, 18, 20 and 90 more (`kluis check --json` lists them all)"
        );
    }
}
