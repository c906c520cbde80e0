//! Turning typed spreadsheet cells into the text a CSV export would hold.
//!
//! Customer data arrives as text at the next layer; what matters here is that
//! no information is invented or lost in the conversion: a phone stored as a
//! number keeps all its digits (no `.0`, no `6.12E+08`), and a date stored as
//! a serial number becomes an unambiguous ISO date.

use calamine::{Data, ExcelDateTime};

/// Text for a non-error cell; `Err` carries the spreadsheet error code
/// (`#DIV/0!` etc.), which is not personal data.
pub(crate) fn text(data: &Data) -> Result<String, String> {
    Ok(match data {
        Data::Empty => String::new(),
        // Same line breaks as cells from text files.
        Data::String(s) if s.contains('\r') => s.replace("\r\n", "\n").replace('\r', "\n"),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => datetime(dt),
        Data::DateTimeIso(s) => iso_datetime(s),
        Data::DurationIso(s) => iso_duration(s),
        Data::Error(e) => return Err(e.to_string()),
    })
}

/// Rust's `Display` for `f64` prints the shortest text that reads back to
/// the same number, never with an exponent and without a trailing `.0`.
pub(crate) fn number(f: f64) -> String {
    if f == 0.0 {
        // Also turns -0 into 0.
        return "0".to_owned();
    }
    f.to_string()
}

/// `YYYY-MM-DD`, with `THH:MM:SS` only when the time is not midnight; a
/// time-only value (serial below 1) becomes `HH:MM:SS`; a duration keeps
/// its total hours (`[h]:mm:ss` style).
pub(crate) fn datetime(dt: &ExcelDateTime) -> String {
    let serial = dt.as_f64();
    if dt.is_duration() || (0.0..1.0).contains(&serial) {
        return clock(serial);
    }
    let (year, month, day, hour, minute, second, _milli) = dt.to_ymd_hms_milli();
    if (hour, minute, second) == (0, 0, 0) {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}")
    }
}

fn clock(days: f64) -> String {
    let total = (days * 86_400.0).round();
    if !total.is_finite() || total.abs() > 1e15 {
        return number(days);
    }
    // In range: |total| <= 1e15 fits an i64 exactly.
    let total = total as i64;
    let sign = if total < 0 { "-" } else { "" };
    let total = total.unsigned_abs();
    format!(
        "{sign}{:02}:{:02}:{:02}",
        total / 3600,
        total / 60 % 60,
        total % 60
    )
}

/// ODS stores dates as ISO text already; a midnight time part is noise.
fn iso_datetime(s: &str) -> String {
    match s.split_once('T') {
        Some((date, time)) if time.bytes().all(|b| matches!(b, b'0' | b':' | b'.')) => {
            date.to_owned()
        }
        _ => s.to_owned(),
    }
}

/// ODS time cells arrive as ISO durations (`PT14H30M00S`); shown as a clock
/// time like Excel's. Anything unexpected is kept as written.
fn iso_duration(s: &str) -> String {
    let Some(rest) = s.strip_prefix("PT") else {
        return s.to_owned();
    };
    let mut parts = [0.0_f64; 3];
    let mut num = String::new();
    for c in rest.chars() {
        let slot = match c {
            'H' => 0,
            'M' => 1,
            'S' => 2,
            _ => {
                num.push(c);
                continue;
            }
        };
        match num.parse::<f64>() {
            Ok(v) => parts[slot] = v,
            Err(_) => return s.to_owned(),
        }
        num.clear();
    }
    if !num.is_empty() {
        return s.to_owned();
    }
    clock((parts[0] * 3600.0 + parts[1] * 60.0 + parts[2]) / 86_400.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTimeType};

    fn date(serial: f64) -> String {
        datetime(&ExcelDateTime::new(
            serial,
            ExcelDateTimeType::DateTime,
            false,
        ))
    }

    #[test]
    fn numbers_keep_their_digits() {
        assert_eq!(number(612345678.0), "612345678");
        assert_eq!(number(31612345680.0), "31612345680");
        assert_eq!(number(1e21), "1000000000000000000000");
        assert_eq!(number(0.000001), "0.000001");
        assert_eq!(number(12.5), "12.5");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(number(-0.0), "0");
    }

    #[test]
    fn serial_dates_become_iso() {
        assert_eq!(date(29586.0), "1980-12-31");
        assert_eq!(date(32874.5), "1990-01-01T12:00:00");
        assert_eq!(date(45943.541), "2025-10-13T12:59:02");
        assert_eq!(date(0.75), "18:00:00");
        let in_1904 = ExcelDateTime::new(0.0 + 1.0, ExcelDateTimeType::DateTime, true);
        assert_eq!(datetime(&in_1904), "1904-01-02");
        let duration = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(datetime(&duration), "36:00:00");
    }

    #[test]
    fn other_types() {
        assert_eq!(text(&Data::Bool(true)).unwrap(), "true");
        assert_eq!(text(&Data::Bool(false)).unwrap(), "false");
        assert_eq!(text(&Data::Int(-42)).unwrap(), "-42");
        assert_eq!(text(&Data::Empty).unwrap(), "");
        assert_eq!(
            text(&Data::String("a\r\nb\rc\nd".into())).unwrap(),
            "a\nb\nc\nd"
        );
        assert_eq!(
            text(&Data::Error(CellErrorType::Div0)).unwrap_err(),
            "#DIV/0!"
        );
        assert_eq!(
            text(&Data::DateTimeIso("1980-12-31T00:00:00".into())).unwrap(),
            "1980-12-31"
        );
        assert_eq!(
            text(&Data::DateTimeIso("1980-12-31T08:15:00".into())).unwrap(),
            "1980-12-31T08:15:00"
        );
        assert_eq!(
            text(&Data::DurationIso("PT14H30M00S".into())).unwrap(),
            "14:30:00"
        );
        assert_eq!(text(&Data::DurationIso("P1D".into())).unwrap(), "P1D");
    }
}
