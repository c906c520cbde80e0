//! Retention periods: `7y`, `18m`, `90d`, and when data kept for one runs out.

use std::fmt;
use std::str::FromStr;

use time::{Date, Duration, Month, OffsetDateTime};

use super::model::{Retention, RetentionPeriod, RetentionStart, RetentionUnit};

/// The longest period accepted, in each unit: a hundred years.
const MAX_YEARS: u32 = 100;

/// Why a retention could not be read: a malformed period, or no period and no event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.describe())]
pub struct RetentionError {
    pub rule: &'static str,
}

/// The rules about what a retention consists of, rather than how a period is written.
const WHOLE_RETENTION_RULES: &[&str] = &[NOTE_ALONE, NOTHING_DECLARED];
const NOTE_ALONE: &str = "a note explains a retention but does not replace it";
const NOTHING_DECLARED: &str = "give a period with --retention, or an event with --retention-from";

impl RetentionError {
    fn describe(&self) -> String {
        if WHOLE_RETENTION_RULES.contains(&self.rule) {
            format!("invalid retention: {}", self.rule)
        } else {
            format!(
                "invalid retention period: {} (write a number and a unit, like 7y, 18m or 90d)",
                self.rule
            )
        }
    }
}

impl FromStr for RetentionPeriod {
    type Err = RetentionError;

    fn from_str(text: &str) -> Result<Self, RetentionError> {
        let text = dutch_units(&text.trim().to_ascii_lowercase());
        let error = |rule| RetentionError { rule };
        let unit = match text.chars().last() {
            Some('y') => RetentionUnit::Years,
            Some('m') => RetentionUnit::Months,
            Some('d') => RetentionUnit::Days,
            _ => return Err(error("the unit must be y, m or d")),
        };
        let digits = &text[..text.len() - 1];
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(error("the amount must be a whole number"));
        }
        let amount: u32 = digits
            .parse()
            .map_err(|_| error("the amount is too large"))?;
        if amount == 0 {
            return Err(error("the amount must be at least 1"));
        }
        let period = RetentionPeriod { amount, unit };
        if period.nominal_days() > MAX_YEARS * 365 {
            return Err(error("at most 100 years"));
        }
        Ok(period)
    }
}

/// `2jaar`, `18 maanden` and `90dagen` as `2y`, `18m` and `90d`: owners write the Dutch
/// words. Only the short form is ever stored.
fn dutch_units(text: &str) -> String {
    const UNITS: &[(&str, char)] = &[
        ("jaren", 'y'),
        ("jaar", 'y'),
        ("maanden", 'm'),
        ("maand", 'm'),
        ("dagen", 'd'),
        ("dag", 'd'),
    ];
    for (word, unit) in UNITS {
        if let Some(amount) = text.strip_suffix(word) {
            let amount = amount.trim_end();
            if !amount.is_empty() && amount.bytes().all(|b| b.is_ascii_digit()) {
                return format!("{amount}{unit}");
            }
        }
    }
    text.to_owned()
}

impl fmt::Display for RetentionPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            RetentionUnit::Years => 'y',
            RetentionUnit::Months => 'm',
            RetentionUnit::Days => 'd',
        };
        write!(f, "{}{unit}", self.amount)
    }
}

impl RetentionPeriod {
    /// The length in days with 365-day years and 30-day months: for sorting and display only.
    /// Expiry is computed on the calendar by [`RetentionPeriod::expires_at`].
    pub fn nominal_days(self) -> u32 {
        let per_unit = match self.unit {
            RetentionUnit::Years => 365,
            RetentionUnit::Months => 30,
            RetentionUnit::Days => 1,
        };
        self.amount.saturating_mul(per_unit)
    }

    /// When data kept from `start` for this period runs out.
    ///
    /// Months and years count on the calendar; a day that the target month lacks becomes its
    /// last day (31 January + 1m = 28 or 29 February; 29 February + 1y = 28 February).
    pub fn expires_at(self, start: OffsetDateTime) -> OffsetDateTime {
        // On the UTC calendar, as `check` and `purge` decide it in SQL (`records::due`),
        // whatever offset `start` carries (`clock::now` carries the local one).
        let start = start.to_offset(time::UtcOffset::UTC);
        match self.unit {
            RetentionUnit::Days => start.saturating_add(Duration::days(i64::from(self.amount))),
            RetentionUnit::Months => add_months(start, self.amount),
            RetentionUnit::Years => add_months(start, self.amount.saturating_mul(12)),
        }
    }
}

