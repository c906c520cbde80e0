//! The retention rule of [`super::retention`] as SQL conditions on a row of `records` (alias
//! `r`), so that `check` and `purge` decide every value in one query instead of loading every
//! (record, field) pair and deciding each in Rust. The query reads only the rows that may be
//! due, which the indexes of migration 0011 name ([`Rows`]). The rule itself is
//! documented in docs/RETENTION.md; `retention.rs` keeps the per-record functions that
//! `delete` and `show` use, and the tests here hold the two to the same answers.
//!
//! Stored times are RFC 3339 in UTC, whole seconds (`clock::format`); SQLite's `unixepoch`
//! reads them. A period's end is never computed per row: each purpose's period is turned
//! once into the range of starts that have run out at `now` ([`Cutoff`]), and the row's start
//! is compared with it.

use rusqlite::Connection;
use time::{Date, Month, OffsetDateTime, UtcOffset};

use super::audit::{self, action};
use super::view::{FieldInfo, PurposeInfo, SchemaView};
use crate::schema::model::{LegalBasis, RetentionPeriod, RetentionStart, RetentionUnit};
use crate::schema::value_column;

const DAY: i64 = 86_400;

/// The starts (unix seconds) whose period has run out at a moment: every start up to
/// `all_until`, and the starts up to `late_until` whose time of day is no later than
/// `time_of_day`. The second part exists because months are counted on the calendar with
/// the day clamped to the month's length: on 28 February at noon, 1m kept from 30 January
/// at 10:00 has run out (it ended on 28 February at 10:00) but from 28 January at 13:00 not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cutoff {
    all_until: i64,
    late_until: i64,
    time_of_day: i64,
}

impl Cutoff {
    fn until(all_until: i64) -> Self {
        Cutoff {
            all_until,
            late_until: i64::MIN,
            time_of_day: 0,
        }
    }

    /// When the period of `period` ends no later than `now`, as a range of starts.
    pub(crate) fn of(period: RetentionPeriod, now: OffsetDateTime) -> Self {
        let now = now.to_offset(UtcOffset::UTC);
        match period.unit {
            RetentionUnit::Days => Cutoff::after_days(i64::from(period.amount), now),
            RetentionUnit::Months => Cutoff::after_months(period.amount, now),
            RetentionUnit::Years => Cutoff::after_months(period.amount.saturating_mul(12), now),
        }
    }

    fn after_days(days: i64, now: OffsetDateTime) -> Self {
        Cutoff::until(
            now.unix_timestamp()
                .saturating_sub(days.saturating_mul(DAY)),
        )
    }

    /// A start in a month before the one `months` before `now`'s has run out, one after it
    /// has not; within that month the clamped day and the time of day decide.
    fn after_months(months: u32, now: OffsetDateTime) -> Self {
        let index = i64::from(now.year()) * 12 + i64::from(u8::from(now.month()) - 1);
        let start_index = index - i64::from(months);
        let Some(first) = month_start(start_index) else {
            return Cutoff::until(i64::MIN);
        };
        let start_month_days = i64::from(first.month().length(first.year()));
        let now_month_days = i64::from(now.month().length(now.year()));
        let day_start = |day: i64| unix_midnight(first) + (day - 1) * DAY;
        let month_end = day_start(start_month_days) + DAY - 1;
        let now_day = i64::from(now.day());
        let now_time = now.unix_timestamp().rem_euclid(DAY);
        if now_day < now_month_days {
            // Days after today's number end after today, clamped or not.
            return Cutoff::until(if now_day <= start_month_days {
                day_start(now_day) + now_time
            } else {
                month_end
            });
        }
        // Today is its month's last day: every start on a day before it has run out, and
        // starts on that day or later (clamped to today) have if their time of day has.
        if now_month_days > start_month_days {
            return Cutoff::until(month_end);
        }
        Cutoff {
            all_until: day_start(now_month_days) - 1,
            late_until: month_end,
            time_of_day: now_time,
        }
    }

    /// The latest start in the range.
    fn last(self) -> i64 {
        self.all_until.max(self.late_until)
    }

    /// Whether a start at unix second `start` has run out (the rule the SQL states).
    #[cfg(test)]
    fn contains(self, start: i64) -> bool {
        start <= self.all_until
            || (start <= self.late_until && start.rem_euclid(DAY) <= self.time_of_day)
    }

