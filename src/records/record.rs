//! Adding, reading and editing records. Values enter only through the schema: an unknown
//! field is refused (data minimisation) and every value is normalised by its field's type.

use std::borrow::Cow;

use rusqlite::{CachedStatement, Connection, OptionalExtension, params};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::audit::{self, NewEntry, action};
use super::search;
use super::view::{FieldInfo, SchemaView};
use super::{Error, RecordId};
use crate::clock;
use crate::schema::model::FieldType;
use crate::schema::value::{self, Context, is_blank};
use crate::schema::value_column;
use crate::vault::search_key;

/// A record with the values it holds, in schema (field name) order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: RecordId,
    pub created_at: String,
    pub updated_at: String,
    /// (field name, value) for every field that has a value.
    pub values: Vec<(String, String)>,
}

impl Record {
    pub fn value(&self, field: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, value)| value.as_str())
    }

    /// `{"id": 1, "<field>": "<value>" | null, ...}` with one key per listed field.
    pub fn to_json(&self, fields: &[&str]) -> Value {
        let mut object = Map::new();
        object.insert("id".into(), Value::from(self.id));
        for &field in fields {
            let value = self.value(field).map_or(Value::Null, Value::from);
            object.insert(field.to_owned(), value);
        }
        Value::Object(object)
    }
}

/// Splits `field=value` arguments. A malformed argument is named by position only: it may
/// well be a value typed without its field name.
pub fn parse_assignments<S: AsRef<str>>(args: &[S]) -> Result<Vec<(String, String)>, Error> {
    args.iter()
        .enumerate()
        .map(|(index, arg)| {
            let position = index + 1;
            let (name, value) = arg
                .as_ref()
                .split_once('=')
                .ok_or(Error::NotAnAssignment { position })?;
            if !is_field_name(name) {
                return Err(Error::BadFieldName { position });
            }
            Ok((name.to_owned(), value.to_owned()))
        })
        .collect()
}

/// The shape the schema gives field names; anything else is not echoed back in an error.
pub(super) fn is_field_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && name.len() <= 64
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

fn known_field<'a>(schema: &'a SchemaView, name: &str) -> Result<&'a FieldInfo, Error> {
    schema.field(name).ok_or_else(|| Error::UnknownField {
        field: name.to_owned(),
    })
}

/// Validates and normalises one value by its field's type.
pub fn normalize(field: &FieldInfo, raw: &str) -> Result<String, Error> {
    normalize_in(field, raw, &Context::default())
}

/// [`normalize`] in a context: the record's country.
fn normalize_in(field: &FieldInfo, raw: &str, context: &Context) -> Result<String, Error> {
    value::normalize_in(field.field_type, raw, context)
        .map(Cow::into_owned)
        .map_err(|error| Error::InvalidValue {
            field: field.name.clone(),
            rule: error.to_string(),
            hint: Some(error.hint().to_owned()),
        })
}

/// The context of a record's values: its country, from the input's country field when it
/// gives one, else `stored` (the record's country already in the vault), else the
/// Netherlands. An invalid country is refused when its own value is checked.
fn record_context(
    schema: &SchemaView,
    input: &[(String, String)],
    stored: Option<&str>,
) -> Context {
    let given = input.iter().find_map(|(name, raw)| {
        let field = schema.field(name)?;
        (field.field_type == FieldType::Country && !raw.trim().is_empty()).then_some(raw.as_str())
    });
    let country = given
        .or(stored)
        .and_then(|text| value::normalize_in(FieldType::Country, text, &Context::default()).ok())
        .and_then(|code| crate::schema::country::country(&code))
        .map_or("NL", |country| country.code);
    Context {
        country,
        ..Context::default()
    }
}

/// Every country a record's values may have been read in ([`record_context`]): the
/// Netherlands, and each country a country field holds. `find` reads a phone number or a
/// postcode in each, so that it is searched as it was stored.
pub(super) fn record_countries(
    conn: &Connection,
    schema: &SchemaView,
) -> Result<Vec<&'static str>, Error> {
    let mut countries = vec!["NL"];
    let country_fields = schema.fields.iter();
    for field in country_fields.filter(|f| f.field_type == FieldType::Country) {
        let column = value_column(field.id);
        let mut statement = conn.prepare(&format!(
            "SELECT DISTINCT {column} FROM records WHERE {column} IS NOT NULL"
        ))?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let stored: String = row.get(0)?;
            let country = crate::schema::country::country(&stored);
            if let Some(code) = country.map(|country| country.code)
                && !countries.contains(&code)
            {
                countries.push(code);
            }
        }
    }
    Ok(countries)
}