fn add_months(start: OffsetDateTime, months: u32) -> OffsetDateTime {
    let index =
        i64::from(start.year()) * 12 + i64::from(u8::from(start.month()) - 1) + i64::from(months);
    let year = i32::try_from(index.div_euclid(12)).unwrap_or(i32::MAX);
    let month = Month::try_from(index.rem_euclid(12) as u8 + 1).expect("0..12 plus one is a month");
    let Ok(first) = Date::from_calendar_date(year, month, 1) else {
        // Beyond the calendar's range (year 9999): never expires within it.
        return OffsetDateTime::new_in_offset(Date::MAX, start.time(), start.offset());
    };
    let day = start.day().min(first.month().length(year));
    let date = first
        .replace_day(day)
        .expect("clamped to the month's length");
    start.replace_date(date)
}

impl Retention {
    /// Reads `--retention`, `--retention-from` and `--retention-note`: a period counted from a
    /// start, or an event alone. A note explains either and never stands alone: "zo lang als
    /// nodig" or "permanent" says nothing a person can check.
    pub fn parse(
        period: Option<&str>,
        start: RetentionStart,
        note: Option<&str>,
    ) -> Result<Self, RetentionError> {
        let period = period.map(str::parse).transpose()?;
        let note = note
            .map(str::trim)
            .filter(|note| !note.is_empty())
            .map(str::to_owned);
        if period.is_none() && !start.is_event() {
            return Err(RetentionError {
                rule: if note.is_some() {
                    NOTE_ALONE
                } else {
                    NOTHING_DECLARED
                },
            });
        }
        Ok(Retention {
            period,
            start,
            note,
            note_en: None,
        })
    }

    /// A note without a period or an event: stored by vaults older than the start. The
    /// statement refuses it and `kluis check` reports it.
    pub fn is_note_only(&self) -> bool {
        self.period.is_none() && !self.start.is_event()
    }

    /// When data kept from `start` runs out; `None` when only criteria in words decide it.
    pub fn expires_at(&self, start: OffsetDateTime) -> Option<OffsetDateTime> {
        self.period.map(|period| period.expires_at(start))
    }
}

impl RetentionStart {
    /// Whether the start is an event that can end the keeping alone ("until you withdraw your
    /// consent"), rather than a moment only a period counts from.
    pub fn is_event(self) -> bool {
        matches!(
            self,
            RetentionStart::EndOfContract | RetentionStart::ConsentWithdrawn
        )
    }
}

impl fmt::Display for Retention {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.period, &self.note) {
            (Some(period), Some(note)) => write!(f, "{period} ({note})"),
            (Some(period), None) => write!(f, "{period}"),
            (None, Some(note)) => f.write_str(note),
            (None, None) => f.write_str("not set"),
        }
    }
}

#[cfg(test)]
mod dutch_unit_tests {
    use super::*;