    /// SQL: the start `at`, in unix seconds (NULL for a time SQLite cannot read), lies in
    /// the range.
    fn sql(self, at: &str) -> String {
        if self.late_until <= self.all_until {
            return format!("{at} <= {}", self.all_until);
        }
        format!(
            "({at} <= {} OR ({at} <= {} AND (({at} % {DAY}) + {DAY}) % {DAY} <= {}))",
            self.all_until, self.late_until, self.time_of_day
        )
    }
}

fn month_start(index: i64) -> Option<Date> {
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = Month::try_from(u8::try_from(index.rem_euclid(12) + 1).ok()?).ok()?;
    Date::from_calendar_date(year, month, 1).ok()
}

fn unix_midnight(date: Date) -> i64 {
    date.midnight().assume_utc().unix_timestamp()
}

/// The period a purpose keeps values for, as `retention::period_end` reads it.
fn period_of(purpose: &PurposeInfo) -> Option<RetentionPeriod> {
    let written = purpose
        .retention_spec
        .as_deref()
        .and_then(|spec| spec.parse::<RetentionPeriod>().ok());
    written.or_else(|| {
        purpose.retention_days.map(|days| RetentionPeriod {
            amount: u32::try_from(days).unwrap_or(if days < 0 { 0 } else { u32::MAX }),
            unit: RetentionUnit::Days,
        })
    })
}

/// SQL: the purpose's consent on the row stands.
fn consent_current(purpose: &PurposeInfo) -> String {
    format!(
        "EXISTS (SELECT 1 FROM consents WHERE record_id = r.id AND purpose_id = {} AND withdrawn_at IS NULL)",
        purpose.id
    )
}

/// SQL: when the row's consent for the purpose was withdrawn, NULL if it was not.
fn withdrawn(purpose: &PurposeInfo) -> String {
    format!(
        "(SELECT withdrawn_at FROM consents WHERE record_id = r.id AND purpose_id = {})",
        purpose.id
    )
}

/// What a purpose's period counts from, for a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    Created,
    Updated,
    /// The consent's withdrawal, or the last change while it was not withdrawn.
    WithdrawalOrUpdated,
    /// The end of a contract, which kluis does not know: the period never runs out by itself.
    Unknown,
}

impl Start {
    fn of(purpose: &PurposeInfo) -> Self {
        let consent = purpose.basis == LegalBasis::Consent;
        match purpose.retention_from {
            RetentionStart::Created => Start::Created,
            RetentionStart::EndOfContract => Start::Unknown,
            RetentionStart::ConsentWithdrawn => Start::WithdrawalOrUpdated,
            RetentionStart::LastChange if consent => Start::WithdrawalOrUpdated,
            RetentionStart::LastChange => Start::Updated,
        }
    }

    /// SQL: the start of the row's period, in unix seconds (NULL for a time SQLite cannot
    /// read); `None` for [`Start::Unknown`].
    fn sql(self, purpose: &PurposeInfo) -> Option<String> {
        match self {
            Start::Created => Some(CREATED.to_owned()),
            Start::Updated => Some(UPDATED.to_owned()),
            Start::WithdrawalOrUpdated => Some(format!(
                "unixepoch(coalesce({}, r.updated_at))",
                withdrawn(purpose)
            )),
            Start::Unknown => None,
        }
    }

    /// Sets of records that, together, hold every row whose start is at or before `last`
    /// (and perhaps more).
    fn rows_until(self, purpose: &PurposeInfo, last: i64) -> Vec<Rows> {
        match self {
            Start::Created => vec![Rows::CreatedUntil(last)],
            Start::Updated => vec![Rows::UpdatedUntil(last)],
            Start::WithdrawalOrUpdated => vec![
                Rows::UpdatedUntil(last),
                Rows::WithdrawnUntil {
                    purpose: purpose.id,
                    last,
                },
            ],
            Start::Unknown => Vec::new(),
        }
    }
}

/// A set of records that SQLite finds without reading every row of `records`: from the
/// indexes of migration 0011, or from the smaller `consents` and `audit_log`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rows {
    /// Those whose subject asked for erasure.
    ErasureAsked,
    /// Those created at or before a second.
    CreatedUntil(i64),
    /// Those last changed at or before a second.
    UpdatedUntil(i64),
    /// Those whose consent for a purpose was withdrawn at or before a second.
    WithdrawnUntil { purpose: i64, last: i64 },
}