/// The country stored in the record's first country field, if the schema has one.
fn stored_country(
    conn: &Connection,
    schema: &SchemaView,
    record: RecordId,
) -> Result<Option<String>, Error> {
    let Some(field) = schema
        .fields
        .iter()
        .find(|f| f.field_type == FieldType::Country)
    else {
        return Ok(None);
    };
    let value = conn
        .prepare_cached(&format!(
            "SELECT {} FROM records WHERE id = ?1",
            value_column(field.id)
        ))?
        .query_row([record], |row| row.get(0))
        .optional()?;
    Ok(value.flatten())
}

fn refuse_duplicates(input: &[(String, String)]) -> Result<(), Error> {
    for (index, (name, _)) in input.iter().enumerate() {
        if input[..index].iter().any(|(earlier, _)| earlier == name) {
            return Err(Error::DuplicateField {
                field: name.clone(),
            });
        }
    }
    Ok(())
}

/// Checks a new record's values: known fields, valid values, every required field present.
/// An empty value (`field=`) counts as not given. Returns (field id, normalised value).
pub fn validate_new(
    schema: &SchemaView,
    input: &[(String, String)],
) -> Result<Vec<(i64, String)>, Error> {
    refuse_duplicates(input)?;
    let context = record_context(schema, input, None);
    let mut values = Vec::with_capacity(input.len());
    for (name, raw) in input {
        let field = known_field(schema, name)?;
        if is_blank(field.field_type, raw) {
            continue;
        }
        values.push((field.id, normalize_in(field, raw, &context)?));
    }
    if let Some(missing) = schema
        .fields
        .iter()
        .find(|f| f.required && !values.iter().any(|(id, _)| *id == f.id))
    {
        return Err(Error::MissingRequired {
            field: missing.name.clone(),
        });
    }
    if values.is_empty() {
        return Err(Error::NoValues);
    }
    Ok(values)
}

/// Checks an edit: known fields, valid values; an empty value clears a field that is not
/// required. `stored_country` is the record's country already in the vault, for its postcode
/// and phone numbers when the edit does not set one. Returns (field id, new value or `None`
/// to clear).
pub fn validate_changes(
    schema: &SchemaView,
    input: &[(String, String)],
    stored_country: Option<&str>,
) -> Result<Vec<(i64, Option<String>)>, Error> {
    refuse_duplicates(input)?;
    let context = record_context(schema, input, stored_country);
    input
        .iter()
        .map(|(name, raw)| {
            let field = known_field(schema, name)?;
            if is_blank(field.field_type, raw) {
                if field.required {
                    return Err(Error::ClearRequired {
                        field: field.name.clone(),
                    });
                }
                return Ok((field.id, None));
            }
            Ok((field.id, Some(normalize_in(field, raw, &context)?)))
        })
        .collect()
}

/// Inserts a record from values already validated by [`validate_new`] and logs it, with
/// `origin` (e.g. `cli`, `import`) as the audit detail.
pub fn insert_record(
    conn: &Connection,
    schema: &SchemaView,
    values: &[(i64, String)],
    origin: &str,
    now: OffsetDateTime,
) -> Result<RecordId, Error> {
    let id = Inserter::new(conn, schema, now)?.insert(values)?;
    let fields = field_names(schema, values.iter().map(|(id, _)| *id));
    audit::write(
        conn,
        &NewEntry {
            action: action::ADD,
            record: Some(id),
            fields,
            detail: Some(format!("via {origin}")),
            ..NewEntry::default()
        },
        now,
    )?;
    Ok(id)
}

/// The parameter of the first value column in [`Inserter`]'s statement: after the time and
/// the search key.
const FIRST_VALUE: usize = 3;

/// Writes records as single rows of `records`, one column per field, with one statement
/// prepared for the whole schema: a bulk import binds and steps it once per record.
pub struct Inserter<'conn> {
    conn: &'conn Connection,
    statement: CachedStatement<'conn>,
    field_ids: Vec<i64>,
}