    /// Issue 13: Dutch units, as owners write them.
    #[test]
    fn dutch_units_read_as_the_short_form() {
        for (dutch, short) in [
            ("2jaar", "2y"),
            ("18maanden", "18m"),
            ("90dagen", "90d"),
            ("1 maand", "1m"),
            ("7 Jaar", "7y"),
        ] {
            let period: RetentionPeriod = dutch.parse().unwrap();
            assert_eq!(period.to_string(), short, "{dutch}");
        }
        assert!("jaar".parse::<RetentionPeriod>().is_err());
        assert!("2 weken".parse::<RetentionPeriod>().is_err());
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    fn period(text: &str) -> RetentionPeriod {
        text.parse().unwrap()
    }

    #[test]
    fn periods_parse_and_print() {
        for text in ["7y", "18m", "90d", "1d", "100y", "1200m", "36500d"] {
            assert_eq!(period(text).to_string(), text);
        }
        assert_eq!(period(" 7Y ").to_string(), "7y");
        assert_eq!(period("18m").nominal_days(), 540);
    }

    #[test]
    fn malformed_periods_are_refused() {
        let rule = |text: &str| text.parse::<RetentionPeriod>().unwrap_err().rule;
        assert_eq!(rule("7"), "the unit must be y, m or d");
        assert_eq!(rule("7w"), "the unit must be y, m or d");
        assert_eq!(rule("y"), "the amount must be a whole number");
        assert_eq!(rule("-1y"), "the amount must be a whole number");
        assert_eq!(rule("1.5y"), "the amount must be a whole number");
        assert_eq!(rule("0d"), "the amount must be at least 1");
        assert_eq!(rule("101y"), "at most 100 years");
        assert_eq!(rule("99999999999d"), "the amount is too large");
    }

    #[test]
    fn expiry_counts_on_the_calendar() {
        let start = datetime!(2024-01-31 10:00 UTC);
        assert_eq!(
            period("1m").expires_at(start),
            datetime!(2024-02-29 10:00 UTC)
        );
        assert_eq!(
            period("13m").expires_at(start),
            datetime!(2025-02-28 10:00 UTC)
        );
        assert_eq!(
            period("90d").expires_at(start),
            datetime!(2024-04-30 10:00 UTC)
        );
        let leap = datetime!(2024-02-29 00:00 UTC);
        assert_eq!(
            period("1y").expires_at(leap),
            datetime!(2025-02-28 00:00 UTC)
        );
        assert_eq!(
            period("4y").expires_at(leap),
            datetime!(2028-02-29 00:00 UTC)
        );
        let december = datetime!(2023-12-15 08:30 UTC);
        assert_eq!(
            period("7y").expires_at(december),
            datetime!(2030-12-15 08:30 UTC)
        );
        assert_eq!(
            period("1m").expires_at(december),
            datetime!(2024-01-15 08:30 UTC)
        );
    }

    #[test]
    fn retention_needs_a_period_or_an_event() {
        let from = RetentionStart::LastChange;
        assert!(Retention::parse(None, from, None).is_err());
        assert!(Retention::parse(None, from, Some("  ")).is_err());
        let event = Retention::parse(None, RetentionStart::ConsentWithdrawn, None).unwrap();
        assert_eq!(event.period, None);
        assert!(!event.is_note_only());
        let both = Retention::parse(Some("2y"), from, Some("na laatste bestelling")).unwrap();
        assert_eq!(both.to_string(), "2y (na laatste bestelling)");
    }

    /// Regression: a note alone used to stand for a retention, so "zo lang als nodig" reached
    /// the statement as the only answer to "how long".
    #[test]
    fn a_note_never_stands_alone() {
        for note in [
            "zo lang als nodig",
            "voor onbepaalde tijd",
            "permanent",
            "conform de wet",
            "n.v.t.",
            "-",
            "tot einde contract",
        ] {
            for from in [RetentionStart::LastChange, RetentionStart::Created] {
                let error = Retention::parse(None, from, Some(note)).unwrap_err();
                assert_eq!(error.rule, NOTE_ALONE, "{note}");
                assert_eq!(
                    error.to_string(),
                    "invalid retention: a note explains a retention but does not replace it"
                );
            }
            assert!(Retention::parse(Some("2y"), RetentionStart::LastChange, Some(note)).is_ok());
        }
    }

    proptest::proptest! {
        #[test]
        fn periods_round_trip_and_always_end_later(
            amount in 1u32..=1200,
            unit in 0usize..3,
            start in 0i64..4_000_000_000,
        ) {
            let text = format!("{amount}{}", ["d", "m", "y"][unit]);
            let Ok(period) = text.parse::<RetentionPeriod>() else {
                proptest::prop_assert!(unit == 2 && amount > 100);
                return Ok(());
            };
            proptest::prop_assert_eq!(period.to_string(), text);
            let start = OffsetDateTime::from_unix_timestamp(start).unwrap();
            let end = period.expires_at(start);
            proptest::prop_assert!(end > start);
            proptest::prop_assert_eq!(end.time(), start.time());
        }
    }
}
