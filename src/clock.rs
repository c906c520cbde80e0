//! The current time, as a UTC timestamp string.
//!
//! `KLUIS_NOW` (RFC 3339, e.g. `2031-01-01T00:00:00Z`) overrides the clock so that retention
//! and purge can be tested and rehearsed ("what would be erased on 1 January?").

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The environment variable that overrides the clock.
pub const NOW_ENV: &str = "KLUIS_NOW";

/// `KLUIS_NOW` holds something that is not an RFC 3339 time.
#[derive(Debug, thiserror::Error)]
#[error("{NOW_ENV} is not an RFC 3339 time such as 2031-01-01T00:00:00Z")]
pub struct BadNow;

/// The time `KLUIS_NOW` fixes, if it is set (and not empty). Front ends call this once at
/// start: garbage is refused there, and a set value is announced, because every write then
/// carries that time.
pub fn fixed_now() -> Result<Option<OffsetDateTime>, BadNow> {
    let Some(text) = std::env::var_os(NOW_ENV) else {
        return Ok(None);
    };
    let text = text.to_str().ok_or(BadNow)?.trim();
    if text.is_empty() {
        return Ok(None);
    }
    OffsetDateTime::parse(text, &Rfc3339)
        .map(|at| Some(at.to_offset(time::UtcOffset::UTC)))
        .map_err(|_| BadNow)
}

/// The warning a front end prints while `KLUIS_NOW` is set.
pub fn fixed_now_warning(at: OffsetDateTime) -> String {
    format!(
        "warning: {NOW_ENV} is set: kluis takes {} as the current time, also for what it saves",
        format(at)
    )
}

/// Now, in UTC, honouring `KLUIS_NOW` (checked at start by the front end, see [`fixed_now`]).
pub fn now() -> OffsetDateTime {
    fixed_now()
        .ok()
        .flatten()
        .unwrap_or_else(OffsetDateTime::now_utc)
        .to_offset(time::UtcOffset::UTC)
}

/// Formats a time the way the vault stores it: RFC 3339 in UTC, whole seconds.
pub fn format(at: OffsetDateTime) -> String {
    let at = at
        .to_offset(time::UtcOffset::UTC)
        .replace_nanosecond(0)
        .expect("zero nanoseconds is always valid");
    at.format(&Rfc3339)
        .expect("RFC 3339 formats every UTC time")
}

/// Parses a stored timestamp.
pub fn parse(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text, &Rfc3339).ok()
}

/// `now()` formatted for storage.
pub fn now_string() -> String {
    format(now())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_warning_names_the_variable_and_the_time() {
        let at = parse("2031-01-01T00:00:00Z").unwrap();
        let warning = fixed_now_warning(at);
        assert!(
            warning.starts_with("warning: KLUIS_NOW is set"),
            "{warning}"
        );
        assert!(warning.contains("2031-01-01T00:00:00Z"), "{warning}");
    }

    #[test]
    fn stored_timestamps_round_trip() {
        let at = now();
        let text = format(at);
        assert!(text.ends_with('Z'), "{text}");
        assert_eq!(parse(&text).unwrap().unix_timestamp(), at.unix_timestamp());
    }
}
