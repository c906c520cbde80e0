//! Times for people: the vault stores UTC (RFC 3339); the terminal shows the local time with
//! its offset, e.g. `2026-03-02 10:00 +01:00`. `--json` keeps the stored UTC text.
//!
//! The local zone is `clock`'s: jiff reads `TZ` and the system's time-zone database
//! (`/etc/localtime`) without the thread-safety problems of libc's `localtime_r`.

use jiff::tz::TimeZone;
use time::OffsetDateTime;

use crate::Error;

/// A stored UTC time as local time with the offset; text that is not a stored time is shown
/// as it is (the web app shows times the same way: `clock::for_people`).
pub fn show(stored: &str) -> String {
    crate::clock::stored_for_people(stored)
}

/// A date (`2026-03-01`, the start of that local day) or an RFC 3339 time, for flags such as
/// `log --since`.
pub fn parse_date_or_time(text: &str) -> Result<OffsetDateTime, Error> {
    let text = text.trim();
    if let Some(at) = crate::clock::parse(text) {
        return Ok(at);
    }
    let seconds = text
        .parse::<jiff::civil::Date>()
        .and_then(|date| date.to_zoned_datetime(TimeZone::system()))
        .map(|start| start.timestamp().as_second());
    seconds
        .ok()
        .and_then(|seconds| OffsetDateTime::from_unix_timestamp(seconds).ok())
        .ok_or_else(|| Error::Usage {
            message: format!("{text:?} is not a date or an RFC 3339 time"),
            hint: Some("write a date as 2026-03-01 or a time as 2026-03-01T09:30:00+01:00".into()),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    // These tests leave `TZ` alone (tests share the process environment); the CLI tests set it.
    #[test]
    fn text_that_is_not_a_stored_time_is_shown_as_it_is() {
        assert_eq!(show("never"), "never");
    }

    #[test]
    fn an_rfc3339_time_parses_to_its_instant() {
        let at = parse_date_or_time("2026-03-01T10:00:00+01:00").unwrap();
        assert_eq!(crate::clock::format(at), "2026-03-01T09:00:00Z");
        assert!(parse_date_or_time("gisteren").is_err());
        assert!(parse_date_or_time("2026-02-30").is_err());
    }
}