impl<'conn> Inserter<'conn> {
    /// Records inserted through this one are created (and last changed) at `now`.
    pub fn new(
        conn: &'conn Connection,
        schema: &SchemaView,
        now: OffsetDateTime,
    ) -> Result<Self, Error> {
        let field_ids: Vec<i64> = schema.fields.iter().map(|f| f.id).collect();
        let columns = value_columns(schema);
        let placeholders: String = (0..field_ids.len())
            .map(|index| format!(", ?{}", index + FIRST_VALUE))
            .collect();
        let mut statement = conn.prepare_cached(&format!(
            "INSERT INTO records (created_at, updated_at, search_key{columns})
             VALUES (?1, ?1, ?2{placeholders})"
        ))?;
        statement.raw_bind_parameter(1, clock::format(now))?;
        Ok(Inserter {
            conn,
            statement,
            field_ids,
        })
    }

    /// Inserts one record holding `values` (field id, normalised value) and returns its id.
    /// Fields without a value stay NULL.
    pub fn insert<V: AsRef<str>>(&mut self, values: &[(i64, V)]) -> Result<RecordId, Error> {
        let key = search_key::key_of(values.iter().map(|(id, value)| (*id, value.as_ref())));
        self.insert_keyed(values, &key)
    }

    /// [`Self::insert`] with the record's search key already built from the same `values`
    /// ([`search_key::key_of`]), for an import that builds it on another thread.
    pub(crate) fn insert_keyed<V: AsRef<str>>(
        &mut self,
        values: &[(i64, V)],
        search_key: &str,
    ) -> Result<RecordId, Error> {
        self.statement.raw_bind_parameter(2, search_key)?;
        for (index, field_id) in self.field_ids.iter().enumerate() {
            let value = values
                .iter()
                .find(|(id, _)| id == field_id)
                .map(|(_, value)| value.as_ref());
            self.statement
                .raw_bind_parameter(index + FIRST_VALUE, value)?;
        }
        self.statement.raw_execute()?;
        Ok(self.conn.last_insert_rowid())
    }
}

fn field_names(schema: &SchemaView, ids: impl Iterator<Item = i64>) -> Vec<&str> {
    let mut names: Vec<&str> = ids
        .filter_map(|id| schema.field_by_id(id).map(|f| f.name.as_str()))
        .collect();
    names.sort_unstable();
    names
}

/// `kluis add`: validates, inserts and logs one record. A value under explicit consent is
/// refused: the record needs an id before its consent can be recorded.
pub fn add(
    conn: &Connection,
    schema: &SchemaView,
    input: &[(String, String)],
    now: OffsetDateTime,
) -> Result<RecordId, Error> {
    add_from(conn, schema, input, "cli", now)
}

/// [`add`] from another front end, named in the audit log (e.g. "web").
pub fn add_from(
    conn: &Connection,
    schema: &SchemaView,
    input: &[(String, String)],
    origin: &str,
    now: OffsetDateTime,
) -> Result<RecordId, Error> {
    let values = validate_new(schema, input)?;
    super::consent::refuse_explicit_consent_on_add(schema, values.iter().map(|(id, _)| *id))?;
    insert_record(conn, schema, &values, origin, now)
}

/// Fails with [`Error::NoRecord`] unless the record exists.
pub fn ensure_exists(conn: &Connection, record: RecordId) -> Result<(), Error> {
    let found = conn
        .prepare_cached("SELECT 1 FROM records WHERE id = ?1")?
        .query_row([record], |_| Ok(()))
        .optional()?;
    found.ok_or(Error::NoRecord { record })
}

/// `kluis edit`: sets or clears values (a value under explicit consent only with the
/// person's current consent), bumps the record's last change (the start of most
/// retention periods) and logs the field names.
pub fn edit(
    conn: &Connection,
    schema: &SchemaView,
    record: RecordId,
    input: &[(String, String)],
    now: OffsetDateTime,
) -> Result<(), Error> {
    edit_from(conn, schema, record, input, "cli", now)
}