impl Rows {
    /// SQL: a `SELECT` of the records' ids. The times are compared through the very
    /// expressions the indexes hold, over `records` without an alias, or SQLite would not
    /// use them.
    fn sql(self) -> String {
        match self {
            Rows::ErasureAsked => erased_on_request_sql(),
            Rows::CreatedUntil(last) => {
                format!("SELECT id FROM records WHERE unixepoch(created_at) <= {last}")
            }
            Rows::UpdatedUntil(last) => {
                format!("SELECT id FROM records WHERE unixepoch(updated_at) <= {last}")
            }
            Rows::WithdrawnUntil { purpose, last } => format!(
                "SELECT record_id FROM consents WHERE purpose_id = {purpose} AND unixepoch(withdrawn_at) <= {last}"
            ),
        }
    }

    /// Adds `rows` to `union`, where a range of times takes in a shorter one of its kind.
    fn add_to(union: &mut Vec<Rows>, rows: Rows) {
        let absorbs = |held: &mut Rows| match (held, rows) {
            (Rows::CreatedUntil(held), Rows::CreatedUntil(last))
            | (Rows::UpdatedUntil(held), Rows::UpdatedUntil(last)) => {
                *held = (*held).max(last);
                true
            }
            (held, rows) => *held == rows,
        };
        if !union.iter_mut().any(absorbs) {
            union.push(rows);
        }
    }
}

/// SQL: `purpose` no longer justifies the row's values at `now` (`retention::purpose_expiry`
/// is `At(end)` with `end <= now`).
fn purpose_ran_out(purpose: &PurposeInfo, now: OffsetDateTime) -> String {
    let Some(start) = Start::of(purpose).sql(purpose) else {
        return "0".into();
    };
    let ran_out = match period_of(purpose) {
        Some(period) => Cutoff::of(period, now).sql(&start),
        // An event alone: a withdrawal ends the keeping at once.
        None if purpose.retention_from == RetentionStart::ConsentWithdrawn => format!(
            "unixepoch({}) <= {}",
            withdrawn(purpose),
            now.unix_timestamp()
        ),
        None => return "0".into(),
    };
    let ran_out = format!("coalesce({ran_out}, 0)");
    if purpose.basis == LegalBasis::Consent {
        format!("(NOT {} AND {ran_out})", consent_current(purpose))
    } else {
        ran_out
    }
}

/// Sets of records that, together, hold every row where [`purpose_ran_out`] holds at `now`.
fn ran_out_rows(purpose: &PurposeInfo, now: OffsetDateTime) -> Vec<Rows> {
    match period_of(purpose) {
        Some(period) => Start::of(purpose).rows_until(purpose, Cutoff::of(period, now).last()),
        None if purpose.retention_from == RetentionStart::ConsentWithdrawn => {
            vec![Rows::WithdrawnUntil {
                purpose: purpose.id,
                last: now.unix_timestamp(),
            }]
        }
        None => Vec::new(),
    }
}

/// SQL: no legal obligation holds the row's value of `field` any longer
/// (`retention::legal_hold` is `None`).
fn no_legal_hold(schema: &SchemaView, field: &FieldInfo, now: OffsetDateTime) -> String {
    let conditions: Vec<String> = schema
        .purposes_of(field)
        .filter(|p| p.basis == LegalBasis::LegalObligation)
        .map(|purpose| {
            let start = match purpose.retention_from {
                RetentionStart::Created => CREATED,
                RetentionStart::EndOfContract => return "0".to_owned(),
                _ => UPDATED,
            };
            match period_of(purpose) {
                Some(period) => format!("coalesce({}, 0)", Cutoff::of(period, now).sql(start)),
                None => "0".to_owned(),
            }
        })
        .collect();
    all_of(conditions)
}

/// SQL: any of `conditions` holds; false when there are none.
fn any_of(conditions: impl IntoIterator<Item = String>) -> String {
    let conditions: Vec<String> = conditions.into_iter().collect();
    if conditions.is_empty() {
        "0".into()
    } else {
        format!("({})", conditions.join(" OR "))
    }
}

fn all_of(conditions: Vec<String>) -> String {
    if conditions.is_empty() {
        "1".into()
    } else {
        format!("({})", conditions.join(" AND "))
    }
}

