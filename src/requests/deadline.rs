//! The deadline of Art. 12(3): one month after receipt, extendable once by at most two more.
//! "One month" is a calendar month: the same day of the next month, or that month's last day
//! when it is shorter (31 January gives 28 or 29 February).

use time::{Date, Month};

use super::Error;

/// `date` plus `months` calendar months, clamped to the last day of the month reached.
pub fn add_months(date: Date, months: u32) -> Date {
    let index =
        i64::from(date.year()) * 12 + i64::from(u8::from(date.month()) - 1) + i64::from(months);
    let year = i32::try_from(index.div_euclid(12)).expect("a year kluis can reach");
    let month = Month::try_from(u8::try_from(index.rem_euclid(12) + 1).expect("1..=12"))
        .expect("1..=12 is a month");
    let day = date.day().min(time::util::days_in_month(month, year));
    Date::from_calendar_date(year, month, day).expect("the day is clamped to the month")
}

/// The answer is due one calendar month after receipt.
pub fn due(received: Date) -> Date {
    add_months(received, 1)
}

/// The most an extension allows.
pub const MAX_EXTENSION_MONTHS: u32 = 2;

/// The extended deadline: `months` (1 or 2) more after the first month, counted from receipt.
pub fn extended(received: Date, months: u32) -> Result<Date, Error> {
    if !(1..=MAX_EXTENSION_MONTHS).contains(&months) {
        return Err(Error::ExtensionLength { months });
    }
    Ok(add_months(received, 1 + months))
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(text: &str, what: &'static str) -> Result<Date, Error> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(text.trim(), format).map_err(|_| Error::BadDate { what })
}

/// Formats as `YYYY-MM-DD`, the way the register stores dates.
pub fn format_date(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// A received date must not lie after today.
pub fn refuse_future(received: Date, today: Date) -> Result<(), Error> {
    if received > today {
        return Err(Error::ReceivedInFuture {
            received: format_date(received),
            today: format_date(today),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn one_month_is_the_same_day_of_the_next_month() {
        assert_eq!(due(date!(2026 - 03 - 02)), date!(2026 - 04 - 02));
        assert_eq!(due(date!(2026 - 12 - 15)), date!(2027 - 01 - 15));
    }

    #[test]
    fn the_end_of_january_gives_the_end_of_february() {
        assert_eq!(due(date!(2026 - 01 - 31)), date!(2026 - 02 - 28));
        assert_eq!(due(date!(2026 - 01 - 29)), date!(2026 - 02 - 28));
        assert_eq!(due(date!(2026 - 01 - 28)), date!(2026 - 02 - 28));
    }

    #[test]
    fn leap_years_give_the_29th_of_february() {
        assert_eq!(due(date!(2028 - 01 - 31)), date!(2028 - 02 - 29));
        assert_eq!(due(date!(2028 - 01 - 29)), date!(2028 - 02 - 29));
        assert_eq!(due(date!(2028 - 02 - 29)), date!(2028 - 03 - 29));
        // 2100 is not a leap year, 2000 was.
        assert_eq!(due(date!(2100 - 01 - 31)), date!(2100 - 02 - 28));
        assert_eq!(due(date!(2000 - 01 - 31)), date!(2000 - 02 - 29));
    }

    #[test]
    fn a_31st_before_a_30_day_month_gives_the_30th() {
        assert_eq!(due(date!(2026 - 03 - 31)), date!(2026 - 04 - 30));
        assert_eq!(due(date!(2026 - 08 - 31)), date!(2026 - 09 - 30));
        assert_eq!(due(date!(2026 - 07 - 31)), date!(2026 - 08 - 31));
    }

    #[test]
    fn december_runs_into_the_next_year() {
        assert_eq!(due(date!(2026 - 12 - 31)), date!(2027 - 01 - 31));
        assert_eq!(
            extended(date!(2026 - 11 - 30), 2).unwrap(),
            date!(2027 - 02 - 28)
        );
    }

    #[test]
    fn an_extension_counts_from_receipt_not_from_the_clamped_first_deadline() {
        // 31 January: due 28 February, extended by two months to 30 April, not 28 April.
        assert_eq!(
            extended(date!(2026 - 01 - 31), 2).unwrap(),
            date!(2026 - 04 - 30)
        );
        assert_eq!(
            extended(date!(2026 - 01 - 31), 1).unwrap(),
            date!(2026 - 03 - 31)
        );
        assert_eq!(
            extended(date!(2027 - 12 - 31), 2).unwrap(),
            date!(2028 - 03 - 31)
        );
        assert_eq!(
            extended(date!(2027 - 11 - 30), 3).unwrap_err().to_string(),
            "an extension is one or two months, not 3"
        );
        assert!(extended(date!(2027 - 11 - 30), 0).is_err());
    }

    #[test]
    fn a_received_date_after_today_is_refused() {
        let today = date!(2026 - 03 - 02);
        refuse_future(today, today).unwrap();
        let error = refuse_future(date!(2026 - 03 - 03), today).unwrap_err();
        assert!(matches!(error, Error::ReceivedInFuture { .. }), "{error}");
    }

    #[test]
    fn dates_parse_and_format_as_iso() {
        assert_eq!(
            parse_date(" 2028-02-29 ", "received").unwrap(),
            date!(2028 - 02 - 29)
        );
        assert!(parse_date("2027-02-29", "received").is_err());
        assert!(parse_date("29-02-2028", "received").is_err());
        assert_eq!(format_date(date!(2026 - 01 - 05)), "2026-01-05");
    }
}