/// Which records `kluis edit` changes: the ids given, or every record [`find`] matches.
#[derive(Debug, Clone, Copy)]
pub enum Targets<'a> {
    Ids(&'a [RecordId]),
    Matching(&'a str),
}

/// `kluis edit` on several records: the same values for each, all or none (the caller's
/// transaction). Returns the ids changed, in order. A query that matches nothing is refused,
/// since an edit that changes nothing is most likely a mistyped query.
pub fn edit_each(
    conn: &Connection,
    schema: &SchemaView,
    targets: Targets<'_>,
    input: &[(String, String)],
    now: OffsetDateTime,
) -> Result<Vec<RecordId>, Error> {
    let ids = match targets {
        Targets::Ids(ids) => ids.to_vec(),
        Targets::Matching(query) => find_someone(conn, schema, query)?
            .iter()
            .map(|r| r.id)
            .collect(),
    };
    if ids.is_empty() {
        return Err(Error::NoMatch);
    }
    for &id in &ids {
        edit(conn, schema, id, input, now)?;
    }
    Ok(ids)
}

/// [`edit`] from another front end, named in the audit log (e.g. "web").
pub fn edit_from(
    conn: &Connection,
    schema: &SchemaView,
    record: RecordId,
    input: &[(String, String)],
    origin: &str,
    now: OffsetDateTime,
) -> Result<(), Error> {
    ensure_exists(conn, record)?;
    let stored = stored_country(conn, schema, record)?;
    let changes = validate_changes(schema, input, stored.as_deref())?;
    let given = changes.iter().filter(|(_, value)| value.is_some());
    super::consent::require_explicit_consent(conn, schema, record, given.map(|(id, _)| *id))?;
    update_record(conn, schema, record, &changes, origin, now)
}

/// Applies changes already validated by [`validate_changes`] (e.g. an importer merging a
/// duplicate into the record already there), bumps the last change and logs the field names with
/// `origin` noted when it is not the command line.
pub fn update_record(
    conn: &Connection,
    schema: &SchemaView,
    record: RecordId,
    changes: &[(i64, Option<String>)],
    origin: &str,
    now: OffsetDateTime,
) -> Result<(), Error> {
    ensure_exists(conn, record)?;
    super::limits::refuse_if_restricted(conn, record)?;
    let at = clock::format(now);
    for (field_id, value) in changes {
        let changed = conn
            .prepare_cached(&format!(
                "UPDATE records SET {} = ?2 WHERE id = ?1",
                value_column(*field_id)
            ))?
            .execute(params![record, value])?;
        super::erase::expect_changed(changed, 1, || {
            format!(
                "record {record}'s field {}",
                field_names(schema, std::iter::once(*field_id)).join("")
            )
        })?;
        match value {
            Some(value) => search_key::remember(conn, record, *field_id, value)?,
            None => search_key::forget(conn, Some(record), *field_id)?,
        }
    }
    conn.prepare_cached("UPDATE records SET updated_at = ?1 WHERE id = ?2")?
        .execute(params![at, record])?;
    let cleared: Vec<&str> = field_names(
        schema,
        changes
            .iter()
            .filter(|(_, v)| v.is_none())
            .map(|(id, _)| *id),
    );
    audit::write(
        conn,
        &NewEntry {
            action: action::EDIT,
            record: Some(record),
            fields: field_names(schema, changes.iter().map(|(id, _)| *id)),
            detail: edit_detail(&cleared, origin),
            ..NewEntry::default()
        },
        now,
    )
}

fn edit_detail(cleared: &[&str], origin: &str) -> Option<String> {
    let cleared = (!cleared.is_empty()).then(|| format!("cleared {}", cleared.join(",")));
    let via = (origin != "cli").then(|| format!("via {origin}"));
    match (cleared, via) {
        (Some(cleared), Some(via)) => Some(format!("{cleared}; {via}")),
        (cleared, via) => cleared.or(via),
    }
}

/// `, field_3, field_7, …`: the value columns of every schema field, in schema (name) order,
/// to follow the fixed columns of a statement.
/// A record from a row of `SELECT id, created_at, updated_at{value_columns}`.
pub(crate) fn from_row(row: &rusqlite::Row<'_>, schema: &SchemaView) -> rusqlite::Result<Record> {
    let mut values = Vec::new();
    // Schema fields are in name order, so the values are too.
    for (index, field) in schema.fields.iter().enumerate() {
        if let Some(value) = row.get::<_, Option<String>>(index + 3)? {
            values.push((field.name.clone(), value));
        }
    }
    Ok(Record {
        id: row.get(0)?,
        created_at: row.get(1)?,
        updated_at: row.get(2)?,
        values,
    })
}

pub(crate) fn value_columns(schema: &SchemaView) -> String {
    schema
        .fields
        .iter()
        .map(|f| format!(", {}", value_column(f.id)))
        .collect()
}

/// Erases one value. With secure_delete on, the old text is overwritten, not just unlinked.
pub(crate) fn clear_value(conn: &Connection, record: RecordId, field_id: i64) -> Result<(), Error> {
    let changed = conn
        .prepare_cached(&format!(
            "UPDATE records SET {} = NULL WHERE id = ?1",
            value_column(field_id)
        ))?
        .execute([record])?;
    super::erase::expect_changed(changed, 1, || {
        format!("record {record}'s {}", value_column(field_id))
    })?;
    Ok(search_key::forget(conn, Some(record), field_id)?)
}

/// Loads records with their values: all of them, or one.
pub fn load(
    conn: &Connection,
    schema: &SchemaView,
    only: Option<RecordId>,
) -> Result<Vec<Record>, Error> {
    let columns = value_columns(schema);
    if let Some(record) = only {
        return match get(conn, schema, record) {
            Ok(found) => Ok(vec![found]),
            Err(Error::NoRecord { .. }) => Ok(Vec::new()),
            Err(error) => Err(error),
        };
    }
    let mut statement = conn.prepare_cached(&format!(
        "SELECT id, created_at, updated_at{columns} FROM records ORDER BY id"
    ))?;
    let records = statement.query_map([], |row| from_row(row, schema))?;
    Ok(records.collect::<Result<_, _>>()?)
}

/// Calls `each` with every record, in id order, as it is read: a long listing is printed
/// while it is read instead of after.
pub fn for_each<E: From<Error>>(
    conn: &Connection,
    schema: &SchemaView,
    mut each: impl FnMut(Record) -> Result<(), E>,
) -> Result<(), E> {
    let columns = value_columns(schema);
    let mut statement = conn
        .prepare_cached(&format!(
            "SELECT id, created_at, updated_at{columns} FROM records ORDER BY id"
        ))
        .map_err(Error::from)?;
    let mut rows = statement.query([]).map_err(Error::from)?;
    while let Some(row) = rows.next().map_err(Error::from)? {
        each(from_row(row, schema).map_err(Error::from)?)?;
    }
    Ok(())
}

/// `kluis show`: one record.
/// A point lookup by the primary key: `WHERE ?1 IS NULL OR id = ?1` (as in [`load`]) makes
/// SQLite scan the whole table, which at a million records cost more than the rest of `show`.
pub fn get(conn: &Connection, schema: &SchemaView, record: RecordId) -> Result<Record, Error> {
    let columns = value_columns(schema);
    conn.prepare_cached(&format!(
        "SELECT id, created_at, updated_at{columns} FROM records WHERE id = ?1"
    ))?
    .query_row([record], |row| from_row(row, schema))
    .optional()?
    .ok_or(Error::NoRecord { record })
}

/// [`find`] for a search that names the people a change is for: a blank text, which would
/// match every record, is refused. Until the twelfth session `edit --where ""` changed every
/// record.
pub fn find_someone(
    conn: &Connection,
    schema: &SchemaView,
    text: &str,
) -> Result<Vec<Record>, Error> {
    if text.trim().is_empty() {
        return Err(Error::EmptyQuery);
    }
    find(conn, schema, text)
}

/// `kluis find` in every field without a limit ([`search::search`]): records whose values
/// hold every word of `text`, ignoring case and accents.
pub fn find(conn: &Connection, schema: &SchemaView, text: &str) -> Result<Vec<Record>, Error> {
    let query = search::Query {
        text,
        ..search::Query::default()
    };
    Ok(search::search(conn, schema, &query)?.records)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::testing::{T0, at, pairs, shop};

    #[test]
    fn add_stores_values_and_logs_field_names_only() {
        let (conn, schema) = shop();
        let id = add(
            &conn,
            &schema,
            &pairs(&[("name", "Jan"), ("email", "jan@example.nl")]),
            at(T0),
        )
        .unwrap();
        let record = get(&conn, &schema, id).unwrap();
        assert_eq!(record.value("name"), Some("Jan"));
        assert_eq!(record.created_at, T0);
        let log = audit::entries(&conn, Some(id)).unwrap();
        assert_eq!(log[0].action, "add");
        assert_eq!(log[0].fields, ["email", "name"]);
        assert!(!log[0].line().contains("jan@example.nl"));
    }

    #[test]
    fn add_refuses_unknown_duplicate_and_missing_required_fields() {
        let (conn, schema) = shop();
        let err = add(
            &conn,
            &schema,
            &pairs(&[("name", "Jan"), ("shoe_size", "44")]),
            at(T0),
        )
        .unwrap_err();
        assert!(
            matches!(err, Error::UnknownField { ref field } if field == "shoe_size"),
            "{err}"
        );
        let err = add(
            &conn,
            &schema,
            &pairs(&[("name", "Jan"), ("name", "Piet")]),
            at(T0),
        )
        .unwrap_err();
        assert!(matches!(err, Error::DuplicateField { .. }), "{err}");
        let err = add(
            &conn,
            &schema,
            &pairs(&[("email", "jan@example.nl")]),
            at(T0),
        )
        .unwrap_err();
        assert!(
            matches!(err, Error::MissingRequired { ref field } if field == "name"),
            "{err}"
        );
        let err = add(&conn, &schema, &pairs(&[("name", "  ")]), at(T0)).unwrap_err();
        assert!(matches!(err, Error::MissingRequired { .. }), "{err}");
        assert!(load(&conn, &schema, None).unwrap().is_empty());
    }

    #[test]
    fn malformed_arguments_are_named_by_position_not_content() {
        let err = parse_assignments(&["name=Jan", "secret-value"]).unwrap_err();
        assert!(matches!(err, Error::NotAnAssignment { position: 2 }));
        let err = parse_assignments(&["jan@example.nl=x"]).unwrap_err();
        assert!(matches!(err, Error::BadFieldName { position: 1 }));
        assert!(!err.to_string().contains("jan@"));
        assert_eq!(
            parse_assignments(&["name=Jan=de Vries", "phone="]).unwrap(),
            pairs(&[("name", "Jan=de Vries"), ("phone", "")])
        );
    }

    #[test]
    fn edit_sets_clears_and_bumps_the_last_change() {
        let (conn, schema) = shop();
        let id = add(
            &conn,
            &schema,
            &pairs(&[("name", "Jan"), ("phone", "0612345678")]),
            at(T0),
        )
        .unwrap();
        let later = "2030-06-01T00:00:00Z";
        edit(
            &conn,
            &schema,
            id,
            &pairs(&[("phone", ""), ("iban", "NL01")]),
            at(later),
        )
        .unwrap();
        let record = get(&conn, &schema, id).unwrap();
        assert_eq!(record.value("phone"), None);
        assert_eq!(record.value("iban"), Some("NL01"));
        assert_eq!(record.updated_at, later);
        let err = edit(&conn, &schema, id, &pairs(&[("name", "")]), at(later)).unwrap_err();
        assert!(matches!(err, Error::ClearRequired { .. }), "{err}");
        let err = edit(&conn, &schema, id + 1, &pairs(&[("iban", "x")]), at(later)).unwrap_err();
        assert!(matches!(err, Error::NoRecord { .. }), "{err}");
        let log = audit::entries(&conn, Some(id)).unwrap();
        assert_eq!(log[1].fields, ["iban", "phone"]);
        assert_eq!(log[1].detail.as_deref(), Some("cleared phone"));
    }

    #[test]
    fn edit_each_changes_the_ids_given_or_the_records_a_query_finds() {
        let (conn, schema) = shop();
        let jan = add(&conn, &schema, &pairs(&[("name", "Jan de Vries")]), at(T0)).unwrap();
        let piet = add(&conn, &schema, &pairs(&[("name", "Piet")]), at(T0)).unwrap();
        let kees = add(&conn, &schema, &pairs(&[("name", "Kees de Vries")]), at(T0)).unwrap();
        let iban = pairs(&[("iban", "NL01")]);
        let ids = [jan, piet];
        let changed = edit_each(&conn, &schema, Targets::Ids(&ids), &iban, at(T0)).unwrap();
        assert_eq!(changed, [jan, piet]);
        assert_eq!(get(&conn, &schema, kees).unwrap().value("iban"), None);
        let phone = pairs(&[("phone", "0612345678")]);
        let query = Targets::Matching("de vries");
        let changed = edit_each(&conn, &schema, query, &phone, at(T0)).unwrap();
        assert_eq!(changed, [jan, kees]);
        assert_eq!(get(&conn, &schema, piet).unwrap().value("phone"), None);
        let err = edit_each(&conn, &schema, Targets::Matching("klaas"), &phone, at(T0));
        assert!(matches!(err, Err(Error::NoMatch)), "{err:?}");
    }

    /// Until the twelfth session `edit --where ""` matched, and changed, every record.
    #[test]
    fn a_blank_where_changes_no_record() {
        let (conn, schema) = shop();
        let jan = add(&conn, &schema, &pairs(&[("name", "Jan")]), at(T0)).unwrap();
        let phone = pairs(&[("phone", "0612345678")]);
        for blank in ["", "  ", "\t"] {
            let err = edit_each(&conn, &schema, Targets::Matching(blank), &phone, at(T0));
            assert!(matches!(err, Err(Error::EmptyQuery)), "{err:?}");
        }
        assert_eq!(get(&conn, &schema, jan).unwrap().value("phone"), None);
    }

    #[test]
    fn find_matches_any_value_ignoring_case() {
        let (conn, schema) = shop();
        let jan = add(&conn, &schema, &pairs(&[("name", "Jan de Vries")]), at(T0)).unwrap();
        add(&conn, &schema, &pairs(&[("name", "Piet")]), at(T0)).unwrap();
        let found = find(&conn, &schema, "DE VRIES").unwrap();
        assert_eq!(found.iter().map(|r| r.id).collect::<Vec<_>>(), [jan]);
        assert!(find(&conn, &schema, "klaas").unwrap().is_empty());
    }

    #[test]
    fn records_to_json_hold_id_and_one_key_per_field() {
        let (conn, schema) = shop();
        let id = add(&conn, &schema, &pairs(&[("name", "Jan")]), at(T0)).unwrap();
        let json = get(&conn, &schema, id).unwrap().to_json(&["name", "phone"]);
        assert_eq!(
            json,
            serde_json::json!({"id": id, "name": "Jan", "phone": null})
        );
    }

    #[test]
    fn an_importer_merges_into_an_existing_record() {
        let (conn, schema) = shop();
        let values = validate_new(
            &schema,
            &pairs(&[("name", "Jan"), ("email", "Jan@Example.nl")]),
        )
        .unwrap();
        let id = insert_record(&conn, &schema, &values, "import", at(T0)).unwrap();
        let changes = validate_changes(&schema, &pairs(&[("phone", "0612345678")]), None).unwrap();
        update_record(
            &conn,
            &schema,
            id,
            &changes,
            "import",
            at("2030-02-01T00:00:00Z"),
        )
        .unwrap();
        let record = get(&conn, &schema, id).unwrap();
        assert_eq!(record.value("phone"), Some("+31612345678"));
        let log = audit::entries(&conn, Some(id)).unwrap();
        assert_eq!(log[0].detail.as_deref(), Some("via import"));
        assert_eq!(log[1].detail.as_deref(), Some("via import"));
    }

    /// The shop with a postcode and a country field.
    fn shop_abroad() -> (Connection, SchemaView) {
        let (conn, _) = shop();
        for (name, kind) in [("postcode", "postcode"), ("land", "country")] {
            crate::records::testing::field(&conn, name, kind, false, &["customer-admin"]);
        }
        let schema = SchemaView::load(&conn).unwrap();
        (conn, schema)
    }

    #[test]
    fn a_records_country_reads_its_postcode_and_phone_regression_foreign_postcodes() {
        let (conn, schema) = shop_abroad();
        let input = pairs(&[
            ("name", "Lien"),
            ("postcode", "2000"),
            ("phone", "0470 12 34 56"),
            ("land", "België"),
        ]);
        let id = add(&conn, &schema, &input, at(T0)).unwrap();
        let record = get(&conn, &schema, id).unwrap();
        assert_eq!(record.value("land"), Some("BE"));
        assert_eq!(record.value("postcode"), Some("2000"));
        assert_eq!(record.value("phone"), Some("+32470123456"));
        // An edit without the country reads the new postcode by the stored one.
        edit(&conn, &schema, id, &pairs(&[("postcode", "9000")]), at(T0)).unwrap();
        assert_eq!(
            get(&conn, &schema, id).unwrap().value("postcode"),
            Some("9000")
        );
        // Without a country, the postcode is Dutch.
        let error = add(
            &conn,
            &schema,
            &pairs(&[("name", "Piet"), ("postcode", "2000")]),
            at(T0),
        )
        .unwrap_err();
        assert!(matches!(error, Error::InvalidValue { .. }), "{error}");
        let id = add(
            &conn,
            &schema,
            &pairs(&[("name", "Piet"), ("postcode", "1234-ab")]),
            at(T0),
        )
        .unwrap();
        assert_eq!(
            get(&conn, &schema, id).unwrap().value("postcode"),
            Some("1234 AB")
        );
    }
}