/// SQL: the records whose subject asked for erasure (`retention::erased_on_request`), as
/// one column of ids.
pub(super) fn erased_on_request_sql() -> String {
    format!(
        "SELECT DISTINCT d.record_id FROM audit_log d
         WHERE d.action = '{}' AND d.record_id IS NOT NULL
           AND d.id > (SELECT max(a.id) FROM audit_log a
                       WHERE a.action IN ('{}', '{}') AND {})",
        action::DELETE,
        action::ADD,
        action::EDIT,
        audit::covers("a", "d.record_id")
    )
}

/// The conditions read a row (alias `r`) of `records`. Each is evaluated once per row and
/// rule ([`ValueScan`]), not once per field.
const CREATED: &str = "unixepoch(r.created_at)";
const UPDATED: &str = "unixepoch(r.updated_at)";

/// SQL: the row's subject asked for erasure (`retention::erased_on_request`). The subquery
/// does not depend on the row, so SQLite builds its set once per statement.
fn erased_on_request() -> String {
    format!("r.id IN ({})", erased_on_request_sql())
}

/// SQL: the row's value of `field`, if it holds one, has outlived its purposes at `now`
/// (`Holdings::past_retention`). Whether the row holds a value is not part of it.
fn value_due(schema: &SchemaView, field: &FieldInfo, now: OffsetDateTime) -> String {
    let purposes: Vec<&PurposeInfo> = schema.purposes_of(field).collect();
    let normal = if purposes.is_empty() {
        "0".to_owned()
    } else {
        all_of(purposes.iter().map(|p| purpose_ran_out(p, now)).collect())
    };
    format!(
        "(CASE WHEN {} THEN {} ELSE {normal} END)",
        erased_on_request(),
        no_legal_hold(schema, field, now)
    )
}

/// Sets of records that, together, hold every row where [`value_due`] holds: those whose
/// subject asked for erasure, and those where one of the field's purposes ran out (each
/// must have, so the one with the fewest sets).
fn due_rows(schema: &SchemaView, field: &FieldInfo, now: OffsetDateTime) -> Vec<Rows> {
    let ran_out = schema
        .purposes_of(field)
        .map(|purpose| ran_out_rows(purpose, now))
        .min_by_key(Vec::len)
        .unwrap_or_default();
    std::iter::once(Rows::ErasureAsked).chain(ran_out).collect()
}

/// One query over `records` that decides, for every row that may be due, which held values
/// have outlived their purposes at `now`, for `check` and `purge`. The rows that may be due
/// are the union of each rule's [`Rows`]; on a day when little is due, that is little.
///
/// Fields kept for the same purposes share one rule, and the scan evaluates each rule once
/// per row: a vault's ten fields under one purpose cost one evaluation, not ten (the rule,
/// with its time parsing, was most of a scan). A rule's column is a bit mask of the row's
/// fields under it that hold a value, read without copying the values, so that the rows
/// without a finding are dropped in SQL and never reach Rust.
pub(crate) struct ValueScan {
    rules: Vec<Rule>,
    /// SQL: the ids of the records that may be due ([`Self::due_rows`]), when they are few
    /// enough that reading them by id beats reading every row ([`few_may_be_due`]); `None`
    /// when every row is read.
    may_be_due: Option<String>,
}

struct Rule {
    sql: String,
    /// Sets of records that, together, hold every row where `sql` holds ([`due_rows`]).
    rows: Vec<Rows>,
    /// Indexes into the schema's fields; bit `b` of the rule's mask is `fields[b]`.
    fields: Vec<usize>,
}

/// Bits of a mask per rule: an SQLite integer has 63 besides its sign, and a rule over more
/// fields is split into several columns.
const MASK_BITS: usize = 62;

/// Up to this many records that may be due, they are read by id whatever the vault's size:
/// so few cost next to nothing either way.
const BY_ID_UP_TO: i64 = 1_000;

/// Whether the records `due_rows` (SQL of their ids) selects are few: under a quarter of the
/// records, or [`BY_ID_UP_TO`]. Past that, looking each up by id costs more than the scan it
/// saves: with every record due at 100,000, `check` took 453 ms by id against 386 ms reading
/// every row. They are counted only up to the bound, so the count costs little when they are
/// many; the highest id stands for the number of records (ids are never reused, so it counts
/// the erased too, which only moves the bound).
fn few_may_be_due(conn: &Connection, due_rows: &str) -> rusqlite::Result<bool> {
    let records: i64 = conn.query_row("SELECT coalesce(max(id), 0) FROM records", [], |row| {
        row.get(0)
    })?;
    let bound = (records / 4).max(BY_ID_UP_TO);
    let counted: i64 = conn.query_row(
        &format!(
            "SELECT count(*) FROM (SELECT 1 FROM ({due_rows}) LIMIT {})",
            bound + 1
        ),
        [],
        |row| row.get(0),
    )?;
    Ok(counted <= bound)
}

