//! Browsing records a page at a time, sorted and searched: what a customer table needs at
//! 100,000 records. One row is turned into a `Record` only when it is on the page shown.

use rusqlite::Connection;
use rusqlite::types::ValueRef;

use super::record::{Record, from_row, value_columns};
use super::view::SchemaView;
use super::{Error, RecordId};

/// What to show: an optional search, a sort column and a page.
#[derive(Debug, Clone, Default)]
pub struct Query<'a> {
    pub text: Option<&'a str>,
    /// A field name; `None` sorts by id, the order records were added.
    pub sort: Option<&'a str>,
    pub descending: bool,
    /// Zero-based page number.
    pub page: usize,
    pub per_page: usize,
}

/// One page of records, and how many there are in all.
#[derive(Debug, Clone)]
pub struct Page {
    pub records: Vec<Record>,
    pub total: usize,
}

/// The records the query asks for. A sort column that is not a field is refused by name.
///
/// Without a search, SQLite picks the page's ids (a bounded sort of ids and one column) and
/// counts; with one, SQLite matches the search keys as `kluis find` does (every word, ignoring
/// case and accents, phone numbers and postcodes in any spelling) and returns the matching ids
/// with their sort key. Either way only the page's rows become `Record`s.
pub fn browse(conn: &Connection, schema: &SchemaView, query: &Query<'_>) -> Result<Page, Error> {
    let column = sort_column(schema, query.sort)?;
    let text = query.text.map(str::trim).filter(|text| !text.is_empty());
    let (ids, total) = match text {
        None => (
            page_of_ids(conn, column.as_deref(), query)?,
            conn.query_row("SELECT count(*) FROM records", [], |row| {
                row.get::<_, i64>(0)
            })? as usize,
        ),
        Some(text) => {
            let mut found = matching(conn, schema, column.as_deref(), text)?;
            sort(&mut found, column.is_some(), query.descending);
            let total = found.len();
            let ids = found
                .into_iter()
                .skip(query.page * query.per_page)
                .take(query.per_page)
                .map(|(_, id)| id)
                .collect();
            (ids, total)
        }
    };
    Ok(Page {
        records: load_in_order(conn, schema, &ids)?,
        total,
    })
}

/// The value column a field name sorts by; `None` sorts by id.
fn sort_column(schema: &SchemaView, sort: Option<&str>) -> Result<Option<String>, Error> {
    sort.map(|name| {
        schema
            .field(name)
            .map(|field| crate::schema::value_column(field.id))
            .ok_or_else(|| Error::UnknownField {
                field: name.to_owned(),
            })
    })
    .transpose()
}

/// Empty values last, then the column without regard to ASCII case (SQLite's NOCASE), then
/// the id: the same order in SQL and in [`sort`].
fn page_of_ids(
    conn: &Connection,
    column: Option<&str>,
    query: &Query<'_>,
) -> Result<Vec<RecordId>, Error> {
    let direction = if query.descending { "DESC" } else { "ASC" };
    let order = match column {
        None => format!("id {direction}"),
        Some(column) => format!("{column} IS NULL, {column} COLLATE NOCASE {direction}, id"),
    };
    let sql = format!("SELECT id FROM records ORDER BY {order} LIMIT ?1 OFFSET ?2");
    let mut statement = conn.prepare_cached(&sql)?;
    let limit = i64::try_from(query.per_page).unwrap_or(i64::MAX);
    let offset = i64::try_from(query.page * query.per_page).unwrap_or(i64::MAX);
    let ids = statement.query_map([limit, offset], |row| row.get(0))?;
    Ok(ids.collect::<Result<_, _>>()?)
}

/// A matching record's sort key (ASCII-folded, as NOCASE compares) and id.
type Found = (Option<Vec<u8>>, RecordId);

fn matching(
    conn: &Connection,
    schema: &SchemaView,
    column: Option<&str>,
    text: &str,
) -> Result<Vec<Found>, Error> {
    let key = column.unwrap_or("NULL");
    let (clause, params) = super::search::text_condition(conn, schema, text)?;
    let sql = format!("SELECT id, {key} FROM records WHERE {clause}");
    let mut statement = conn.prepare(&sql)?;
    let mut rows = statement.query(rusqlite::params_from_iter(params.iter()))?;
    let mut found = Vec::new();
    while let Some(row) = rows.next()? {
        let key = match row.get_ref(1)? {
            ValueRef::Text(bytes) => Some(bytes.to_ascii_lowercase()),
            _ => None,
        };
        found.push((key, row.get(0)?));
    }
    Ok(found)
}

fn sort(found: &mut [Found], by_column: bool, descending: bool) {
    if !by_column {
        found.sort_unstable_by_key(|(_, id)| *id);
        if descending {
            found.reverse();
        }
        return;
    }
    found.sort_unstable_by(|(a, a_id), (b, b_id)| {
        let by_key = if descending { b.cmp(a) } else { a.cmp(b) };
        a.is_none()
            .cmp(&b.is_none())
            .then(by_key)
            .then(a_id.cmp(b_id))
    });
}

