//! When a value has outlived every purpose it serves, and `purge`, which erases it.
//! The rule is documented in docs/RETENTION.md; keep the two in step.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rusqlite::Connection;
use serde::Serialize;
use time::{Duration, OffsetDateTime};

use super::audit::{self, NewEntry, action};
use super::due::ValueScan;
use super::view::{FieldInfo, PurposeInfo, SchemaView};
use super::{Error, RecordId};
#[cfg(test)]
use crate::clock;
use crate::schema::model::{LegalBasis, RetentionPeriod, RetentionStart};
use crate::schema::value_column;
use crate::vault::search_key;

/// How long one purpose may keep one record's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    /// The period runs out at this moment.
    At(OffsetDateTime),
    /// Consent stands: the period has not started.
    WhileConsentStands,
    /// kluis does not know the moment (the end of a contract) or only a note decides: a
    /// person must review it (`kluis check` says so).
    Manual,
}

/// The moments of a record a retention period can count from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordMoments {
    pub created: OffsetDateTime,
    pub updated: OffsetDateTime,
}

impl RecordMoments {
    /// A record never changed since it was created at `at`.
    pub fn at(at: OffsetDateTime) -> Self {
        RecordMoments {
            created: at,
            updated: at,
        }
    }
}

/// Where a record's consent for a purpose stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentState {
    NeverGiven,
    Current,
    WithdrawnAt(OffsetDateTime),
}

/// The end of a period that starts at `start`: on the calendar from the period as written
/// (`7y`), else from the stored number of days.
pub fn period_end(purpose: &PurposeInfo, start: OffsetDateTime) -> Option<OffsetDateTime> {
    let written = purpose
        .retention_spec
        .as_deref()
        .and_then(|spec| spec.parse::<RetentionPeriod>().ok());
    match written {
        Some(period) => Some(period.expires_at(start)),
        None => purpose
            .retention_days
            .map(|days| start.saturating_add(Duration::days(days))),
    }
}

/// The moment `purpose`'s period counts from for one record, the same moment the statement
/// names (`--retention-from`); `Err` when the period cannot start yet or kluis does not know
/// the moment.
///
/// A consent purpose is held open by standing consent whatever its start, and a withdrawal
/// starts its period unless it counts from the record's creation. Consent that was never
/// given counts from the last change, so a record added a moment before its consent is not
/// erased in between.
fn period_start(
    purpose: &PurposeInfo,
    moments: RecordMoments,
    consent: ConsentState,
) -> Result<OffsetDateTime, Expiry> {
    if purpose.basis == LegalBasis::Consent && consent == ConsentState::Current {
        return Err(Expiry::WhileConsentStands);
    }
    let withdrawn = match consent {
        ConsentState::WithdrawnAt(at) => Some(at),
        _ => None,
    };
    match purpose.retention_from {
        RetentionStart::Created => Ok(moments.created),
        RetentionStart::EndOfContract => Err(Expiry::Manual),
        RetentionStart::ConsentWithdrawn => Ok(withdrawn.unwrap_or(moments.updated)),
        RetentionStart::LastChange if purpose.basis == LegalBasis::Consent => {
            Ok(withdrawn.unwrap_or(moments.updated))
        }
        RetentionStart::LastChange => Ok(moments.updated),
    }
}

/// When `purpose` stops justifying a value of a record. An event alone ends it at the event:
/// a withdrawal of consent ends it at once; the end of a contract is for a person to review.
pub fn purpose_expiry(
    purpose: &PurposeInfo,
    moments: RecordMoments,
    consent: ConsentState,
) -> Expiry {
    let start = match period_start(purpose, moments, consent) {
        Ok(start) => start,
        Err(expiry) => return expiry,
    };
    match period_end(purpose, start) {
        Some(end) => Expiry::At(end),
        None if purpose.retention_from == RetentionStart::ConsentWithdrawn
            && matches!(consent, ConsentState::WithdrawnAt(_)) =>
        {
            Expiry::At(start)
        }
        None => Expiry::Manual,
    }
}

/// When a value has outlived all its field's purposes, or `None` while any purpose keeps it.
pub fn value_expiry(
    schema: &SchemaView,
    field: &FieldInfo,
    moments: RecordMoments,
    consent: impl Fn(i64) -> ConsentState,
) -> Option<OffsetDateTime> {
    let mut latest = None;
    for purpose in schema.purposes_of(field) {
        match purpose_expiry(purpose, moments, consent(purpose.id)) {
            Expiry::At(end) => latest = latest.max(Some(end)),
            Expiry::WhileConsentStands | Expiry::Manual => return None,
        }
    }
    latest
}

/// The legal-obligation purpose that still requires a value to be kept (Art. 17(3)(b)), with
/// the end of its period (`None`: decided by a person, as for the end of a contract or a
/// retention note). With several, the one that
/// holds the value longest: the value stays until the last of them ends, so that is the
/// date `delete` must name.
pub fn legal_hold<'a>(
    schema: &'a SchemaView,
    field: &'a FieldInfo,
    moments: RecordMoments,
    now: OffsetDateTime,
) -> Option<(&'a PurposeInfo, Option<OffsetDateTime>)> {
    schema
        .purposes_of(field)
        .filter(|p| p.basis == LegalBasis::LegalObligation)
        .map(|p| {
            let end = period_start(p, moments, ConsentState::NeverGiven)
                .ok()
                .and_then(|start| period_end(p, start));
            (p, end)
        })
        .filter_map(|(p, end)| match end {
            Some(end) if end <= now => None,
            end => Some((p, end)),
        })
        // A note (no end) outlasts every date.
        .max_by_key(|(_, end)| (end.is_none(), *end))
}