impl ValueScan {
    pub(crate) fn new(
        conn: &Connection,
        schema: &SchemaView,
        now: OffsetDateTime,
    ) -> rusqlite::Result<Self> {
        let mut rules: Vec<Rule> = Vec::new();
        for (index, field) in schema.fields.iter().enumerate() {
            let sql = value_due(schema, field, now);
            let rows = due_rows(schema, field, now);
            match rules
                .iter_mut()
                .find(|rule| rule.sql == sql && rule.fields.len() < MASK_BITS)
            {
                Some(rule) => {
                    rule.fields.push(index);
                    for rows in rows {
                        Rows::add_to(&mut rule.rows, rows);
                    }
                }
                None => rules.push(Rule {
                    sql,
                    rows,
                    fields: vec![index],
                }),
            }
        }
        let due_rows = Self::due_rows(&rules);
        let may_be_due = few_may_be_due(conn, &due_rows)?.then_some(due_rows);
        Ok(ValueScan { rules, may_be_due })
    }

    /// SQL: the ids of a set of rows that holds every row where one of `rules` holds, read
    /// from indexes (migration 0011) and small tables rather than from every row: on a day
    /// with little due, `check` and `purge` then read only the rows they report.
    fn due_rows(rules: &[Rule]) -> String {
        let mut union = Vec::new();
        for &rows in rules.iter().flat_map(|rule| &rule.rows) {
            Rows::add_to(&mut union, rows);
        }
        if union.is_empty() {
            // No fields, no rules: no record may be due.
            return "SELECT NULL WHERE 0".to_owned();
        }
        let selects: Vec<String> = union.into_iter().map(Rows::sql).collect();
        selects.join(" UNION ALL ")
    }

    /// SQL over `records` (alias `r`): the mask of the rule's fields that hold a value.
    fn held_mask(schema: &SchemaView, rule: &Rule) -> String {
        let bits: Vec<String> = rule
            .fields
            .iter()
            .enumerate()
            .map(|(bit, &index)| format!("({} << {bit})", Self::holds(schema, index)))
            .collect();
        format!("({})", bits.join(" | "))
    }

    /// SQL over `records` (alias `r`): one of the rule's fields holds a value. It stops at
    /// the first that does, where the mask reads every field (21 against 91 ms over 100,000
    /// rows). `check` and `purge` ask it before the rule itself, so a rule is decided only
    /// in rows that hold a value under it: a newsletter field that no row fills cost every
    /// row two look-ups in `consents` and a parsed time (`purge --dry-run` with every record
    /// due at 100,000: a median of 210 ms before, 186 after).
    fn holds_any(schema: &SchemaView, rule: &Rule) -> String {
        any_of(rule.fields.iter().map(|&index| Self::holds(schema, index)))
    }

    /// SQL over `records` (alias `r`): the row holds a value of the field at `index`.
    pub(crate) fn holds(schema: &SchemaView, index: usize) -> String {
        format!("(r.{} IS NOT NULL)", value_column(schema.fields[index].id))
    }

    /// SQL: the ids of the rows where `finding` (over the columns `rule_R`) holds, with
    /// `rule_R` for each rule, computed by `column(rule)`. Only the rows whose id `among`
    /// selects are read, all of them when it is `None`. `OFFSET 0` keeps SQLite from
    /// merging the subquery into the outer one, which would evaluate a rule again wherever
    /// the outer query names it. The rows come in no promised order.
    fn rows(
        &self,
        column: impl Fn(&Rule) -> String,
        finding: &str,
        among: Option<String>,
    ) -> String {
        let columns: String = self
            .rules
            .iter()
            .enumerate()
            .map(|(index, rule)| format!(", {} AS rule_{index}", column(rule)))
            .collect();
        let names: String = (0..self.rules.len())
            .map(|index| format!(", rule_{index}"))
            .collect();
        let among = among.map_or(String::new(), |ids| format!(" WHERE r.id IN ({ids})"));
        format!(
            "SELECT id{names} FROM (SELECT r.id AS id{columns} FROM records r{among} LIMIT -1 OFFSET 0)
             WHERE {finding}"
        )
    }

