//! Consent per row: `--consent-column "Nieuwsbrief (ja/nee)=newsletter"` records consent
//! for the rows that say yes, and `--consent-date-column` the date each person gave it.
//!
//! Shops keep a "Nieuwsbrief" or "Accepts Email Marketing" column; `--consent` would give
//! consent to everyone in the file, which is false for the rows that said no.

use time::{Date, OffsetDateTime, Time};

use super::Error;
use super::error::{Problem, Rule};
use super::mapping::{ColumnRef, column_index};
use super::reader::Row;
use crate::schema::model::FieldType;

/// A column of the file, by position and header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnAt {
    pub index: usize,
    pub name: String,
}

/// A yes/no column that gives consent for `purpose`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentColumn {
    pub column: ColumnAt,
    pub purpose: String,
}

/// The per-row consent an import reads, if any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowConsent {
    pub columns: Vec<ConsentColumn>,
    /// When consent was given; without it, the import's time.
    pub date: Option<ColumnAt>,
}

impl RowConsent {
    /// The per-row consent that `--consent-column COLUMN=PURPOSE` arguments and a
    /// `--consent-date-column` ask for, over `headers`.
    pub fn from_args<S: AsRef<str>>(
        headers: &[String],
        columns: &[S],
        date: Option<&str>,
    ) -> Result<RowConsent, Error> {
        let at = |option: &'static str, text: &str| -> Result<ColumnAt, Error> {
            let index = column_index(headers, option, &ColumnRef::parse(text))?;
            Ok(ColumnAt {
                index,
                name: headers[index].clone(),
            })
        };
        let columns = columns
            .iter()
            .enumerate()
            .map(|(position, arg)| {
                let (column, purpose) = arg
                    .as_ref()
                    .rsplit_once('=')
                    .filter(|(c, p)| !c.trim().is_empty() && !p.trim().is_empty())
                    .ok_or(Error::BadConsentColumn {
                        position: position + 1,
                    })?;
                Ok(ConsentColumn {
                    column: at("--consent-column", column)?,
                    purpose: purpose.trim().to_owned(),
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        let date = date
            .map(|text| at("--consent-date-column", text))
            .transpose()?;
        Ok(RowConsent { columns, date })
    }

    /// The columns it reads, which the mapping counts as used (not stored as fields).
    pub fn used_columns(&self) -> Vec<ColumnRef> {
        let columns = self.columns.iter().map(|c| &c.column);
        columns
            .chain(&self.date)
            .map(|c| ColumnRef::Position(c.index + 1))
            .collect()
    }

    /// The purposes `row` gives consent for, with when; or the cells that cannot say so.
    pub fn read<'a>(
        &'a self,
        row: &Row<'_>,
        now: OffsetDateTime,
    ) -> Result<Vec<(&'a str, OffsetDateTime)>, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut purposes = Vec::new();
        for consent in &self.columns {
            match yes(row.cell(consent.column.index)) {
                Ok(true) => purposes.push(consent.purpose.as_str()),
                Ok(false) => {}
                Err(rule) => problems.push(problem(row, &consent.column, rule)),
            }
        }
        let when = match (&self.date, purposes.is_empty()) {
            (Some(column), false) => match given_on(row.cell(column.index), now) {
                Ok(when) => when,
                Err(rule) => {
                    problems.push(problem(row, column, rule));
                    now
                }
            },
            _ => now,
        };
        if problems.is_empty() {
            Ok(purposes.into_iter().map(|p| (p, when)).collect())
        } else {
            Err(problems)
        }
    }
}

fn problem(row: &Row<'_>, column: &ColumnAt, rule: Rule) -> Problem {
    Problem {
        row: row.number,
        column: column.name.clone(),
        rule,
    }
}

/// Yes, no, or a blank cell (no).
fn yes(cell: &str) -> Result<bool, Rule> {
    if cell.trim().is_empty() {
        return Ok(false);
    }
    crate::schema::normalize(FieldType::Bool, cell)
        .map(|value| value == "true")
        .map_err(Rule::Invalid)
}

/// The day consent was given, at midnight UTC; a blank cell means the import's time, and a
/// day after today is refused. Today is the local day (`now` carries its offset): at 00:30
/// in Amsterdam today's date is allowed, and stored as the import's time, since its midnight
/// UTC is still to come.
fn given_on(cell: &str, now: OffsetDateTime) -> Result<OffsetDateTime, Rule> {
    if cell.trim().is_empty() {
        return Ok(now);
    }
    let iso = crate::schema::normalize(FieldType::Date, cell).map_err(Rule::Invalid)?;
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let day = Date::parse(&iso, &format).map_err(|_| Rule::ConsentDateInFuture)?;
    if day > now.date() {
        return Err(Rule::ConsentDateInFuture);
    }
    Ok(day.with_time(Time::MIDNIGHT).assume_utc().min(now))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::reader::Table;

    fn at(text: &str) -> OffsetDateTime {
        crate::clock::parse(text).unwrap()
    }

    fn consent() -> RowConsent {
        RowConsent {
            columns: vec![ConsentColumn {
                column: ColumnAt {
                    index: 1,
                    name: "Nieuwsbrief".into(),
                },
                purpose: "newsletter".into(),
            }],
            date: Some(ColumnAt {
                index: 2,
                name: "Aangemeld".into(),
            }),
        }
    }

    fn table(rows: &[[&str; 3]]) -> Table {
        Table::from_rows(
            vec!["Naam".into(), "Nieuwsbrief".into(), "Aangemeld".into()],
            rows.iter()
                .enumerate()
                .map(|(i, r)| (i + 2, r.iter().map(|c| (*c).to_owned()).collect()))
                .collect(),
        )
    }

    #[test]
    fn yes_gives_consent_on_its_date_and_no_or_blank_gives_none() {
        let now = at("2026-11-29T12:00:00Z");
        let table = table(&[
            ["Jan", "ja", "2024-03-01"],
            ["Piet", "nee", "2024-03-01"],
            ["Kees", "", ""],
            ["Anna", "Yes", ""],
        ]);
        let consent = consent();
        let read: Vec<_> = table.rows.iter().map(|r| consent.read(&r, now)).collect();
        assert_eq!(
            read[0],
            Ok(vec![("newsletter", at("2024-03-01T00:00:00Z"))])
        );
        assert_eq!(read[1], Ok(vec![]));
        assert_eq!(read[2], Ok(vec![]));
        assert_eq!(read[3], Ok(vec![("newsletter", now)]));
    }

    /// Regression: "after today" compared with the UTC time, so at 00:30 in Amsterdam a
    /// consent given that day was refused as given in the future.
    #[test]
    fn a_consent_given_today_after_midnight_in_amsterdam_is_not_in_the_future() {
        let amsterdam = time::UtcOffset::from_hms(1, 0, 0).unwrap();
        let now = at("2026-12-01T23:30:00Z").to_offset(amsterdam);
        let table = table(&[["Jan", "ja", "2026-12-02"], ["Piet", "ja", "2026-12-03"]]);
        let consent = consent();
        let read: Vec<_> = table.rows.iter().map(|r| consent.read(&r, now)).collect();
        assert_eq!(
            read[0],
            Ok(vec![("newsletter", now)]),
            "given today, and not before its midnight UTC has come"
        );
        let refused = read[1].clone().unwrap_err();
        assert_eq!(refused[0].rule, Rule::ConsentDateInFuture);
    }

    #[test]
    fn an_unclear_answer_or_a_future_date_is_a_problem_of_its_row() {
        let now = at("2026-11-29T12:00:00Z");
        let table = table(&[["Jan", "misschien", ""], ["Piet", "ja", "2030-01-01"]]);
        let consent = consent();
        let problems: Vec<Vec<Problem>> = table
            .rows
            .iter()
            .map(|r| consent.read(&r, now).unwrap_err())
            .collect();
        assert_eq!(problems[0][0].column, "Nieuwsbrief");
        assert!(matches!(problems[0][0].rule, Rule::Invalid(_)));
        assert_eq!(problems[1][0].row, 3);
        assert_eq!(problems[1][0].rule, Rule::ConsentDateInFuture);
    }
}