/// The rows of `ids`, in that order.
fn load_in_order(
    conn: &Connection,
    schema: &SchemaView,
    ids: &[RecordId],
) -> Result<Vec<Record>, Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let columns = value_columns(schema);
    let marks = vec!["?"; ids.len()].join(", ");
    let sql =
        format!("SELECT id, created_at, updated_at{columns} FROM records WHERE id IN ({marks})");
    let mut statement = conn.prepare(&sql)?;
    let rows = statement.query_map(rusqlite::params_from_iter(ids), |row| from_row(row, schema))?;
    let mut records: Vec<Record> = rows.collect::<Result<_, _>>()?;
    records.sort_by_key(|r| ids.iter().position(|id| *id == r.id));
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::record::add;
    use crate::records::testing::{T0, at, pairs, shop};

    fn names(page: &Page) -> Vec<&str> {
        page.records
            .iter()
            .map(|r| r.value("name").unwrap_or(""))
            .collect()
    }

    #[test]
    fn pages_sorts_and_searches_like_find() {
        let (conn, schema) = shop();
        for name in ["Émile Zola", "anna de Boer", "Bert", "Chris"] {
            add(&conn, &schema, &pairs(&[("name", name)]), at(T0)).unwrap();
        }
        let query = Query {
            sort: Some("name"),
            per_page: 2,
            ..Query::default()
        };
        let first = browse(&conn, &schema, &query).unwrap();
        assert_eq!(
            (names(&first), first.total),
            (vec!["anna de Boer", "Bert"], 4)
        );
        let second = browse(
            &conn,
            &schema,
            &Query {
                page: 1,
                ..query.clone()
            },
        )
        .unwrap();
        assert_eq!(names(&second), ["Chris", "Émile Zola"]);
        for text in ["émile", "DE BO", "r"] {
            let found = browse(
                &conn,
                &schema,
                &Query {
                    text: Some(text),
                    per_page: 10,
                    ..Query::default()
                },
            )
            .unwrap();
            let expected: Vec<String> = crate::records::record::find(&conn, &schema, text)
                .unwrap()
                .iter()
                .map(|r| r.value("name").unwrap().to_owned())
                .collect();
            assert_eq!(names(&found), expected, "{text}");
            assert_eq!(found.total, expected.len());
        }
    }

    #[test]
    fn a_search_that_matches_everyone_orders_like_the_table() {
        let (conn, schema) = shop();
        for name in ["bea", "Anna", "carla", "Bea", "anna", "Émilia"] {
            add(&conn, &schema, &pairs(&[("name", name)]), at(T0)).unwrap();
        }
        // Some with an e-mail address, so sorting by it puts the others last.
        let zed = pairs(&[("name", "Zara"), ("email", "x@a.nl")]);
        add(&conn, &schema, &zed, at(T0)).unwrap();
        for sort in [None, Some("name"), Some("email")] {
            for descending in [false, true] {
                for page in 0..3 {
                    let query = Query {
                        sort,
                        descending,
                        page,
                        per_page: 3,
                        ..Query::default()
                    };
                    let table = browse(&conn, &schema, &query).unwrap();
                    // Every record holds an "a" somewhere.
                    let searched = Query {
                        text: Some("A"),
                        ..query.clone()
                    };
                    let all = browse(&conn, &schema, &searched).unwrap();
                    let ids = |page: &Page| page.records.iter().map(|r| r.id).collect::<Vec<_>>();
                    assert_eq!(all.total, 7);
                    assert_eq!(ids(&all), ids(&table), "{sort:?} {descending} {page}");
                }
            }
        }
    }

    #[test]
    fn special_characters_and_case_folding_match_like_find() {
        let (conn, schema) = shop();
        for name in [
            "50% korting",
            "a_b",
            "back\\slash",
            "\u{212A}elvin",
            "İlse",
            "plain",
        ] {
            add(&conn, &schema, &pairs(&[("name", name)]), at(T0)).unwrap();
        }
        for text in ["50%", "%", "_", "a_b", "\\", "k", "kel", "i", "x"] {
            let query = Query {
                text: Some(text),
                per_page: 10,
                ..Query::default()
            };
            let found = browse(&conn, &schema, &query).unwrap();
            let expected: Vec<String> = crate::records::record::find(&conn, &schema, text)
                .unwrap()
                .iter()
                .map(|r| r.value("name").unwrap().to_owned())
                .collect();
            assert_eq!(names(&found), expected, "{text}");
        }
    }

    #[test]
    fn the_table_search_forgives_like_find() {
        let (conn, schema) = shop();
        let zoe = pairs(&[("name", "Zoë de Vries"), ("phone", "+31612345678")]);
        let zoe = add(&conn, &schema, &zoe, at(T0)).unwrap();
        add(&conn, &schema, &pairs(&[("name", "Jan Vries")]), at(T0)).unwrap();
        for text in ["zoe", "VRIES ZOË", "06-12345678", "0612345678"] {
            let query = Query {
                text: Some(text),
                per_page: 10,
                ..Query::default()
            };
            let page = browse(&conn, &schema, &query).unwrap();
            let ids: Vec<RecordId> = page.records.iter().map(|r| r.id).collect();
            assert_eq!((ids, page.total), (vec![zoe], 1), "{text}");
        }
    }

    #[test]
    fn an_unknown_sort_column_is_refused_by_name() {
        let (conn, schema) = shop();
        let query = Query {
            sort: Some("nope"),
            per_page: 1,
            ..Query::default()
        };
        assert!(matches!(
            browse(&conn, &schema, &query),
            Err(Error::UnknownField { .. })
        ));
    }
}
