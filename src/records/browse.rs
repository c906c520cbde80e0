//! Browsing records a page at a time, sorted and searched: what a customer table needs at
//! 100,000 records. One row is turned into a `Record` only when it is on the page shown.

use rusqlite::Connection;
use rusqlite::types::ValueRef;

use super::Error;
use super::record::{Record, from_row, value_columns};
use super::view::SchemaView;

/// Search text as `find` matches it: anywhere in any value, ignoring case.
pub struct Needle {
    lower: String,
    ascii: bool,
}

impl Needle {
    pub fn new(text: &str) -> Needle {
        let lower = text.trim().to_lowercase();
        Needle {
            ascii: lower.is_ascii(),
            lower,
        }
    }

    /// Whether `value` holds the text. ASCII values are compared without allocating, which
    /// gives the same answer as lower-casing both: for ASCII, the two are one rule.
    pub fn found_in(&self, value: &str) -> bool {
        if self.ascii && value.is_ascii() {
            let needle = self.lower.as_bytes();
            return needle.is_empty()
                || value
                    .as_bytes()
                    .windows(needle.len())
                    .any(|window| window.eq_ignore_ascii_case(needle));
        }
        value.to_lowercase().contains(&self.lower)
    }
}

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
pub fn browse(conn: &Connection, schema: &SchemaView, query: &Query<'_>) -> Result<Page, Error> {
    let order = match query.sort {
        None => "id".to_owned(),
        Some(name) => {
            let field = schema.field(name).ok_or_else(|| Error::UnknownField {
                field: name.to_owned(),
            })?;
            let column = crate::schema::value_column(field.id);
            format!("{column} IS NULL, {column} COLLATE NOCASE")
        }
    };
    let direction = if query.descending { "DESC" } else { "ASC" };
    let columns = value_columns(schema);
    let sql = format!(
        "SELECT id, created_at, updated_at{columns} FROM records ORDER BY {order} {direction}, id"
    );
    let needle = query.text.map(Needle::new).filter(|n| !n.lower.is_empty());
    let first = query.page * query.per_page;
    let mut statement = conn.prepare_cached(&sql)?;
    let mut rows = statement.query([])?;
    let mut page = Page {
        records: Vec::new(),
        total: 0,
    };
    while let Some(row) = rows.next()? {
        if let Some(needle) = &needle
            && !row_matches(row, schema.fields.len(), needle)?
        {
            continue;
        }
        if page.total >= first && page.records.len() < query.per_page {
            page.records.push(from_row(row, schema)?);
        }
        page.total += 1;
    }
    Ok(page)
}

fn row_matches(row: &rusqlite::Row<'_>, fields: usize, needle: &Needle) -> Result<bool, Error> {
    for index in 0..fields {
        if let ValueRef::Text(bytes) = row.get_ref(index + 3)?
            && let Ok(text) = std::str::from_utf8(bytes)
            && needle.found_in(text)
        {
            return Ok(true);
        }
    }
    Ok(false)
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

    proptest::proptest! {
        #[test]
        fn the_ascii_shortcut_agrees_with_lower_casing(value in "\\PC{0,12}", text in "\\PC{0,3}") {
            let needle = Needle::new(&text);
            let slow = value.to_lowercase().contains(&text.trim().to_lowercase());
            proptest::prop_assert_eq!(needle.found_in(&value), slow);
        }
    }
}
