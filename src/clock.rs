//! The current time, and the calendar people read it on.
//!
//! The vault stores UTC ([`format`]). Dates people read are local: "today", a request's
//! received day, a statement's version date. [`now`] therefore carries the offset the local
//! zone has at that moment, so `now().date()` is the local date; between midnight and 01:00
//! (02:00 in summer) in the Netherlands the UTC date is still yesterday. The zone comes from
//! `TZ`, else the system's (`/etc/localtime`), read by jiff without libc's thread-safety
//! problems; this module is the one place that reads it.
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

/// Now, at the local zone's offset, honouring `KLUIS_NOW` (checked at start by the front
/// end, see [`fixed_now`]).
pub fn now() -> OffsetDateTime {
    local(now_utc())
}

fn now_utc() -> OffsetDateTime {
    fixed_now()
        .ok()
        .flatten()
        .unwrap_or_else(OffsetDateTime::now_utc)
}

/// The same instant at the offset the local zone has then (not now: a summer time read in
/// winter keeps its summer offset), so that `.date()` is the day people saw on their
/// calendar.
pub fn local(at: OffsetDateTime) -> OffsetDateTime {
    in_zone(&jiff::tz::TimeZone::system(), at)
}

fn in_zone(zone: &jiff::tz::TimeZone, at: OffsetDateTime) -> OffsetDateTime {
    jiff::Timestamp::from_second(at.unix_timestamp())
        .ok()
        .map(|instant| zone.to_offset(instant).seconds())
        .and_then(|seconds| time::UtcOffset::from_whole_seconds(seconds).ok())
        .map_or(at, |offset| at.to_offset(offset))
}

/// A time as people read it, in both front ends: local, to the minute, with the offset,
/// `2026-03-02 10:00 +01:00`.
pub fn for_people(at: OffsetDateTime) -> String {
    shown_at_its_offset(local(at))
}

fn shown_at_its_offset(at: OffsetDateTime) -> String {
    let shape = time::macros::format_description!(
        "[year]-[month]-[day] [hour]:[minute] [offset_hour sign:mandatory]:[offset_minute]"
    );
    at.format(&shape).unwrap_or_else(|_| format(at))
}

/// A stored timestamp as [`for_people`] gives it; text that is not one is given back as
/// it is.
pub fn stored_for_people(stored: &str) -> String {
    parse(stored).map_or_else(|| stored.to_owned(), for_people)
}

/// The local day of a stored timestamp, `2036-12-30`, as people read it in both front ends;
/// text that is not a stored timestamp is given back as it is.
pub fn stored_day_for_people(stored: &str) -> String {
    local_date(stored).map_or_else(|| stored.to_owned(), |day| day.to_string())
}

/// The local date of a stored timestamp (see [`local`]).
pub fn local_date(stored: &str) -> Option<time::Date> {
    parse(stored).map(|at| local(at).date())
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

/// `now()` formatted for storage (UTC, so no zone is looked up).
pub fn now_string() -> String {
    format(now_utc())
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

    /// Central European time as a POSIX rule, so the test needs no time-zone database.
    fn amsterdam() -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap()
    }

    #[test]
    fn the_local_date_is_the_next_day_after_midnight_in_amsterdam() {
        let winter = parse("2026-12-01T23:30:00Z").unwrap();
        let local = in_zone(&amsterdam(), winter);
        assert_eq!(local.date().to_string(), "2026-12-02");
        assert_eq!(local.unix_timestamp(), winter.unix_timestamp());
        assert_eq!(format(local), "2026-12-01T23:30:00Z", "storage stays UTC");

        assert_eq!(shown_at_its_offset(local), "2026-12-02 00:30 +01:00");

        let summer = parse("2026-07-01T22:30:00Z").unwrap();
        assert_eq!(
            in_zone(&amsterdam(), summer).date().to_string(),
            "2026-07-02"
        );
        let summer_evening = parse("2026-07-01T21:30:00Z").unwrap();
        assert_eq!(
            in_zone(&amsterdam(), summer_evening).date().to_string(),
            "2026-07-01",
            "a summer time keeps its summer offset whenever it is read"
        );
    }

    #[test]
    fn stored_timestamps_round_trip() {
        let at = now();
        let text = format(at);
        assert!(text.ends_with('Z'), "{text}");
        assert_eq!(parse(&text).unwrap().unix_timestamp(), at.unix_timestamp());
    }
}