/// Records whose subject asked for erasure and that `kluis delete` kept values of, for a
/// legal obligation only (Art. 17(3)(b)). The audit log is the only trace of the request.
/// Only a delete logged after the record's last `add` or `edit` counts: values stored after
/// the request start a new relationship.
pub fn erased_on_request(conn: &Connection) -> Result<HashSet<RecordId>, Error> {
    Ok(conn
        .prepare_cached(&super::due::erased_on_request_sql())?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?)
}

/// Everything retention needs about the stored data, read in three queries: the Rust rule
/// that [`super::due`]'s SQL replaced, kept as the reference its tests compare with.
#[cfg(test)]
pub struct Holdings {
    /// Record id → creation and last change.
    pub records: Vec<(RecordId, RecordMoments)>,
    /// (record, field id) for every stored value.
    pub values: Vec<(RecordId, i64)>,
    consents: HashMap<(RecordId, i64), ConsentState>,
    /// Records whose subject asked for erasure (`kluis delete` kept some values): only a
    /// running legal obligation still justifies what is left of them.
    erased_on_request: HashSet<RecordId>,
}

#[cfg(test)]
fn stored_time(text: &str, what: &str) -> Result<OffsetDateTime, Error> {
    clock::parse(text).ok_or_else(|| Error::Corrupt {
        what: what.to_owned(),
    })
}

#[cfg(test)]
impl Holdings {
    pub fn load(conn: &Connection) -> Result<Self, Error> {
        let field_ids: Vec<i64> = conn
            .prepare_cached("SELECT id FROM fields ORDER BY id")?
            .query_map([], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        let held: String = field_ids
            .iter()
            .map(|&id| format!(", {} IS NOT NULL", value_column(id)))
            .collect();
        let mut records = Vec::new();
        let mut values = Vec::new();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT id, created_at, updated_at{held} FROM records ORDER BY id"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: RecordId = row.get(0)?;
            let created: String = row.get(1)?;
            let updated: String = row.get(2)?;
            records.push((
                id,
                RecordMoments {
                    created: stored_time(&created, &format!("record {id}'s creation"))?,
                    updated: stored_time(&updated, &format!("record {id}'s last change"))?,
                },
            ));
            for (index, &field_id) in field_ids.iter().enumerate() {
                if row.get::<_, bool>(index + 3)? {
                    values.push((id, field_id));
                }
            }
        }
        let mut consents = HashMap::new();
        let mut stmt =
            conn.prepare_cached("SELECT record_id, purpose_id, withdrawn_at FROM consents")?;
        for row in stmt.query_map([], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get::<_, Option<String>>(2)?))
        })? {
            let (record, purpose, withdrawn): (RecordId, i64, Option<String>) = row?;
            let state = match withdrawn {
                None => ConsentState::Current,
                Some(at) => ConsentState::WithdrawnAt(stored_time(
                    &at,
                    &format!("record {record}'s consent withdrawal"),
                )?),
            };
            consents.insert((record, purpose), state);
        }
        let erased_on_request = erased_on_request(conn)?;
        Ok(Holdings {
            records,
            values,
            consents,
            erased_on_request,
        })
    }

    /// Whether a record's value of `field` has outlived its purposes at `now`. After an
    /// erasure request only the legal obligations `delete` kept it for count: the other
    /// purposes ended with the request (docs/RETENTION.md: `purge` erases kept values when
    /// the obligation's period ends).
    pub fn past_retention(
        &self,
        schema: &SchemaView,
        field: &FieldInfo,
        record: RecordId,
        now: OffsetDateTime,
    ) -> bool {
        let Some(moments) = self.moments(record) else {
            return false;
        };
        if self.erased_on_request.contains(&record) {
            return legal_hold(schema, field, moments, now).is_none();
        }
        value_expiry(schema, field, moments, |p| self.consent(record, p))
            .is_some_and(|end| end <= now)
    }

    pub fn consent(&self, record: RecordId, purpose: i64) -> ConsentState {
        self.consents
            .get(&(record, purpose))
            .copied()
            .unwrap_or(ConsentState::NeverGiven)
    }

    pub fn moments(&self, record: RecordId) -> Option<RecordMoments> {
        self.records
            .binary_search_by_key(&record, |(id, _)| *id)
            .ok()
            .map(|index| self.records[index].1)
    }
}

/// A field's name in a [`PurgePlan`].
pub type FieldName = Arc<str>;

/// The names of the fields a record loses, sorted. Records that lose the same fields share
/// one set: a purge of every value of a million records held ten million names, and its
/// peak memory fell from 708 to 434 MB (`show` of that vault: 402 MB).
pub type FieldSet = Arc<[FieldName]>;

/// Values whose purposes have all run out at `now`, grouped by record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PurgePlan {
    /// (record, names of the fields whose values go), by record id. The names are shared:
    /// a purge of every value of 100,000 records spent a third of its time allocating and
    /// freeing a million copies of ten names.
    pub values: Vec<(RecordId, FieldSet)>,
    /// Records left without any value, which go as a whole.
    pub records: Vec<RecordId>,
}

