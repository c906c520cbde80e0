//! The current time, as a UTC timestamp string.
//!
//! `KLUIS_NOW` (RFC 3339, e.g. `2031-01-01T00:00:00Z`) overrides the clock so that retention
//! and purge can be tested and rehearsed ("what would be erased on 1 January?").

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The environment variable that overrides the clock.
pub const NOW_ENV: &str = "KLUIS_NOW";

/// Now, in UTC, honouring `KLUIS_NOW`.
pub fn now() -> OffsetDateTime {
    std::env::var(NOW_ENV)
        .ok()
        .and_then(|text| OffsetDateTime::parse(text.trim(), &Rfc3339).ok())
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
    fn stored_timestamps_round_trip() {
        let at = now();
        let text = format(at);
        assert!(text.ends_with('Z'), "{text}");
        assert_eq!(parse(&text).unwrap().unix_timestamp(), at.unix_timestamp());
    }
}