    /// SQL for `check`: each row with a value past retention, as the row's id and one mask
    /// per rule of its held values that are due (read with [`Self::fields`]).
    pub(crate) fn past_retention(&self, schema: &SchemaView) -> String {
        let finding = any_of((0..self.rules.len()).map(|index| format!("rule_{index} != 0")));
        self.rows(
            |rule| {
                format!(
                    "CASE WHEN NOT {} THEN 0 WHEN {} THEN {} ELSE 0 END",
                    Self::holds_any(schema, rule),
                    rule.sql,
                    Self::held_mask(schema, rule)
                )
            },
            &finding,
            self.may_be_due.clone(),
        )
    }

    /// SQL for `purge`: each row that holds a value that is due, or none that is not, as the
    /// row's id and one column per rule: the mask of its held values that are due when the
    /// rule holds, -1 when it does not and the row holds a value under it, else 0.
    pub(crate) fn due_or_empty(&self, schema: &SchemaView) -> String {
        let among = self.may_be_due.as_ref().map(|ids| {
            // A row that holds nothing has no rule that holds for it, so it is found apart,
            // by a scan that stops at each row's first value.
            let empty = all_of(
                (0..schema.fields.len())
                    .map(|index| format!("NOT {}", Self::holds(schema, index)))
                    .collect(),
            );
            format!("{ids} UNION ALL SELECT r.id FROM records r WHERE {empty}")
        });
        let count = self.rules.len();
        let expired = any_of((0..count).map(|index| format!("rule_{index} > 0")));
        let kept = any_of((0..count).map(|index| format!("rule_{index} = -1")));
        self.rows(
            |rule| {
                format!(
                    "CASE WHEN NOT {} THEN 0 WHEN {} THEN {} ELSE -1 END",
                    Self::holds_any(schema, rule),
                    rule.sql,
                    Self::held_mask(schema, rule)
                )
            },
            &format!("{expired} OR NOT {kept}"),
            among,
        )
    }

    /// How many rule columns a row of [`Self::past_retention`] or [`Self::due_or_empty`]
    /// has after its id.
    pub(crate) fn rule_count(&self) -> usize {
        self.rules.len()
    }

    /// The indexes into the schema's fields that `mask`, the value of rule column `rule`,
    /// names (none for a negative mask).
    pub(crate) fn fields(&self, rule: usize, mask: i64) -> impl Iterator<Item = usize> + '_ {
        self.rules[rule]
            .fields
            .iter()
            .enumerate()
            .filter(move |(bit, _)| mask > 0 && mask & (1 << bit) != 0)
            .map(|(_, &index)| index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn period(amount: u32, unit: u8) -> RetentionPeriod {
        let unit = match unit % 3 {
            0 => RetentionUnit::Days,
            1 => RetentionUnit::Months,
            _ => RetentionUnit::Years,
        };
        RetentionPeriod { amount, unit }
    }

    fn instant(unix: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(unix).unwrap()
    }

    proptest! {
        /// The range of starts agrees with `expires_at` for any start near the boundary,
        /// month ends and leap days included.
        #[test]
        fn the_cutoff_holds_the_starts_whose_period_ended(
            now in 0i64..4_102_444_800, // 1970..2100
            amount in 0u32..40,
            unit in 0u8..3,
            offset in -80i64 * DAY..80 * DAY,
        ) {
            let period = period(amount, unit);
            let now = instant(now);
            let near = period.nominal_days() as i64 * DAY;
            let start = now.unix_timestamp() - near + offset;
            prop_assume!(start >= 0);
            let expected = period.expires_at(instant(start)) <= now;
            prop_assert_eq!(Cutoff::of(period, now).contains(start), expected);
        }
    }

    #[test]
    fn a_clamped_month_end_depends_on_the_time_of_day() {
        let now = crate::clock::parse("2031-02-28T12:00:00Z").unwrap();
        let cutoff = Cutoff::of(period(1, 1), now);
        let start = |text| crate::clock::parse(text).unwrap().unix_timestamp();
        assert!(cutoff.contains(start("2031-01-30T10:00:00Z")));
        assert!(!cutoff.contains(start("2031-01-28T13:00:00Z")));
        assert!(cutoff.contains(start("2031-01-27T23:00:00Z")));
        assert!(!cutoff.contains(start("2031-02-01T00:00:00Z")));
    }

    #[test]
    fn sqlite_reads_the_range_as_rust_does() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let now = crate::clock::parse("2031-02-28T12:00:00Z").unwrap();
        let cutoff = Cutoff::of(period(1, 1), now);
        for start in [
            "2031-01-30T10:00:00Z",
            "2031-01-28T13:00:00Z",
            "2031-01-27T23:00:00Z",
            "2031-02-01T00:00:00Z",
        ] {
            let in_sql: bool = conn
                .query_row(
                    &format!("SELECT {}", cutoff.sql("unixepoch(?1)")),
                    [start],
                    |row| row.get(0),
                )
                .unwrap();
            let unix = crate::clock::parse(start).unwrap().unix_timestamp();
            assert_eq!(in_sql, cutoff.contains(unix), "{start}");
        }
    }