impl PurgePlan {
    pub fn value_count(&self) -> usize {
        self.values.iter().map(|(_, fields)| fields.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.records.is_empty()
    }

    /// The records that keep some value, as runs of consecutive records that lose the same
    /// fields: (first, last, fields), in id order.
    pub fn partial_runs(&self) -> Vec<(RecordId, RecordId, &[FieldName])> {
        // `records` is in id order: a linear search per record is quadratic on a big purge.
        runs(
            self.values
                .iter()
                .filter(|(record, _)| self.records.binary_search(record).is_err())
                .map(|(record, fields)| (*record, &fields[..])),
        )
    }

    /// The records that go as a whole, as runs of consecutive ids: (first, last).
    pub fn whole_runs(&self) -> Vec<(RecordId, RecordId)> {
        super::id_runs(&self.records)
    }

    /// How many values go per field, by field name: the plan without record ids.
    pub fn by_field(&self) -> Vec<(String, usize)> {
        let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
        for field in self.values.iter().flat_map(|(_, fields)| fields.iter()) {
            *counts.entry(field).or_default() += 1;
        }
        counts
            .into_iter()
            .map(|(field, count)| (field.to_owned(), count))
            .collect()
    }
}

/// What `purge` would erase at `now`: one query over the records that may be due, each value
/// decided in SQL ([`super::due`]).
pub fn plan(
    conn: &Connection,
    schema: &SchemaView,
    now: OffsetDateTime,
) -> Result<PurgePlan, Error> {
    let scan = ValueScan::new(conn, schema, now)?;
    let names: Vec<FieldName> = schema
        .fields
        .iter()
        .map(|f| f.name.as_str().into())
        .collect();
    // Only the rows the plan lists come back: on a day with nothing due, none.
    let mut statement = conn.prepare(&scan.due_or_empty(schema))?;
    let mut rows = statement.query([])?;
    let mut plan = PurgePlan::default();
    // Each row's masks, one per rule, decide its fields; the set of each is made once.
    let mut sets: HashMap<Vec<i64>, FieldSet> = HashMap::new();
    let mut masks: Vec<i64> = Vec::with_capacity(scan.rule_count());
    while let Some(row) = rows.next()? {
        let record: RecordId = row.get(0)?;
        masks.clear();
        for rule in 0..scan.rule_count() {
            masks.push(row.get(1 + rule)?);
        }
        // A rule's mask is -1 when the record keeps some value under it.
        if !masks.contains(&-1) {
            plan.records.push(record);
        }
        let expired = match sets.get(&masks) {
            Some(set) => Arc::clone(set),
            None => {
                let set = expired_fields(&scan, &names, &masks);
                sets.insert(masks.clone(), Arc::clone(&set));
                set
            }
        };
        if !expired.is_empty() {
            plan.values.push((record, expired));
        }
    }
    // The scan promises no order; the plan is read and logged in record order.
    plan.records.sort_unstable();
    plan.values.sort_unstable_by_key(|(record, _)| *record);
    Ok(plan)
}

/// The fields that a row's `masks`, one per rule of `scan`, name: sorted by name.
fn expired_fields(scan: &ValueScan, names: &[FieldName], masks: &[i64]) -> FieldSet {
    let mut expired: Vec<FieldName> = masks
        .iter()
        .enumerate()
        .flat_map(|(rule, &mask)| scan.fields(rule, mask).map(|index| names[index].clone()))
        .collect();
    expired.sort_unstable();
    expired.into()
}

/// `kluis purge`: erases what [`plan`] finds, one `UPDATE` per field and one `DELETE` for the
/// records left without values, each checked to change exactly the rows the plan counted.
/// The audit log gets one entry per run of consecutive records that keep something and lost
/// the same fields, and one per run of consecutive records erased as a whole, which names no
/// fields: which of them an erased person had filled is not kept either, and a purge of
/// every record logged an entry for nearly each one (98 % of the vault after a purge of
/// 100,000). Erasing does not count as a change, so the values kept keep their periods.
pub fn purge(
    conn: &Connection,
    schema: &SchemaView,
    now: OffsetDateTime,
) -> Result<PurgePlan, Error> {
    let plan = plan(conn, schema, now)?;
    // Records that lose every value go first, as rows: deleting a row (with `secure_delete`)
    // overwrites all its values at once, where nulling them field by field would rewrite it
    // once per field. The `UPDATE`s then only touch records that keep something.
    if !plan.records.is_empty() {
        erase_whole_records(conn, &plan.records)?;
    }
    let losing = values_kept_records_lose(&plan);
    for field in &schema.fields {
        if let Some(records) = losing.get(field.name.as_str()) {
            erase_values(conn, field, records)?;
        }
    }
    for (first, last, fields) in plan.partial_runs() {
        audit::write(
            conn,
            &NewEntry {
                action: action::PURGE,
                record: Some(first),
                record_last: (last != first).then_some(last),
                fields: fields.iter().map(|field| &**field).collect(),
                detail: Some("retention ran out".into()),
                ..NewEntry::default()
            },
            now,
        )?;
    }
    for (first, last) in plan.whole_runs() {
        audit::write(
            conn,
            &NewEntry {
                action: action::PURGE,
                record: Some(first),
                record_last: (last != first).then_some(last),
                detail: Some("record erased: no values left".into()),
                ..NewEntry::default()
            },
            now,
        )?;
    }
    Ok(plan)
}

/// Erases the value of `field`, and its segment of the search key, in each of `records`: the
/// plan's, decided in SQL within the same transaction, so the retention rule is not evaluated
/// a second time per field.
fn erase_values(conn: &Connection, field: &FieldInfo, records: &[RecordId]) -> Result<(), Error> {
    let column = value_column(field.id);
    let ids = serde_json::to_string(records).expect("ids serialise");
    let changed = conn
        .prepare(&format!(
            "UPDATE records SET {column} = NULL, search_key = {}
             WHERE id IN (SELECT value FROM json_each(?2)) AND {column} IS NOT NULL",
            search_key::WITHOUT_SEGMENT,
        ))?
        .execute((search_key::mark(field.id), ids))?;
    super::erase::expect_changed(changed, records.len(), || format!("field `{}`", field.name))
}

/// Deletes the records the plan empties, with their consents, restrictions and objections.
fn erase_whole_records(conn: &Connection, records: &[RecordId]) -> Result<(), Error> {
    let changed = super::erase::delete_records(conn, records)?;
    super::erase::expect_changed(changed, records.len(), || {
        "the records left without values".into()
    })
}

/// For each field, the records that keep some value but lose this one: what the per-field
/// `UPDATE`s erase once the emptied records are gone.
fn values_kept_records_lose(plan: &PurgePlan) -> HashMap<FieldName, Vec<RecordId>> {
    let whole: std::collections::HashSet<RecordId> = plan.records.iter().copied().collect();
    let mut losing: HashMap<FieldName, Vec<RecordId>> = HashMap::new();
    for (record, fields) in &plan.values {
        if !whole.contains(record) {
            for field in fields.iter() {
                losing.entry(field.clone()).or_default().push(*record);
            }
        }
    }
    losing
}

/// Runs of consecutive record ids that share the same field names, as (first, last, fields):
/// one audit entry covers each run, as an import's entry covers its records.
fn runs<'a>(
    values: impl IntoIterator<Item = (RecordId, &'a [FieldName])>,
) -> Vec<(RecordId, RecordId, &'a [FieldName])> {
    let mut runs: Vec<(RecordId, RecordId, &[FieldName])> = Vec::new();
    for (record, fields) in values {
        match runs.last_mut() {
            Some((_, last, same)) if *last + 1 == record && *same == fields => *last = record,
            _ => runs.push((record, record, fields)),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::consent::{give_consent, withdraw_consent};
    use crate::records::record::{add, edit, get, load};
    use crate::records::testing::{T0, at, field, pairs, purpose, shop};

    fn set(names: &[&str]) -> FieldSet {
        names.iter().map(|&name| FieldName::from(name)).collect()
    }

    #[test]
    fn a_plan_counts_its_values_per_field() {
        let plan = PurgePlan {
            values: vec![(1, set(&["name", "phone"])), (2, set(&["phone"]))],
            records: vec![1],
        };
        assert_eq!(
            plan.by_field(),
            [("name".to_string(), 1), ("phone".to_string(), 2)]
        );
        assert!(PurgePlan::default().by_field().is_empty());
    }

    /// One rule's mask holds 62 fields; the 63rd and later go to another column.
    #[test]
    fn a_rule_over_more_fields_than_one_mask_holds_decides_them_all() {
        let (conn, _) = shop();
        let names: Vec<String> = (0..70).map(|n| format!("extra{n}")).collect();
        for name in &names {
            crate::records::testing::field(&conn, name, "text", false, &["customer-admin"]);
        }
        let schema = SchemaView::load(&conn).unwrap();
        // name, required, is kept by bookkeeping for seven years.
        let mut values: Vec<(&str, &str)> = vec![("name", "Jan")];
        values.extend(names.iter().map(|name| (name.as_str(), "x")));
        let id = add(&conn, &schema, &pairs(&values), at(T0)).unwrap();
        let now = at(T0) + Duration::days(731);
        let expected = plan_in_rust(&conn, &schema, now);
        let mut held = names.clone();
        held.sort_unstable();
        let held: FieldSet = held.iter().map(|name| name.as_str().into()).collect();
        assert_eq!(expected.values, [(id, held)]);
        assert_eq!(plan(&conn, &schema, now).unwrap(), expected);
        let report = crate::records::check::check(&conn, &schema, now).unwrap();
        let past: Vec<String> = report
            .findings
            .iter()
            .filter_map(|f| match &f.facts {
                crate::records::check::Facts::PastRetention { field, records } => {
                    assert_eq!(records, &[id]);
                    Some(field.clone())
                }
                _ => None,
            })
            .collect();
        assert_eq!(past.len(), names.len(), "{past:?}");
    }

    #[test]
    fn a_value_goes_only_when_all_its_purposes_ran_out() {
        let (conn, schema) = shop();
        // phone: customer-admin (730d); name: also bookkeeping (2555d).
        let id = add(
            &conn,
            &schema,
            &pairs(&[("name", "Jan"), ("phone", "0612345678")]),
            at(T0),
        )
        .unwrap();
        assert!(
            plan(&conn, &schema, at("2031-12-31T00:00:00Z"))
                .unwrap()
                .is_empty()
        );
        let plan_2032 = plan(&conn, &schema, at("2032-01-01T00:00:00Z")).unwrap();
        assert_eq!(plan_2032.values, [(id, set(&["phone"]))]);
        assert!(plan_2032.records.is_empty());
        let done = purge(&conn, &schema, at("2032-01-01T00:00:00Z")).unwrap();
        assert_eq!(done, plan_2032);
        let record = get(&conn, &schema, id).unwrap();
        assert_eq!(record.values, [("name".to_string(), "Jan".to_string())]);
        assert_eq!(record.updated_at, T0, "purging is not a change");
        let everything = purge(&conn, &schema, at("2037-01-01T00:00:00Z")).unwrap();
        assert_eq!(everything.records, [id]);
        assert!(load(&conn, &schema, None).unwrap().is_empty());
        let log = audit::entries(&conn, Some(id)).unwrap();
        // The phone in 2032; in 2037 the record as a whole, without naming its last field.
        assert_eq!(log.iter().filter(|e| e.action == "purge").count(), 2);
    }

    #[test]
    fn periods_count_from_the_last_change() {
        let (conn, schema) = shop();
        let id = add(
            &conn,
            &schema,
            &pairs(&[("name", "Jan"), ("phone", "0612345678")]),
            at(T0),
        )
        .unwrap();
        edit(
            &conn,
            &schema,
            id,
            &pairs(&[("name", "Jan de Vries")]),
            at("2031-01-01T00:00:00Z"),
        )
        .unwrap();
        assert!(
            plan(&conn, &schema, at("2032-06-01T00:00:00Z"))
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn consent_holds_a_value_until_withdrawal_starts_its_period() {
        let (conn, schema) = shop();
        // interests serves only newsletter (consent, 730d).
        let id = add(
            &conn,
            &schema,
            &pairs(&[("name", "Jan"), ("interests", "brood")]),
            at(T0),
        )
        .unwrap();
        give_consent(&conn, &schema, id, "newsletter", "cli", at(T0)).unwrap();
        assert!(
            plan(&conn, &schema, at("2040-01-01T00:00:00Z"))
                .unwrap()
                .values
                .iter()
                .all(|(_, fields)| !fields.contains(&"interests".into()))
        );
        withdraw_consent(&conn, &schema, id, "newsletter", at("2035-01-01T00:00:00Z")).unwrap();
        let before = plan(&conn, &schema, at("2036-12-30T00:00:00Z")).unwrap();
        assert!(
            !before
                .values
                .iter()
                .any(|(_, f)| f.contains(&"interests".into()))
        );
        let after = plan(&conn, &schema, at("2037-01-01T00:00:00Z")).unwrap();
        assert!(
            after
                .values
                .iter()
                .any(|(_, f)| f.contains(&"interests".into()))
        );
    }

    #[test]
    fn consent_never_given_counts_from_the_last_change() {
        let (conn, schema) = shop();
        add(
            &conn,
            &schema,
            &pairs(&[("name", "Jan"), ("interests", "brood")]),
            at(T0),
        )
        .unwrap();
        assert!(
            plan(&conn, &schema, at("2030-01-02T00:00:00Z"))
                .unwrap()
                .is_empty()
        );
        assert!(
            !plan(&conn, &schema, at("2032-01-01T00:00:00Z"))
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn a_purpose_with_only_a_note_never_expires_by_itself() {
        let (conn, _) = shop();
        purpose(&conn, "warranty", "contract", None);
        field(&conn, "serial", "text", false, &["warranty"]);
        let schema = SchemaView::load(&conn).unwrap();
        add(
            &conn,
            &schema,
            &pairs(&[("name", "Jan"), ("serial", "X1")]),
            at(T0),
        )
        .unwrap();
        let plan = plan(&conn, &schema, at("2099-01-01T00:00:00Z")).unwrap();
        assert!(plan.records.is_empty());
        assert!(!plan.values[0].1.contains(&"serial".into()));
    }

    #[test]
    fn written_periods_count_on_the_calendar() {
        let (conn, _) = shop();
        conn.execute(
            "UPDATE purposes SET retention_spec = '1m', retention_days = 30 WHERE name = 'customer-admin'",
            [],
        )
        .unwrap();
        let schema = SchemaView::load(&conn).unwrap();
        let admin = schema.purpose("customer-admin").unwrap();
        assert_eq!(
            period_end(admin, at("2030-01-31T00:00:00Z")),
            Some(at("2030-02-28T00:00:00Z"))
        );
        let bookkeeping = schema.purpose("bookkeeping").unwrap();
        assert_eq!(
            period_end(bookkeeping, at(T0)),
            Some(at("2036-12-30T00:00:00Z"))
        );
    }

    /// Jan, with a name and an IBAN, erased on request at T0: a law keeps both values.
    fn erased_but_kept_for_bookkeeping(conn: &Connection, schema: &SchemaView) -> RecordId {
        let id = add(
            conn,
            schema,
            &pairs(&[("name", "Jan"), ("iban", "NL01")]),
            at(T0),
        )
        .unwrap();
        let erasure = crate::records::erase::delete(conn, schema, id, false, at(T0)).unwrap();
        assert_eq!(erasure.kept.len(), 2);
        id
    }

    #[test]
    fn purge_erases_values_kept_by_delete_once_the_legal_obligation_ends() {
        let (conn, _) = shop();
        // A contract purpose with only a note would otherwise hold `name` forever after the
        // person asked for erasure.
        purpose(&conn, "warranty", "contract", None);
        conn.execute(
            "INSERT INTO field_purposes SELECT f.id, p.id FROM fields f, purposes p
             WHERE f.name = 'name' AND p.name = 'warranty'",
            [],
        )
        .unwrap();
        let schema = SchemaView::load(&conn).unwrap();
        let id = erased_but_kept_for_bookkeeping(&conn, &schema);
        let before_end = plan(&conn, &schema, at("2036-12-29T00:00:00Z")).unwrap();
        assert!(before_end.is_empty(), "{before_end:?}");
        let after_end = plan(&conn, &schema, at("2036-12-30T00:00:00Z")).unwrap();
        assert_eq!(after_end.records, [id]);
        assert_eq!(after_end.values, [(id, set(&["iban", "name"]))]);
        let report =
            crate::records::check::check(&conn, &schema, at("2036-12-30T00:00:00Z")).unwrap();
        assert!(
            report.findings.iter().any(|f| f.code == "past-retention"),
            "{report:?}"
        );
    }

    /// `check` and `purge` read only the rows an index or a small table names. A value kept
    /// after an erasure request because of a law is due at once when the law no longer
    /// covers its field, while no period of the record has run out: the rows that asked
    /// for erasure are read for it.
    #[test]
    fn a_value_kept_after_erasure_is_due_once_its_law_no_longer_covers_it() {
        let (conn, schema) = shop();
        let id = erased_but_kept_for_bookkeeping(&conn, &schema);
        conn.execute(
            "DELETE FROM field_purposes WHERE field_id = (SELECT id FROM fields WHERE name = 'name')
             AND purpose_id = (SELECT id FROM purposes WHERE name = 'bookkeeping')",
            [],
        )
        .unwrap();
        let schema = SchemaView::load(&conn).unwrap();
        let plan = plan(&conn, &schema, at("2030-01-02T00:00:00Z")).unwrap();
        assert_eq!(plan.values, [(id, set(&["name"]))]);
    }

    /// A record left without values (its fields removed) is erased as a whole, whatever the
    /// periods: no rule holds for it, so it is found apart from the rows that are due.
    #[test]
    fn a_record_without_values_is_planned_for_erasure() {
        let (conn, schema) = shop();
        let id = add(&conn, &schema, &pairs(&[("name", "Jan")]), at(T0)).unwrap();
        let name = crate::schema::value_column(schema.field("name").unwrap().id);
        conn.execute(&format!("UPDATE records SET {name} = NULL"), [])
            .unwrap();
        let plan = plan(&conn, &schema, at(T0)).unwrap();
        assert_eq!(plan.records, [id]);
        assert!(plan.values.is_empty());
    }

    #[test]
    fn delete_names_the_legal_obligation_that_keeps_a_value_longest() {
        let (conn, _) = shop();
        // Sorts before `bookkeeping` (2555 days) and ends sooner.
        purpose(
            &conn,
            "anti-money-laundering",
            "legal-obligation",
            Some(1825),
        );
        conn.execute(
            "INSERT INTO field_purposes SELECT f.id, p.id FROM fields f, purposes p
             WHERE f.name = 'iban' AND p.name = 'anti-money-laundering'",
            [],
        )
        .unwrap();
        let schema = SchemaView::load(&conn).unwrap();
        let iban = schema.field("iban").unwrap();
        let (purpose, until) =
            legal_hold(&schema, iban, RecordMoments::at(at(T0)), at(T0)).unwrap();
        assert_eq!(purpose.name, "bookkeeping");
        assert_eq!(until, Some(at("2036-12-30T00:00:00Z")));
    }

    #[test]
    fn a_new_record_after_an_erasure_gets_a_new_id_and_no_erasure_request() {
        let (conn, _) = shop();
        purpose(&conn, "warranty", "contract", None);
        conn.execute(
            "INSERT INTO field_purposes SELECT f.id, p.id FROM fields f, purposes p
             WHERE f.name = 'name' AND p.name = 'warranty'",
            [],
        )
        .unwrap();
        let schema = SchemaView::load(&conn).unwrap();
        let first = add(&conn, &schema, &pairs(&[("name", "Jan")]), at(T0)).unwrap();
        crate::records::erase::delete(&conn, &schema, first, true, at(T0)).unwrap();
        let second = add(&conn, &schema, &pairs(&[("name", "Piet")]), at(T0)).unwrap();
        assert_ne!(
            first, second,
            "AUTOINCREMENT: an erased person's id is never reused"
        );
        let plan = plan(&conn, &schema, at("2099-01-01T00:00:00Z")).unwrap();
        assert!(plan.is_empty(), "{plan:?}");
    }

    #[test]
    fn values_stored_after_an_erasure_request_follow_the_normal_rule() {
        let (conn, _) = shop();
        purpose(&conn, "warranty", "contract", None);
        conn.execute(
            "INSERT INTO field_purposes SELECT f.id, p.id FROM fields f, purposes p
             WHERE f.name = 'name' AND p.name = 'warranty'",
            [],
        )
        .unwrap();
        let schema = SchemaView::load(&conn).unwrap();
        let id = add(&conn, &schema, &pairs(&[("name", "Jan")]), at(T0)).unwrap();
        crate::records::erase::delete(&conn, &schema, id, false, at(T0)).unwrap();
        edit(&conn, &schema, id, &pairs(&[("name", "Jan V")]), at(T0)).unwrap();
        let plan = plan(&conn, &schema, at("2099-01-01T00:00:00Z")).unwrap();
        assert!(plan.is_empty(), "{plan:?}");
    }

    /// A purpose counted from `from`, serving one new field `note`; returns the fresh view.
    fn counted_from(conn: &Connection, basis: &str, days: Option<i64>, from: &str) -> SchemaView {
        purpose(conn, "counted", basis, days);
        conn.execute(
            "UPDATE purposes SET retention_from = ?1 WHERE name = 'counted'",
            [from],
        )
        .unwrap();
        field(conn, "note", "text", false, &["counted"]);
        SchemaView::load(conn).unwrap()
    }

    fn erases_note(conn: &Connection, schema: &SchemaView, now: &str) -> bool {
        plan(conn, schema, at(now))
            .unwrap()
            .values
            .iter()
            .any(|(_, fields)| fields.contains(&"note".into()))
    }

    /// A month from 30 January at 10:00 ends on 28 February at 10:00, the day clamped to
    /// February's length. The rows `check` and `purge` read are chosen by an index range up
    /// to the latest start that can be due; a range that stopped at the starts due whatever
    /// the time of day would miss this one.
    #[test]
    fn a_period_ending_on_a_clamped_month_end_is_found_at_its_time_of_day() {
        let (conn, _) = shop();
        counted_from(&conn, "contract", Some(30), "last-change");
        conn.execute(
            "UPDATE purposes SET retention_spec = '1m' WHERE name = 'counted'",
            [],
        )
        .unwrap();
        let schema = SchemaView::load(&conn).unwrap();
        add(
            &conn,
            &schema,
            &pairs(&[("name", "Jan"), ("note", "x")]),
            at("2031-01-30T10:00:00Z"),
        )
        .unwrap();
        assert!(!erases_note(&conn, &schema, "2031-02-28T09:59:59Z"));
        assert!(erases_note(&conn, &schema, "2031-02-28T12:00:00Z"));
        let report =
            crate::records::check::check(&conn, &schema, at("2031-02-28T12:00:00Z")).unwrap();
        assert!(
            report.findings.iter().any(|f| matches!(&f.facts,
                crate::records::check::Facts::PastRetention { field, .. } if field == "note")),
            "{report:?}"
        );
    }

    #[test]
    fn created_counts_from_the_records_creation_not_its_last_change() {
        let (conn, _) = shop();
        let schema = counted_from(&conn, "contract", Some(30), "created");
        let id = add(
            &conn,
            &schema,
            &pairs(&[("name", "Jan"), ("note", "x")]),
            at(T0),
        )
        .unwrap();
        edit(
            &conn,
            &schema,
            id,
            &pairs(&[("note", "y")]),
            at("2030-01-25T00:00:00Z"),
        )
        .unwrap();
        assert!(!erases_note(&conn, &schema, "2030-01-30T00:00:00Z"));
        assert!(erases_note(&conn, &schema, "2030-01-31T00:00:00Z"));
    }

    #[test]
    fn last_change_counts_from_the_records_last_change() {
        let (conn, _) = shop();
        let schema = counted_from(&conn, "contract", Some(30), "last-change");
        let id = add(
            &conn,
            &schema,
            &pairs(&[("name", "Jan"), ("note", "x")]),
            at(T0),
        )
        .unwrap();
        edit(
            &conn,
            &schema,
            id,
            &pairs(&[("note", "y")]),
            at("2030-01-25T00:00:00Z"),
        )
        .unwrap();
        assert!(!erases_note(&conn, &schema, "2030-02-23T00:00:00Z"));
        assert!(erases_note(&conn, &schema, "2030-02-24T00:00:00Z"));
    }

    #[test]
    fn consent_withdrawn_counts_from_the_withdrawal() {
        let (conn, _) = shop();
        let schema = counted_from(&conn, "consent", Some(30), "consent-withdrawn");
        let id = add(
            &conn,
            &schema,
            &pairs(&[("name", "Jan"), ("note", "x")]),
            at(T0),
        )
        .unwrap();
        give_consent(&conn, &schema, id, "counted", "cli", at(T0)).unwrap();
        assert!(!erases_note(&conn, &schema, "2040-01-01T00:00:00Z"));
        withdraw_consent(&conn, &schema, id, "counted", at("2035-01-01T00:00:00Z")).unwrap();
        assert!(!erases_note(&conn, &schema, "2035-01-30T00:00:00Z"));
        assert!(erases_note(&conn, &schema, "2035-01-31T00:00:00Z"));
    }

    #[test]
    fn consent_withdrawn_alone_ends_at_the_withdrawal() {
        let (conn, _) = shop();
        let schema = counted_from(&conn, "consent", None, "consent-withdrawn");
        let id = add(
            &conn,
            &schema,
            &pairs(&[("name", "Jan"), ("note", "x")]),
            at(T0),
        )
        .unwrap();
        give_consent(&conn, &schema, id, "counted", "cli", at(T0)).unwrap();
        assert!(!erases_note(&conn, &schema, "2040-01-01T00:00:00Z"));
        withdraw_consent(&conn, &schema, id, "counted", at("2035-01-01T00:00:00Z")).unwrap();
        assert!(!erases_note(&conn, &schema, "2034-12-31T00:00:00Z"));
        assert!(erases_note(&conn, &schema, "2035-01-01T00:00:00Z"));
    }

    /// kluis does not know when a contract ends: such values never expire by themselves, and
    /// `check` asks for a review by hand.
    #[test]
    fn end_of_contract_never_expires_and_is_reviewed_by_hand() {
        for days in [Some(30), None] {
            let (conn, _) = shop();
            let schema = counted_from(&conn, "contract", days, "end-of-contract");
            add(
                &conn,
                &schema,
                &pairs(&[("name", "Jan"), ("note", "x")]),
                at(T0),
            )
            .unwrap();
            assert!(!erases_note(&conn, &schema, "2129-01-01T00:00:00Z"));
            let report = crate::records::check::check(&conn, &schema, at(T0)).unwrap();
            assert!(
                report.findings.iter().any(|f| matches!(&f.facts,
                        crate::records::check::Facts::ManualRetention { purpose, .. }
                            if purpose == "counted")),
                "{report:?}"
            );
        }
    }

    /// The plan as the Rust rule made it before the SQL one: the reference.
    fn plan_in_rust(conn: &Connection, schema: &SchemaView, now: OffsetDateTime) -> PurgePlan {
        let holdings = Holdings::load(conn).unwrap();
        let mut plan = PurgePlan::default();
        for &(record, _) in &holdings.records {
            let held: Vec<&FieldInfo> = holdings
                .values
                .iter()
                .filter(|(r, _)| *r == record)
                .filter_map(|(_, f)| schema.field_by_id(*f))
                .collect();
            let mut expired: Vec<FieldName> = held
                .iter()
                .filter(|field| holdings.past_retention(schema, field, record, now))
                .map(|field| field.name.as_str().into())
                .collect();
            expired.sort_unstable();
            if expired.len() == held.len() {
                plan.records.push(record);
            }
            if !expired.is_empty() {
                plan.values.push((record, expired.into()));
            }
        }
        plan
    }

    /// One random person: when added, which values, consent given or withdrawn when, a
    /// later edit, an erasure request.
    type Person = (u16, u8, u8, u16, u16, bool);

    fn day(days: u16) -> OffsetDateTime {
        at(T0) + Duration::days(i64::from(days)) + Duration::seconds(i64::from(days) * 3_541)
    }

    fn fill(people: &[Person]) -> (Connection, SchemaView) {
        let (conn, _) = shop();
        // Calendar periods too, with month-end clamping: consent counted from withdrawal.
        conn.execute_batch(
            "UPDATE purposes SET retention_spec = '13m' WHERE name = 'newsletter';
             UPDATE purposes SET retention_spec = '7y', retention_from = 'created'
                 WHERE name = 'bookkeeping';",
        )
        .unwrap();
        let schema = SchemaView::load(&conn).unwrap();
        for &(added, values, consent, withdrawn, edited, erased) in people {
            let mut pairs_ = vec![("name", "Jan")];
            for (bit, field, value) in [
                (1, "email", "j@example.nl"),
                (2, "phone", "0612345678"),
                (4, "iban", "NL01"),
                (8, "interests", "brood"),
            ] {
                if values & bit != 0 {
                    pairs_.push((field, value));
                }
            }
            let id = add(&conn, &schema, &pairs(&pairs_), day(added)).unwrap();
            if consent % 3 > 0 {
                give_consent(&conn, &schema, id, "newsletter", "cli", day(added)).unwrap();
            }
            if consent % 3 == 2 {
                withdraw_consent(
                    &conn,
                    &schema,
                    id,
                    "newsletter",
                    day(added + withdrawn % 900),
                )
                .unwrap();
            }
            if edited % 2 == 1 {
                edit(
                    &conn,
                    &schema,
                    id,
                    &pairs(&[("phone", "0687654321")]),
                    day(added + edited % 1000),
                )
                .unwrap();
            }
            if erased {
                crate::records::erase::delete(&conn, &schema, id, false, day(added + 400)).unwrap();
            }
        }
        (conn, schema)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// The plan, `check`'s past-retention lists and the erasure in SQL agree with the
        /// Rust rule on random people, times and consents.
        #[test]
        fn the_plan_in_sql_is_the_plan_in_rust(
            people in proptest::collection::vec(
                (0u16..2000, 0u8..16, 0u8..3, 0u16..900, 0u16..1000, proptest::bool::weighted(0.2)),
                1..12,
            ),
            later in 0u16..4000,
        ) {
            let (conn, schema) = fill(&people);
            let now = day(later);
            let expected = plan_in_rust(&conn, &schema, now);
            proptest::prop_assert_eq!(plan(&conn, &schema, now).unwrap(), expected.clone());
            let holdings = Holdings::load(&conn).unwrap();
            let report = crate::records::check::check(&conn, &schema, now).unwrap();
            for field in &schema.fields {
                let past: Vec<RecordId> = holdings
                    .values
                    .iter()
                    .filter(|(r, f)| *f == field.id && holdings.past_retention(&schema, field, *r, now))
                    .map(|(r, _)| *r)
                    .collect();
                let reported = report.findings.iter().find_map(|f| match &f.facts {
                    crate::records::check::Facts::PastRetention { field: name, records }
                        if *name == field.name => Some(records.clone()),
                    _ => None,
                });
                proptest::prop_assert_eq!(reported.unwrap_or_default(), past);
            }
            proptest::prop_assert_eq!(purge(&conn, &schema, now).unwrap(), expected);
            proptest::prop_assert!(plan(&conn, &schema, now).unwrap().is_empty());
        }
    }

    /// A record that goes whole is left out of the runs of values, and breaks them.
    #[test]
    fn a_plan_reads_as_runs_of_consecutive_records() {
        let (a, b) = (set(&["a"]), set(&["b"]));
        let plan = PurgePlan {
            values: [(1, &a), (2, &a), (3, &a), (4, &b), (5, &b), (6, &b)]
                .map(|(record, fields)| (record, fields.clone()))
                .to_vec(),
            records: vec![3, 5, 6],
        };
        assert_eq!(plan.partial_runs(), [(1, 2, &a[..]), (4, 4, &b[..])]);
        assert_eq!(plan.whole_runs(), [(3, 3), (5, 6)]);
    }

    #[test]
    fn runs_of_consecutive_records_share_one_entry() {
        let values: Vec<(RecordId, FieldSet)> = vec![
            (1, set(&["a"])),
            (2, set(&["a"])),
            (3, set(&["b"])),
            (5, set(&["b"])),
        ];
        let runs = runs(values.iter().map(|(record, fields)| (*record, &fields[..])));
        let shape: Vec<(RecordId, RecordId, usize)> = runs
            .iter()
            .map(|(f, l, names)| (*f, *l, names.len()))
            .collect();
        assert_eq!(shape, [(1, 2, 1), (3, 3, 1), (5, 5, 1)]);
    }

    /// Regression: a purge logged the fields of every record it erased as a whole, so the
    /// log kept, for each erased person, which fields they had filled.
    #[test]
    fn a_record_purged_as_a_whole_is_logged_without_its_fields() {
        let (conn, schema) = shop();
        for values in [
            [("name", "Jan"), ("phone", "0612345678")],
            [("name", "Piet"), ("email", "piet@example.nl")],
        ] {
            add(&conn, &schema, &pairs(&values), at(T0)).unwrap();
        }
        purge(&conn, &schema, at("2039-01-01T00:00:00Z")).unwrap();
        let purges: Vec<audit::Entry> = audit::entries(&conn, None)
            .unwrap()
            .into_iter()
            .filter(|entry| entry.action == "purge")
            .collect();
        let [entry] = &purges[..] else {
            panic!("one purge entry, not {purges:?}");
        };
        assert_eq!((entry.record, entry.record_last), (Some(1), Some(2)));
        assert_eq!(entry.fields, Vec::<String>::new(), "no fields named");
        assert_eq!(
            entry.detail.as_deref(),
            Some("record erased: no values left")
        );
    }

    #[test]
    fn a_trigger_that_skips_the_erasure_fails_the_purge() {
        let (conn, schema) = shop();
        add(
            &conn,
            &schema,
            &pairs(&[("name", "Jan"), ("phone", "0612345678")]),
            at(T0),
        )
        .unwrap();
        let column = value_column(schema.field("phone").unwrap().id);
        conn.execute_batch(&format!(
            "CREATE TRIGGER keep BEFORE UPDATE OF {column} ON records
             BEGIN SELECT RAISE(IGNORE); END;"
        ))
        .unwrap();
        let error = purge(&conn, &schema, at("2032-01-01T00:00:00Z")).unwrap_err();
        assert!(
            matches!(
                error,
                Error::ErasureMismatch {
                    expected: 1,
                    changed: 0,
                    ..
                }
            ),
            "{error:?}"
        );
    }
}