    /// `check` and `purge` read only the rows the indexes of migration 0011 name (by id),
    /// not every row; `purge` scans apart for the rows that hold nothing, which stops at
    /// each row's first value.
    #[test]
    fn check_and_purge_read_the_rows_the_indexes_name() {
        let (conn, _) = crate::records::testing::shop();
        conn.execute(
            "UPDATE purposes SET retention_from = 'created' WHERE name = 'bookkeeping'",
            [],
        )
        .unwrap();
        let schema = SchemaView::load(&conn).unwrap();
        let scan = ValueScan::new(&conn, &schema, instant(2_000_000_000)).unwrap();
        let plan = |sql: String| -> Vec<String> {
            let mut statement = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let details = statement.query_map([], |row| row.get(3)).unwrap();
            details.map(Result::unwrap).collect()
        };
        let scans = |plan: &[String]| plan.iter().filter(|d| d.starts_with("SCAN r")).count();
        let check = plan(scan.past_retention(&schema));
        let purge = plan(scan.due_or_empty(&schema));
        for plan in [&check, &purge] {
            for index in ["records_created", "records_updated"] {
                let by_index = format!("SEARCH records USING COVERING INDEX {index} (<expr><?)");
                assert!(plan.contains(&by_index), "{index}: {plan:#?}");
            }
            let by_id = "SEARCH r USING INTEGER PRIMARY KEY (rowid=?)".to_owned();
            assert!(plan.contains(&by_id), "{plan:#?}");
        }
        assert_eq!(scans(&check), 0, "{check:#?}");
        assert_eq!(scans(&purge), 1, "{purge:#?}");
    }

    /// When many records may be due, every row is read: looking each up by id would cost
    /// more. The plan is the same either way.
    #[test]
    fn many_records_that_may_be_due_are_read_by_a_scan() {
        let (conn, schema) = crate::records::testing::shop();
        let name = value_column(schema.field("name").unwrap().id);
        conn.execute_batch(&format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200)
             INSERT INTO records (created_at, updated_at, {name})
             SELECT '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z', 'Jan' FROM n"
        ))
        .unwrap();
        let at = |text| crate::clock::parse(text).unwrap();
        let by_id = "FROM records r WHERE r.id IN (";
        let few = ValueScan::new(&conn, &schema, at("2031-01-01T00:00:00Z")).unwrap();
        assert!(few.due_or_empty(&schema).contains(by_id));
        let many = ValueScan::new(&conn, &schema, at("2040-01-01T00:00:00Z")).unwrap();
        assert!(!many.due_or_empty(&schema).contains(by_id));
        assert!(!many.past_retention(&schema).contains(by_id));
        let plan = crate::records::retention::plan(&conn, &schema, at("2040-01-01T00:00:00Z"));
        assert_eq!(plan.unwrap().records.len(), 1200);
    }

    /// Regression: with no fields there are no rules, and the union of the rows that may be
    /// due was empty SQL, which SQLite refused (the check page of a new vault answered 409).
    #[test]
    fn a_vault_without_fields_is_checked_and_planned() {
        let conn = crate::vault::database::open_in_memory_for_tests();
        let schema = SchemaView::load(&conn).unwrap();
        let now = instant(2_000_000_000);
        crate::records::check::check(&conn, &schema, now).unwrap();
        let plan = crate::records::retention::plan(&conn, &schema, now).unwrap();
        assert!(plan.is_empty());
    }
}
